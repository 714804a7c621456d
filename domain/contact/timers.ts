/**
 * @module
 * Timers of every kind: the escalation ladder of each deadline clock (SPEC.md C3) and the kind's own
 * lifecycle timers, earliest first. Escalation never blocks action: it only records and notifies. Warnings
 * and escalations to the department go out in office hours of working days.
 */
import { inWorkingHours, nextWorkingMoment } from '../calendar/index.ts';
import { addSpan } from '../calendar/index.ts';
import {
  dueAt,
  isRunning,
  markClockEvent,
  spanAsLeadTime,
  type Clock,
  type ClockEvent,
} from '../deadlines/clock.ts';
import type { ClockName } from '../vocabulary.ts';
import type { AnyKind } from './machine.ts';
import { isTerminal } from './machine.ts';
import { agencyRoles, person, type NotificationIntent } from './notifications.ts';
import type { KindTimer } from './define.ts';
import { appendEntry, type AnyContactState, type TimelineEntry, type Transition } from './state.ts';

/**
 * How the timers are planned. Workflows opened before office-hour timing and lifecycle timers existed keep
 * the old plan when they replay (`officeHours: false`), so their histories stay deterministic.
 */
export interface TimerPlan {
  officeHours: boolean;
  kindTimers: boolean;
}

export const CURRENT_TIMER_PLAN: TimerPlan = { officeHours: true, kindTimers: true };
export const LEGACY_TIMER_PLAN: TimerPlan = { officeHours: false, kindTimers: false };

/** The next event of one clock, if it is running: a warning, then overdue, then escalated. */
export function nextEventOfClock(
  clock: Clock,
  state: AnyContactState,
  plan: TimerPlan,
): ClockEvent | undefined {
  const cal = state.calendar;
  const due = isRunning(clock) ? dueAt(clock, cal) : undefined;
  if (due === undefined) return undefined;
  if (clock.escalationLevel === 0 && !clock.warned) {
    const raw = Math.max(clock.startedAt, due - spanAsLeadTime(clock.rule.warnBefore));
    // In office hours, but never after the due instant itself.
    const at = plan.officeHours ? Math.min(inWorkingHours(cal, raw, clock.startedAt), due) : raw;
    return { clock: clock.name, kind: 'warning', at };
  }
  if (clock.escalationLevel === 0) return { clock: clock.name, kind: 'overdue', at: due };
  if (clock.escalationLevel === 1) {
    const raw = addSpan(cal, due, clock.rule.grace);
    return { clock: clock.name, kind: 'escalated', at: plan.officeHours ? nextWorkingMoment(cal, raw) : raw };
  }
  return undefined;
}

type Pending =
  | { source: 'clock'; at: number; event: ClockEvent }
  | { source: 'kind'; at: number; timer: number; name: string };

/** The earliest pending timer, or `undefined` when nothing is left to wait for. */
export function nextTimer(kind: AnyKind, state: AnyContactState, plan: TimerPlan): Pending | undefined {
  if (isTerminal(kind, state)) return undefined;
  let next: Pending | undefined;
  for (const clock of Object.values(state.clocks)) {
    const event = nextEventOfClock(clock, state, plan);
    if (event && (!next || event.at < next.at)) next = { source: 'clock', at: event.at, event };
  }
  if (plan.kindTimers) {
    for (const [index, timer] of (kind.timers ?? []).entries()) {
      const pending = timer.next(state);
      if (pending && !state.firedTimers?.includes(pending.name) && (!next || pending.at < next.at))
        next = { source: 'kind', at: pending.at, timer: index, name: pending.name };
    }
  }
  return next;
}

const CLOCK_LABEL: Record<ClockName, string> = {
  first_response: 'phản hồi',
  answer: 'trả lời',
  record_result: 'cập nhật kết quả làm việc',
};

