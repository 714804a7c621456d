/**
 * @module
 * Working-day arithmetic over a calendar that is plain data.
 *
 * A {@link CalendarData} lists the year schedules an agency works with. It is loaded outside `domain/` (a
 * numbered version, see `reference.ts`, or {@link defaultCalendar}), so every function here is a pure function of it.
 * A year that the data does not cover falls back to {@link deriveYearSchedule}, so a deadline can always be
 * computed; it becomes exact once the year's confirmed schedule is added.
 */
import { addDays, compareLocalDates, isWeekend, yearOf } from './local-date.ts';
import type { LocalDate } from './local-date.ts';
import { OFFICIAL_SCHEDULES } from './official-schedules.ts';
import { deriveYearSchedule } from './year-schedule.ts';
import type { DayOff, YearSchedule } from './year-schedule.ts';

/** The calendar: one schedule per year at most. Serialisable, safe to keep in Temporal workflow state. */
export interface CalendarData {
  /**
   * The calendar version these schedules were read from (see `reference.ts`); absent for calendars built in
   * code and for those carried whole by contacts opened before versions existed.
   */
  version?: number | undefined;
  /** Year schedules, in any order. Missing years are derived from the law. */
  schedules: YearSchedule[];
  /**
   * Office hours, in minutes after local midnight (default 07:30–17:00), or `always` — every instant counts
   * as office time for meetings and notices (demos and tests at any hour; deadlines still count working days).
   */
  officeHours?: { start: number; end: number } | 'always' | undefined;
}

/** Why a date is not a working day: a listed day off, or an ordinary Saturday/Sunday. */
export type NonWorkingReason = DayOff | 'weekend';

/** Longest run of non-working days we accept before deciding the calendar data is broken. */
const MAX_NON_WORKING_RUN = 366;

/** The confirmed official schedules (2025, 2026); other years are derived. Returns a fresh copy. */
export function defaultCalendar(): CalendarData {
  return {
    schedules: OFFICIAL_SCHEDULES.map((s) => ({
      ...s,
      daysOff: s.daysOff.map((d) => ({ ...d })),
      workingWeekendDays: s.workingWeekendDays.map((w) => ({ ...w })),
      sources: [...s.sources],
    })),
  };
}

/** The schedule of `year`: the one in `cal`, or else the derived one. */
export function scheduleFor(cal: CalendarData, year: number): YearSchedule {
  return cal.schedules.find((s) => s.year === year) ?? deriveYearSchedule(year);
}

/**
 * Day lookups that remember each year's schedule for the duration of one computation, so walking across many
 * days derives a missing year once rather than once per day. Nothing is cached between calls.
 */
function lookup(cal: CalendarData): (d: LocalDate) => NonWorkingReason | null {
  const years = new Map<number, { off: Map<LocalDate, DayOff>; working: Set<LocalDate> }>();
  return (d) => {
    const year = yearOf(d);
    let index = years.get(year);
    if (index === undefined) {
      const schedule = scheduleFor(cal, year);
      index = {
        off: new Map(schedule.daysOff.map((o) => [o.date, o])),
        working: new Set(schedule.workingWeekendDays.map((w) => w.date)),
      };
      years.set(year, index);
    }
    const dayOff = index.off.get(d);
    if (dayOff !== undefined) return dayOff;
    if (index.working.has(d)) return null;
    return isWeekend(d) ? 'weekend' : null;
  };
}

/**
 * Why `d` is not a working day: its {@link DayOff} entry (holidays on a weekend included), `'weekend'`, or
 * `null` if it is a working day (including a swapped working Saturday).
 * @example nonWorkingReason(defaultCalendar(), '2026-04-27') // { kind: 'compensatory', name: 'Nghỉ bù Giỗ Tổ Hùng Vương', … }
 */
export function nonWorkingReason(cal: CalendarData, d: LocalDate): NonWorkingReason | null {
  return lookup(cal)(d);
}

/** True if offices are open on `d`. */
export function isWorkingDay(cal: CalendarData, d: LocalDate): boolean {
  return nonWorkingReason(cal, d) === null;
}

function nextWorking(isOff: (d: LocalDate) => NonWorkingReason | null, d: LocalDate): LocalDate {
  let day = addDays(d, 1);
  for (let i = 0; isOff(day) !== null; i++) {
    if (i >= MAX_NON_WORKING_RUN) throw new RangeError(`No working day within a year after ${d}`);
    day = addDays(day, 1);
  }
  return day;
}

/** The first working day strictly after `d`. */
export function nextWorkingDay(cal: CalendarData, d: LocalDate): LocalDate {
  return nextWorking(lookup(cal), d);
}

/**
 * The date that is `n` working days after `d`; `d` itself is never counted (Civil Code 2015 Art. 147: the first
 * day is not counted), so `n = 0` returns `d`.
 * @example addWorkingDays(defaultCalendar(), '2026-02-13', 1) // '2026-02-23' (after Tết 2026)
 */
export function addWorkingDays(cal: CalendarData, d: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkingDays needs a whole n ≥ 0, got ${n}`);
  const isOff = lookup(cal);
  let day = d;
  for (let i = 0; i < n; i++) day = nextWorking(isOff, day);
  return day;
}

/**
 * The number of working days `w` with `from < w ≤ to` (0 if `to` is not after `from`): how many working days
 * of a period have been used up, or are left, counted the same way as {@link addWorkingDays}.
 */
export function workingDaysBetween(cal: CalendarData, from: LocalDate, to: LocalDate): number {
  const isOff = lookup(cal);
  let count = 0;
  for (let day = addDays(from, 1); compareLocalDates(day, to) <= 0; day = addDays(day, 1)) {
    if (isOff(day) === null) count++;
  }
  return count;
}
