/**
 * @module
 * The rules of the department's stuck-work board (issue 8, SPEC.md C4): why a contact is on it, and what
 * "no action for N working days" means. The API's SQL asks for the candidates; these functions decide.
 */
import {
  addDays,
  isWorkingDay,
  startOfLocalDay,
  toLocalDate,
  workingDaysBetween,
  type CalendarData,
} from '../calendar/index.ts';
import type { TimelineEntry } from '../contact/state.ts';

/** Why a contact is on the board (the API contract's names). */
export const BOARD_REASONS = ['overdue', 'escalated', 'idle', 'unhealthy'] as const;
export type BoardReason = (typeof BOARD_REASONS)[number];

/** The default "no action for N working days" threshold. */
export const DEFAULT_IDLE_WORKING_DAYS = 3;

/**
 * Entries that oversee a contact rather than move it: a reminder, the letter that follows it, a retry an
 * operator asked for. They do not reset the "no action" count — asking for action is not action.
 */
export const OVERSIGHT_ENTRY_TYPES: readonly string[] = ['remind', 'reminder_letter', 'retry_requested'];

/** A step a person took on the contact (its opening included); timers' entries have no actor. */
export function isPersonsAction(entry: Pick<TimelineEntry, 'actor' | 'type'>): boolean {
  return entry.actor !== undefined && !OVERSIGHT_ENTRY_TYPES.includes(entry.type);
}

/**
 * The instant before which a last action makes a contact idle at `now`: the last action's local day is
 * followed by at least `idleDays` working days up to today (the day of the action itself is not counted,
 * as with every working-day count).
 */
export function idleThreshold(cal: CalendarData, now: number, idleDays: number): number {
  let day = toLocalDate(now);
  let counted = 0;
  while (counted < idleDays) {
    if (isWorkingDay(cal, day)) counted++;
    day = addDays(day, -1);
  }
  return startOfLocalDay(addDays(day, 1));
}

/** Working days from an instant's local day to today's (the first day not counted). */
export function workingDaysSince(cal: CalendarData, at: number, now: number): number {
  return workingDaysBetween(cal, toLocalDate(at), toLocalDate(now));
}

/** The facts of an open contact the reasons are read from. */
export interface BoardFacts {
  dueAt: number | null;
  escalationLevel: number;
  lastActionAt: number;
  unhealthy: boolean;
}

/** Why an open contact belongs on the board at `now` (empty: it does not). */
export function boardReasons(facts: BoardFacts, now: number, idleBefore: number): BoardReason[] {
  const reasons: BoardReason[] = [];
  if (facts.dueAt !== null && facts.dueAt < now) reasons.push('overdue');
  if (facts.escalationLevel > 0) reasons.push('escalated');
  if (facts.lastActionAt < idleBefore) reasons.push('idle');
  if (facts.unhealthy) reasons.push('unhealthy');
  return reasons;
}
