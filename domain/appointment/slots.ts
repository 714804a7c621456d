/**
 * @module
 * Meeting slots: read from ISO 8601 instants with an offset, and checked against the working-day calendar —
 * in the future, within office hours of one working day, at most five at a time.
 */
import { z } from 'zod';
import {
  CALENDAR_YEARS,
  isCalendarYear,
  isWithinWorkingHours,
  nonWorkingReason,
  toLocalDate,
  yearOf,
  type CalendarData,
} from '../calendar/index.ts';
import { InvalidInputError } from '../errors.ts';
import type { Slot } from './state.ts';

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An instant written ISO 8601 with an offset (`2026-12-07T09:00:00+07:00`), as epoch milliseconds. */
export const instantInput = z
  .string()
  .max(40)
  .regex(ISO_WITH_OFFSET, 'an ISO 8601 date-time with an offset, e.g. 2026-12-07T09:00:00+07:00')
  .transform((text) => Date.parse(text))
  .refine((ms) => Number.isFinite(ms), 'not a real date-time');

export const slotInput = z
  .object({ start: instantInput, end: instantInput })
  .strict()
  .refine((s) => s.start < s.end, { message: 'the end must come after the start', path: ['end'] });

export const MAX_SLOTS = 5;

export const slotsInput = z.array(slotInput).min(1).max(MAX_SLOTS);

/** Choose one of the slots on the table: its index (0-based), or the slot itself. */
export const slotChoiceInput = z.union([
  z
    .number()
    .int()
    .min(0)
    .max(MAX_SLOTS - 1),
  slotInput,
]);

export type SlotChoice = z.output<typeof slotChoiceInput>;

const issue = (path: string, message: string) => ({ path, message });

const OUTSIDE_CALENDAR = `must lie in ${CALENDAR_YEARS.from}–${CALENDAR_YEARS.to}, the years the working-day calendar covers`;

/** The instant of the slot (`start`, else `end`) that lies outside the years the working-day calendar covers. */
export function slotOutsideCalendar(slot: Slot): 'start' | 'end' | undefined {
  return (['start', 'end'] as const).find((at) => !isCalendarYear(yearOf(toLocalDate(slot[at]))));
}

/**
 * Refines proposed slots (the output of {@link slotsInput}, at `path` in the value refined) at an API boundary:
 * each lies in the years the working-day calendar covers, whatever the office hours.
 */
export function refineSlotYears(
  slots: readonly unknown[],
  ctx: z.RefinementCtx,
  path: PropertyKey[] = [],
): void {
  slots.forEach((value, i) => {
    // Zod refines a value whose parts failed their own checks too: those were reported there.
    const slot = value as Partial<Slot> | null;
    if (!Number.isFinite(slot?.start) || !Number.isFinite(slot?.end)) return;
    const outside = slotOutsideCalendar(slot as Slot);
    if (outside) ctx.addIssue({ code: 'custom', path: [...path, i, outside], message: OUTSIDE_CALENDAR });
  });
}

/**
 * Problems with proposed slots, one per field (empty when they are fine): each starts after `now`, lies in the
 * years the working-day calendar covers and within office hours of one working day, and no two are the same.
 */
export function slotProblems(
  cal: CalendarData,
  slots: readonly Slot[],
  now: number,
  path = 'slots',
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  slots.forEach((slot, i) => {
    const at = `${path}.${i}`;
    const day = toLocalDate(slot.start);
    // Checked before the calendar is asked about the day, which it cannot answer beyond its years. Office hours
    // `always` never ask it here and took such slots before this check: they still do, so that no Update they
    // accepted is refused when its workflow replays (the API refuses new ones: `refineSlotYears`).
    const outside = cal.officeHours === 'always' ? undefined : slotOutsideCalendar(slot);
    if (slot.start <= now) problems.push(issue(`${at}.start`, 'must be in the future'));
    else if (outside) problems.push(issue(`${at}.${outside}`, OUTSIDE_CALENDAR));
    else if (cal.officeHours !== 'always' && nonWorkingReason(cal, day) !== null)
      problems.push(issue(`${at}.start`, `${day} is not a working day`));
    else if (toLocalDate(slot.end) !== day && cal.officeHours !== 'always')
      problems.push(issue(`${at}.end`, 'must end on the same day'));
    else if (!isWithinWorkingHours(cal, slot.start) || !isWithinWorkingHours(cal, slot.end))
      problems.push(issue(at, 'must be within office hours (07:30–17:00, Vietnam time)'));
    if (slots.findIndex((o) => o.start === slot.start && o.end === slot.end) !== i)
      problems.push(issue(at, 'the same slot twice'));
  });
  return problems;
}

/** Throws a 422 listing every problem of the slots. */
export function assertSlots(cal: CalendarData, slots: readonly Slot[], now: number, path = 'slots'): void {
  const problems = slotProblems(cal, slots, now, path);
  if (problems.length) throw InvalidInputError.because('Some proposed times cannot be used.', problems);
}

/** The slot a choice names among `offered`, or `undefined`. */
export function chosenSlot(offered: readonly Slot[], choice: SlotChoice): Slot | undefined {
  return typeof choice === 'number'
    ? offered[choice]
    : offered.find((s) => s.start === choice.start && s.end === choice.end);
}
