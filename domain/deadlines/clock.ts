/**
 * @module
 * A deadline clock: a budget from a rule plus a ledger of pauses and extensions, each with a reason
 * (SPEC.md C3). The due instant is always derived from the ledger, never stored as the truth, so that a pause
 * or an extension moves it in one well-defined way.
 *
 * How a pause moves the due date: a pause from `from` to `to` pushes the due date by the time it lasted,
 * measured in the rule's unit: working days between the two local dates for `working_days` rules, calendar
 * days for `calendar_days`, exact milliseconds for `hours` and ISO durations.
 */
import {
  addSpan,
  addWorkingDays,
  endOfLocalDay,
  parseIsoDuration,
  toLocalDate,
  workingDaysBetween,
  type CalendarData,
  type Span,
} from '../calendar/index.ts';
import type { ClockName } from '../vocabulary.ts';
import type { DeadlineRule } from './rules.ts';

export interface ClockPause {
  from: number;
  to?: number | undefined;
  reason: string;
}

export interface ClockExtension {
  span: Span;
  reason: string;
  at: number;
  bySub: string;
}

export interface Clock {
  name: ClockName;
  rule: DeadlineRule;
  startedAt: number;
  /** Set when the clock's duty is done (the agency responded / answered); timers stop. */
  stoppedAt?: number | undefined;
  pauses: ClockPause[];
  extensions: ClockExtension[];
  /** 0 none, 1 overdue (agency head told), 2 escalated to the press-management department. */
  escalationLevel: 0 | 1 | 2;
  warned: boolean;
}

export function startClock(name: ClockName, rule: DeadlineRule, at: number): Clock {
  return { name, rule, startedAt: at, pauses: [], extensions: [], escalationLevel: 0, warned: false };
}

export function isPaused(clock: Clock): boolean {
  return clock.pauses.some((p) => p.to === undefined);
}

export function isRunning(clock: Clock): boolean {
  return clock.stoppedAt === undefined && !isPaused(clock);
}

export function pauseClock(clock: Clock, at: number, reason: string): Clock {
  if (clock.stoppedAt !== undefined || isPaused(clock)) return clock;
  return { ...clock, pauses: [...clock.pauses, { from: at, reason }] };
}

export function resumeClock(clock: Clock, at: number): Clock {
  return { ...clock, pauses: clock.pauses.map((p) => (p.to === undefined ? { ...p, to: at } : p)) };
}

export function stopClock(clock: Clock, at: number): Clock {
  return clock.stoppedAt === undefined ? { ...resumeClock(clock, at), stoppedAt: at } : clock;
}

/**
 * Adds an extension. The escalation ladder starts again from the new due date: an extended contact is no
 * longer overdue, and its head is warned and told again if the new date is missed too (the timeline keeps
 * the earlier escalation).
 */
/** How much of a span a limit's unit counts: amounts in that unit, milliseconds for durations; else NaN. */
function inUnitOf(limit: Span, span: Span): number {
  if (limit.unit === 'duration') return span.unit === 'duration' ? parseIsoDuration(span.iso) : Number.NaN;
  return span.unit === limit.unit ? span.amount : Number.NaN;
}

/**
 * Whether extending `clock` by `span` keeps its extensions within its rule's `extensionLimit` (always, for
 * rules without one). Extensions must then be in the limit's unit, so that they add up.
 */
export function withinExtensionLimit(clock: Clock, span: Span): boolean {
  const limit = clock.rule.extensionLimit;
  if (!limit) return true;
  const total = [...clock.extensions.map((e) => e.span), span].reduce(
    (sum, s) => sum + inUnitOf(limit, s),
    0,
  );
  return total <= inUnitOf(limit, limit);
}

export function extendClock(clock: Clock, extension: ClockExtension): Clock {
  return { ...clock, extensions: [...clock.extensions, extension], warned: false, escalationLevel: 0 };
}

