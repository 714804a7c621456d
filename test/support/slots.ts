/** Meeting slots for tests: office hours of upcoming working days, from the product's own calendar. */
import {
  addDays,
  defaultCalendar,
  isWorkingDay,
  toLocalDate,
  type LocalDate,
} from '../../domain/calendar/index.ts';

/** The `n`-th working day after today (Vietnam time), n ≥ 1. */
export function workingDayAhead(n: number, from = Date.now()): LocalDate {
  const cal = defaultCalendar();
  let day = toLocalDate(from);
  for (let found = 0; found < n;) {
    day = addDays(day, 1);
    if (isWorkingDay(cal, day)) found++;
  }
  return day;
}

/** A slot `{ start, end }` in ISO with +07:00 on `day`, from `hh:mm` for `minutes`. */
export function slot(day: LocalDate, at: string, minutes = 60): { start: string; end: string } {
  const start = Date.parse(`${day}T${at}:00+07:00`);
  const iso = (ms: number) => `${new Date(ms + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
  return { start: iso(start), end: iso(start + minutes * 60_000) };
}
