/**
 * @module
 * The contact as one person sees it: what the API returns, what Updates return, and what widgets render.
 * `allowedActions` is computed for that person, so widgets show exactly the forms they may submit.
 */
import { actsForAgency, supervisesProvince, type Actor } from '../actor.ts';
import { toLocalDate } from '../calendar/index.ts';
import { dueAt, isPaused } from '../deadlines/clock.ts';
import type { ClockName, InformationRequestStatus } from '../vocabulary.ts';
import type { InformationRequestAction } from './payloads.ts';
import { INCIDENT_ENTRY_TYPES } from './incidents.ts';
import { allowedActions } from './permissions.ts';
import type { InformationRequestState, PersonRef, TimelineEntry } from './state.ts';

export interface ClockView {
  name: ClockName;
  dueAt: number | null;
  paused: boolean;
  stoppedAt: number | null;
  overdue: boolean;
  escalationLevel: 0 | 1 | 2;
}

export interface ContactView {
  id: string;
  kind: 'information_request';
  agencyId: string;
  provinceId: string | null;
  journalist: PersonRef;
  subject: string;
  question: string;
  status: InformationRequestStatus;
  assignee: PersonRef | null;
  /** Only agency users see a draft before it is approved. */
  draftAnswer: string | null;
  answer: { text: string; approvedBy: PersonRef; at: number } | null;
  decline: { ground: string; explanation: string } | null;
  forwardedTo: { agencyId: string; note: string } | null;
  clocks: ClockView[];
  /** The earliest due instant of a running clock. */
  dueAt: number | null;
  overdue: boolean;
  escalationLevel: 0 | 1 | 2;
  submittedAt: number;
  updatedAt: number;
  timeline: TimelineEntry[];
  allowedActions: InformationRequestAction[];
}

/** The summary fields the projection and lists need, independent of who looks. */
export function summarise(state: InformationRequestState, now: number) {
  const clocks: ClockView[] = Object.values(state.clocks).map((c) => {
    const due = c.stoppedAt === undefined ? (dueAt(c, state.calendar) ?? null) : null;
    return {
      name: c.name,
      dueAt: due,
      paused: isPaused(c),
      stoppedAt: c.stoppedAt ?? null,
      overdue: due !== null && now > due,
      escalationLevel: c.escalationLevel,
    };
  });
  const dues = clocks.map((c) => c.dueAt).filter((d): d is number => d !== null);
  return {
    clocks,
    dueAt: dues.length ? Math.min(...dues) : null,
    overdue: clocks.some((c) => c.overdue || (c.stoppedAt === null && c.escalationLevel > 0)),
    escalationLevel: Math.max(0, ...clocks.map((c) => c.escalationLevel)) as 0 | 1 | 2,
  };
}

/**
 * Agency-internal steps a journalist does not see: drafts, returned drafts, supervisors' reminders, and the
 * health of the contact's side effects.
 */
const INTERNAL_ENTRY_TYPES: readonly string[] = [
  'submit_answer',
  'return_answer',
  'remind',
  ...INCIDENT_ENTRY_TYPES,
];

export function toView(state: InformationRequestState, actor: Actor, now: number): ContactView {
  // Drafts and internal steps only for the agency and its supervisors, never for anyone else who asks.
  const agencySide = actsForAgency(actor, state.agencyId) || supervisesProvince(actor, state.provinceId);
  return {
    id: state.contactId,
    kind: state.kind,
    agencyId: state.agencyId,
    provinceId: state.provinceId ?? null,
    journalist: state.journalist,
    subject: state.subject,
    question: state.question,
    status: state.status,
    assignee: state.assignee ?? null,
    draftAnswer: agencySide ? (state.draftAnswer?.text ?? null) : null,
    answer: state.answer ?? null,
    decline: state.decline ?? null,
    forwardedTo: state.forwardedTo ?? null,
    ...summarise(state, now),
    submittedAt: state.submittedAt,
    updatedAt: state.updatedAt,
    timeline: agencySide
      ? state.timeline
      : state.timeline.filter((e) => !INTERNAL_ENTRY_TYPES.includes(e.type)),
    allowedActions: allowedActions(state, actor),
  };
}

/**
 * One line for operators (the Temporal UI's "current details"): status, due dates and escalation, in
 * business terms and without personal data.
 */
export function operatorSummary(state: InformationRequestState, now: number): string {
  const s = summarise(state, now);
  const due = s.clocks
    .filter((c) => c.dueAt !== null || c.paused)
    .map((c) => `${c.name}: ${c.paused ? 'paused' : toLocalDate(c.dueAt!)}`);
  return [
    `status: ${state.status}`,
    ...due,
    `escalation: ${s.escalationLevel}`,
    `events: ${state.timeline.length}`,
  ].join(' · ');
}
