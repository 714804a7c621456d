/**
 * @module
 * Office hours of state agencies: people are warned and reminded while they are at work, not at 19:59 or on a
 * Sunday night, and meetings are proposed within them. Vietnamese agencies keep roughly 07:30–17:00 on
 * working days (provinces set the exact hours; the lunch break is not modelled).
 */
import { addDays, startOfLocalDay, toLocalDate, type LocalDate } from './local-date.ts';
import { isWorkingDay, type CalendarData } from './working-calendar.ts';

const MINUTE = 60_000;

/** Office hours, as minutes after local midnight. */
export const WORKING_HOURS = { start: 7 * 60 + 30, end: 17 * 60 } as const;

/** Whether the calendar treats every instant as office time (`officeHours: 'always'`). */
export const alwaysOpen = (cal: CalendarData): boolean => cal.officeHours === 'always';

/** The first and last instants of office hours on local day `d`. */
export function workingHoursOf(d: LocalDate, cal?: CalendarData): { start: number; end: number } {
  const hours = cal?.officeHours && cal.officeHours !== 'always' ? cal.officeHours : WORKING_HOURS;
  const midnight = startOfLocalDay(d);
  return { start: midnight + hours.start * MINUTE, end: midnight + hours.end * MINUTE };
}

/** True when `instant` falls within office hours of a working day. */
export function isWithinWorkingHours(cal: CalendarData, instant: number): boolean {
  if (alwaysOpen(cal)) return true;
  const day = toLocalDate(instant);
  const { start, end } = workingHoursOf(day, cal);
  return isWorkingDay(cal, day) && instant >= start && instant <= end;
}

/** Longest search for an office hour, in days (a broken calendar must not loop for ever). */
const MAX_DAYS = 400;

/** `instant` if it is in office hours, else the next opening of office hours. */
export function nextWorkingMoment(cal: CalendarData, instant: number): number {
  if (alwaysOpen(cal)) return instant;
  let day = toLocalDate(instant);
  for (let i = 0; i < MAX_DAYS; i++, day = addDays(day, 1)) {
    if (!isWorkingDay(cal, day)) continue;
    const { start, end } = workingHoursOf(day, cal);
    if (instant <= end) return Math.max(instant, start);
  }
  return instant;
}

/** `instant` if it is in office hours, else the last closing of office hours before it. */
export function previousWorkingMoment(cal: CalendarData, instant: number): number {
  if (alwaysOpen(cal)) return instant;
  let day = toLocalDate(instant);
  for (let i = 0; i < MAX_DAYS; i++, day = addDays(day, -1)) {
    if (!isWorkingDay(cal, day)) continue;
    const { start, end } = workingHoursOf(day, cal);
    if (instant >= start) return Math.min(instant, end);
  }
  return instant;
}

/**
 * When to send a notice meant for `at` so that it arrives in office hours: the last office moment at or before
 * `at`, but not before `notBefore` (then the first office moment after `notBefore`).
 */
export function inWorkingHours(cal: CalendarData, at: number, notBefore: number): number {
  const earlier = previousWorkingMoment(cal, at);
  return earlier >= notBefore ? earlier : nextWorkingMoment(cal, notBefore);
}

/** The opening of office hours on the working day before local day `d` (a host's reminder). */
export function openingOfPreviousWorkingDay(cal: CalendarData, d: LocalDate): number {
  let day = addDays(d, -1);
  for (let i = 0; i < MAX_DAYS && !isWorkingDay(cal, day); i++) day = addDays(day, -1);
  return workingHoursOf(day, cal).start;
}
