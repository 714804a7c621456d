/**
 * @module
 * The state of one work appointment (SPEC.md C2.2): what the journalist proposed, the counter-proposal on the
 * table, the meeting agreed, and its result. Times are epoch milliseconds; a slot is a start and an end.
 */
import type { MeetingResult } from '../contact/meeting-result.ts';
import type { ContactCore, NewContactCore } from '../contact/state.ts';

export type { MeetingResult };
import type { DeclineGround } from '../vocabulary.ts';

export const APPOINTMENT_STATUSES = [
  'submitted',
  'awaiting_journalist',
  'scheduled',
  'completed',
  'not_held',
  'closed',
  'declined',
  'forwarded',
  'cancelled',
  'withdrawn',
] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const APPOINTMENT_FORMATS = ['in_person', 'online', 'phone'] as const;
export type AppointmentFormat = (typeof APPOINTMENT_FORMATS)[number];

export interface Slot {
  start: number;
  end: number;
}

/** The host of a meeting: a current spokesperson or authorized person of the agency (registry id). */
export interface Host {
  id: string;
  name: string;
  title?: string | undefined;
}

/** Slots one side offers and the other must take one of (or answer with others). */
export interface Proposal {
  by: 'journalist' | 'agency';
  slots: Slot[];
  place?: string | undefined;
  host?: Host | undefined;
  note?: string | undefined;
  /** A reschedule's reason. */
  reason?: string | undefined;
  at: number;
}

export interface Meeting {
  slot: Slot;
  place: string;
  host: Host;
  agreedAt: number;
}

export interface AppointmentState extends ContactCore<'appointment', AppointmentStatus> {
  questions: string;
  format: AppointmentFormat;
  participants?: string | undefined;
  /** The slots on the table now: the journalist's (first proposal, reschedule) or the agency's. */
  proposal: Proposal;
  meeting?: Meeting | undefined;
  /** iCalendar SEQUENCE: 0 when first scheduled, +1 at every reschedule or cancel of an agreed meeting. */
  sequence: number;
  result?: MeetingResult | undefined;
  decline?: { ground: DeclineGround; explanation: string } | undefined;
  cancellation?: { reason: string; by: { sub: string; name: string }; at: number } | undefined;
}

export interface NewAppointment extends NewContactCore {
  questions: string;
  format: AppointmentFormat;
  participants?: string | undefined;
  proposedSlots: Slot[];
}
