/** @module What a walk-in record's view adds to the common contact view (see `kind.ts`, `viewFields`). */
import type { AttachmentRef } from '../attachments/refs.ts';
import type { Host } from '../appointment/state.ts';
import type { ContactViewCore } from '../contact/view.ts';
import type { PersonRef } from '../contact/state.ts';
import type { Visitor, WalkInStatus } from './state.ts';

export interface WalkInView extends ContactViewCore {
  kind: 'walk_in';
  status: WalkInStatus;
  visitedAt: number;
  content: string;
  host: Host;
  visitor: Visitor;
  recordedBy: PersonRef;
  result: {
    held: boolean;
    reason: string | null;
    summary: string;
    informationProvided: string;
    recordedAt: number;
    recordedBy: PersonRef;
    attachments: AttachmentRef[];
  } | null;
}
