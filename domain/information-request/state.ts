/**
 * @module
 * The state of one information request, as the workflow keeps it. Plain serialisable data: it is carried in
 * Temporal workflow state and returned by the snapshot query.
 */
import type { CalendarData } from '../calendar/index.ts';
import type { Clock } from '../deadlines/clock.ts';
import type { DeadlineRule } from '../deadlines/rules.ts';
import type { ClockName, DeclineGround, InformationRequestStatus, Role } from '../vocabulary.ts';

export interface PersonRef {
  sub: string;
  name: string;
}

/** What happened, in order. `seq` is the contact's own event counter (1, 2, …): the projection's key. */
export interface TimelineEntry {
  seq: number;
  at: number;
  /** An action name, or a lifecycle event: `submitted`, `warning`, `overdue`, `escalated`. */
  type: string;
  actor?: (PersonRef & { role?: Role | undefined }) | undefined;
  /** Free text a person wrote (answer, reason, question). */
  text?: string | undefined;
  /** Structured details (assignee, ground, clock, old and new due dates…). */
  data?: Record<string, unknown> | undefined;
}

export interface InformationRequestState {
  contactId: string;
  kind: 'information_request';
  agencyId: string;
  provinceId?: string | undefined;
  journalist: PersonRef;
  subject: string;
  question: string;
  status: InformationRequestStatus;
  assignee?: PersonRef | undefined;
  draftAnswer?: { text: string; bySub: string; at: number } | undefined;
  answer?: { text: string; approvedBy: PersonRef; at: number } | undefined;
  decline?: { ground: DeclineGround; explanation: string } | undefined;
  forwardedTo?: { agencyId: string; note: string } | undefined;
  clocks: Partial<Record<ClockName, Clock>>;
  timeline: TimelineEntry[];
  submittedAt: number;
  updatedAt: number;
  calendar: CalendarData;
}

export interface NewInformationRequest {
  contactId: string;
  agencyId: string;
  provinceId?: string | undefined;
  journalist: PersonRef;
  subject: string;
  question: string;
  submittedAt: number;
  rules: Partial<Record<ClockName, DeadlineRule>>;
  calendar: CalendarData;
}

export const TERMINAL_STATUSES: readonly InformationRequestStatus[] = [
  'closed',
  'declined',
  'forwarded',
  'withdrawn',
];

export function isTerminal(state: Pick<InformationRequestState, 'status'>): boolean {
  return TERMINAL_STATUSES.includes(state.status);
}
