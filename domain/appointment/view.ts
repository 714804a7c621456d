/** @module What an appointment's view adds to the common contact view (see `kind.ts`, `viewFields`). */
import type { AttachmentRef } from '../attachments/refs.ts';
import type { ContactViewCore } from '../contact/view.ts';
import type { DeclineGround } from '../vocabulary.ts';
import type { AppointmentFormat, AppointmentStatus, Host, Meeting, Slot } from './state.ts';

export interface AppointmentView extends ContactViewCore {
  kind: 'appointment';
  status: AppointmentStatus;
  questions: string;
  format: AppointmentFormat;
  participants: string | null;
  proposal: {
    by: 'journalist' | 'agency';
    slots: Slot[];
    place: string | null;
    host: Host | null;
    note: string | null;
    reason: string | null;
    at: number;
  };
  meeting: Meeting | null;
  sequence: number;
  result: {
    held: boolean;
    reason: string | null;
    summary: string;
    informationProvided: string;
    recordedAt: number;
    recordedBy: { sub: string; name: string };
    attachments: AttachmentRef[];
  } | null;
  decline: { ground: DeclineGround; explanation: string } | null;
  cancellation: { reason: string; by: { sub: string; name: string }; at: number } | null;
  nextMeetingAt: number | null;
}
