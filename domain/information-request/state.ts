/**
 * @module
 * The state of one information request (SPEC.md C2.1), as the workflow keeps it: the common contact fields
 * plus the question, the draft and the approved answer.
 */
import type { AttachmentRef } from '../attachments/refs.ts';
import type { ContactCore, NewContactCore } from '../contact/state.ts';
import type { DeclineGround, InformationRequestStatus } from '../vocabulary.ts';

export type { PersonRef, TimelineEntry } from '../contact/state.ts';

export interface InformationRequestState extends ContactCore<
  'information_request',
  InformationRequestStatus
> {
  question: string;
  draftAnswer?:
    { text: string; bySub: string; at: number; attachments?: AttachmentRef[] | undefined } | undefined;
  answer?:
    | {
        text: string;
        approvedBy: { sub: string; name: string };
        at: number;
        /** The documents sent with the answer. */
        attachments?: AttachmentRef[] | undefined;
      }
    | undefined;
  decline?: { ground: DeclineGround; explanation: string } | undefined;
}

export interface NewInformationRequest extends NewContactCore {
  question: string;
}

export const TERMINAL_STATUSES: readonly InformationRequestStatus[] = [
  'closed',
  'declined',
  'forwarded',
  'withdrawn',
];

export const OPEN_STATUSES: readonly InformationRequestStatus[] = [
  'submitted',
  'awaiting_journalist',
  'in_progress',
  'pending_approval',
];
