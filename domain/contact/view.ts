/**
 * @module
 * The contact as one person sees it, for every kind: what the API returns, what Updates return, and what
 * widgets render. `allowedActions` is computed for that person, so widgets show exactly the forms they may
 * submit; the timeline is filtered by the one visibility rule.
 */
import type { Actor } from '../actor.ts';
import { toLocalDate, type Span } from '../calendar/index.ts';
import { dueAt, isPaused } from '../deadlines/clock.ts';
import type { ClockName, ContactKind } from '../vocabulary.ts';
import { allowedActions, type AnyKind } from './machine.ts';
import type { AnyContactState, Closure, ForwardLink, PersonRef, TimelineEntry } from './state.ts';
import { entryFor, seesAgencySide } from './visibility.ts';

export interface ClockView {
  name: ClockName;
  dueAt: number | null;
  paused: boolean;
  stoppedAt: number | null;
  overdue: boolean;
  escalationLevel: 0 | 1 | 2;
  /** The rule the clock runs under, as the contact copied it when the clock started (issue 11). */
  rule: { span: Span; effectiveFrom: string; provinceId: string | null };
}

/** The fields every kind's view has; a kind adds its own (`viewFields`). */
export interface ContactViewCore {
  id: string;
  kind: ContactKind;
  agencyId: string;
  provinceId: string | null;
  journalist: PersonRef;
  subject: string;
  status: string;
  assignee: PersonRef | null;
  clocks: ClockView[];
  /** The earliest due instant of a running clock. */
  dueAt: number | null;
  overdue: boolean;
  escalationLevel: 0 | 1 | 2;
  submittedAt: number;
  updatedAt: number;
  forwardedTo: ForwardLink | null;
  forwardedFrom: ForwardLink | null;
  closure: Closure | null;
  timeline: TimelineEntry[];
  allowedActions: string[];
}

/** The summary fields the projection and lists need, independent of who looks. */
export function summarise(state: AnyContactState, now: number) {
  const clocks: ClockView[] = Object.values(state.clocks).map((c) => {
    const due = c.stoppedAt === undefined ? (dueAt(c, state.calendar) ?? null) : null;
    return {
      name: c.name,
      dueAt: due,
      paused: isPaused(c),
      stoppedAt: c.stoppedAt ?? null,
      overdue: due !== null && now > due,
      escalationLevel: c.escalationLevel,
      rule: { span: c.rule.span, effectiveFrom: c.rule.effectiveFrom, provinceId: c.rule.provinceId ?? null },
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

export function toContactView(
  kind: AnyKind,
  state: AnyContactState,
  actor: Actor,
  now: number,
): ContactViewCore & Record<string, unknown> {
  // Drafts and internal steps only for the agency and its supervisors, never for anyone else who asks.
  const agencySide = seesAgencySide(actor, {
    journalistSub: state.journalist.sub,
    agencyId: state.agencyId,
    provinceId: state.provinceId,
  });
  return {
    id: state.contactId,
    kind: state.kind,
    agencyId: state.agencyId,
    provinceId: state.provinceId ?? null,
    journalist: state.journalist,
    subject: state.subject,
    status: state.status,
    assignee: state.assignee ?? null,
    ...kind.viewFields(state, agencySide),
    forwardedTo: state.forwardedTo ?? null,
    forwardedFrom: state.forwardedFrom ?? null,
    closure: state.closure ?? null,
    ...summarise(state, now),
    submittedAt: state.submittedAt,
    updatedAt: state.updatedAt,
    timeline: state.timeline.flatMap((e) => entryFor(e, agencySide) ?? []),
    allowedActions: allowedActions(kind, state, actor, now),
  };
}

/**
 * One line for operators (the Temporal UI's "current details"): status, due dates and escalation, in
 * business terms and without personal data.
 */
export function operatorSummary(state: AnyContactState, now: number): string {
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