/** Push `due` by the length of a closed pause, in the rule's unit (see module comment). */
function shiftByPause(
  cal: CalendarData,
  due: number,
  unit: Span['unit'],
  pause: Required<ClockPause>,
): number {
  switch (unit) {
    case 'working_days': {
      const days = workingDaysBetween(cal, toLocalDate(pause.from), toLocalDate(pause.to));
      return days === 0 ? due : endOfLocalDay(addWorkingDays(cal, toLocalDate(due), days));
    }
    case 'calendar_days': {
      const days = Math.round(
        (Date.parse(toLocalDate(pause.to)) - Date.parse(toLocalDate(pause.from))) / 86_400_000,
      );
      return days === 0 ? due : addSpan(cal, due, { unit: 'calendar_days', amount: days }); // never ends on a day off
    }
    case 'hours':
    case 'duration':
      return due + (pause.to - pause.from);
  }
}

/** The due instant, or `undefined` while the clock is paused (a paused clock has no due date). */
export function dueAt(clock: Clock, cal: CalendarData): number | undefined {
  if (isPaused(clock)) return undefined;
  let due = addSpan(cal, clock.startedAt, clock.rule.span);
  for (const pause of clock.pauses) {
    if (pause.to !== undefined)
      due = shiftByPause(cal, due, clock.rule.span.unit, { ...pause, to: pause.to });
  }
  for (const extension of clock.extensions) due = addSpan(cal, due, extension.span);
  return due;
}

/** Milliseconds a span stands for when used as a lead time (days count as 24 hours). */
export function spanAsLeadTime(span: Span): number {
  switch (span.unit) {
    case 'duration':
      return parseIsoDuration(span.iso);
    case 'hours':
      return span.amount * 3_600_000;
    case 'working_days':
    case 'calendar_days':
      return span.amount * 86_400_000;
  }
}

export type ClockEventKind = 'warning' | 'overdue' | 'escalated';

export interface ClockEvent {
  clock: ClockName;
  kind: ClockEventKind;
  at: number;
}

/** The next event this clock still has to fire, if it is running. */
export function nextClockEvent(clock: Clock, cal: CalendarData): ClockEvent | undefined {
  const due = isRunning(clock) ? dueAt(clock, cal) : undefined;
  if (due === undefined) return undefined;
  if (clock.escalationLevel === 0 && !clock.warned) {
    return {
      clock: clock.name,
      kind: 'warning',
      at: Math.max(clock.startedAt, due - spanAsLeadTime(clock.rule.warnBefore)),
    };
  }
  if (clock.escalationLevel === 0) return { clock: clock.name, kind: 'overdue', at: due };
  if (clock.escalationLevel === 1)
    return { clock: clock.name, kind: 'escalated', at: addSpan(cal, due, clock.rule.grace) };
  return undefined;
}

/** Record that `event` fired. */
export function markClockEvent(clock: Clock, event: ClockEvent): Clock {
  switch (event.kind) {
    case 'warning':
      return { ...clock, warned: true };
    case 'overdue':
      return { ...clock, warned: true, escalationLevel: 1 };
    case 'escalated':
      return { ...clock, warned: true, escalationLevel: 2 };
  }
}

/**
 * How many working days a stopped clock took (what statistics report as "working days to first response /
 * to answer"): the working days after its start day up to and including its stop day (the first day is not
 * counted, as in {@link addWorkingDays}), less the working days it spent paused. `undefined` while it runs.
 * @example a request opened Friday 13 Feb 2026 and answered Mon 23 Feb 2026 (after Tết) took 1 working day.
 */
export function workingDaysTaken(clock: Clock, cal: CalendarData): number | undefined {
  if (clock.stoppedAt === undefined) return undefined;
  const total = workingDaysBetween(cal, toLocalDate(clock.startedAt), toLocalDate(clock.stoppedAt));
  const paused = clock.pauses.reduce(
    (sum, p) =>
      sum +
      workingDaysBetween(
        cal,
        toLocalDate(p.from),
        toLocalDate(Math.min(p.to ?? clock.stoppedAt!, clock.stoppedAt!)),
      ),
    0,
  );
  return Math.max(0, total - paused);
}

/**
 * Whether a stopped clock met its deadline (what statistics report as "on time"): `met` when it stopped no
 * later than its due date as extended and shifted by its pauses, `missed` after; `null` while it runs. The
 * due date is the one in force when it stopped (the ledger without the stop).
 */
export function clockOutcome(clock: Clock, cal: CalendarData): 'met' | 'missed' | null {
  if (clock.stoppedAt === undefined) return null;
  const due = dueAt({ ...clock, stoppedAt: undefined }, cal);
  return due !== undefined && clock.stoppedAt > due ? 'missed' : 'met';
}