function notificationFor(kind: AnyKind, state: AnyContactState, event: ClockEvent): NotificationIntent {
  // A clock another agency answers for (a referred report's response) warns that agency, not the contact's.
  const holder = kind.clockHolder?.(state, event.clock);
  const what = `${holder?.deadline ?? `hạn ${CLOCK_LABEL[event.clock]}`}: ${state.subject}`;
  switch (event.kind) {
    case 'warning':
      return {
        recipient: holder?.agencyId
          ? agencyRoles(holder.agencyId, ['agency_staff', 'spokesperson'])
          : state.assignee
            ? person(state.assignee.sub)
            : agencyRoles(state.agencyId, ['agency_staff', 'spokesperson']),
        type: 'deadline_warning',
        text: `Sắp đến ${what}`,
      };
    case 'overdue':
      return {
        recipient: agencyRoles(holder?.agencyId ?? state.agencyId, ['agency_head']),
        type: 'overdue',
        text: `Quá ${what}`,
      };
    case 'escalated':
      return state.provinceId
        ? {
            recipient: { kind: 'province_supervisors', provinceId: state.provinceId },
            type: 'escalated',
            text: `Chuyển Sở theo dõi — quá ${what}`,
          }
        : {
            recipient: agencyRoles(holder?.agencyId ?? state.agencyId, ['agency_head']),
            type: 'escalated',
            text: `Quá hạn kéo dài — ${what}`,
          };
  }
}

/**
 * Fires the earliest timer if it is due at or before `now`. One at a time on purpose: the workflow assigns
 * the result to its state synchronously, so an Update handled while the recording runs is never overwritten
 * by a stale batch.
 */
export function fireNextTimer<St extends AnyContactState>(
  kind: AnyKind,
  state: St,
  now: number,
  plan: TimerPlan,
): Transition<St> | undefined {
  const pending = nextTimer(kind, state, plan);
  if (!pending || pending.at > now) return undefined;
  if (pending.source === 'kind') {
    const fired = kind.timers![pending.timer]!.fire(state, pending.name, now) as Transition<St>;
    return {
      ...fired,
      state: { ...fired.state, firedTimers: [...(fired.state.firedTimers ?? []), pending.name] },
    };
  }
  const { event } = pending;
  const clock = state.clocks[event.clock]!;
  const entry: TimelineEntry = {
    seq: state.timeline.length + 1,
    at: now,
    type: event.kind,
    data: { clock: event.clock, dueAt: dueAt(clock, state.calendar), scheduledFor: event.at },
  };
  const next: St = {
    ...state,
    clocks: { ...state.clocks, [event.clock]: markClockEvent(clock, event) },
    timeline: [...state.timeline, entry],
    updatedAt: now,
  };
  return { state: next, entry, notifications: [notificationFor(kind, next, event)] };
}

/**
 * The lifecycle timer that closes a contact nobody took further: in one of `statuses`, once the `auto_close`
 * rule has passed since `since(state)`, it ends `closed` with an `auto_closed` entry and the journalist is told.
 * One timer per `since` instant: a new answer or result starts a new period.
 */
export function autoCloseTimer<St extends AnyContactState>(options: {
  statuses: readonly St['status'][];
  since: (state: St) => number | undefined;
  closed: St['status'];
  /** What the journalist is told (Vietnamese), before the subject. */
  text: string;
}): KindTimer<St> {
  return {
    next(s) {
      const rule = s.rules?.auto_close;
      const since = options.since(s);
      if (!options.statuses.includes(s.status) || !rule || since === undefined) return undefined;
      return { name: `auto_close:${since}`, at: addSpan(s.calendar, since, rule.span) };
    },
    fire(s, _name, now) {
      return appendEntry(
        { ...s, status: options.closed },
        { at: now, type: 'auto_closed', data: { afterRule: s.rules?.auto_close?.span } },
        [{ recipient: person(s.journalist.sub), type: 'auto_closed', text: `${options.text}: ${s.subject}` }],
      );
    },
  };
}
