/**
 * @module
 * Calendar dates in Vietnam time, as plain `'YYYY-MM-DD'` strings.
 *
 * Deadlines are counted in whole days of the Vietnamese civil calendar, so every instant (epoch milliseconds) is
 * first mapped to the date it falls on in Vietnam. Vietnam (IANA `Asia/Ho_Chi_Minh`) has kept UTC+7 without
 * daylight saving since 1975, so a fixed +7 h offset is exact for every date this product handles; using it
 * instead of an `Intl` time-zone lookup keeps this module pure and identical in the Temporal workflow sandbox.
 */

/** A calendar date in Vietnam time, formatted `'YYYY-MM-DD'` (ISO 8601, 4-digit year). */
export type LocalDate = string;

/** Vietnam's offset from UTC: +7 h, no DST since 1975 (see the module comment). */
export const VIETNAM_UTC_OFFSET_MS = 7 * 3_600_000;

const DAY_MS = 86_400_000;
const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch ms of 00:00 UTC on the given proleptic Gregorian date (month 1–12); handles years below 100. */
function utcMidnight(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

function format(year: number, month: number, day: number): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Splits a date into numbers, throwing a `RangeError` if it is not a real `'YYYY-MM-DD'` date. */
export function parseLocalDate(d: LocalDate): { year: number; month: number; day: number } {
  const match = LOCAL_DATE_PATTERN.exec(d);
  if (match !== null) {
    const [, y = '', m = '', dd = ''] = match;
    const parts = { year: Number(y), month: Number(m), day: Number(dd) };
    const roundTrip = new Date(utcMidnight(parts.year, parts.month, parts.day));
    if (roundTrip.getUTCMonth() + 1 === parts.month && roundTrip.getUTCDate() === parts.day) return parts;
  }
  throw new RangeError(`Invalid local date "${d}": expected an existing date written YYYY-MM-DD`);
}

/**
 * Builds a `LocalDate` from its parts (month 1–12). Out-of-range parts roll over like `Date.UTC` does.
 * @example localDate(2026, 2, 17) // '2026-02-17'
 */
export function localDate(year: number, month: number, day: number): LocalDate {
  const date = new Date(utcMidnight(year, month, day));
  return format(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** True if `s` is an existing calendar date written `'YYYY-MM-DD'` (so `'2026-02-30'` is rejected). */
export function isValidLocalDate(s: unknown): s is LocalDate {
  if (typeof s !== 'string') return false;
  try {
    parseLocalDate(s);
    return true;
  } catch {
    return false;
  }
}

/**
 * The date in Vietnam on which an instant falls.
 * @example toLocalDate(Date.UTC(2026, 1, 13, 23, 30)) // '2026-02-14' (06:30 in Hanoi)
 */
export function toLocalDate(instantMs: number): LocalDate {
  if (!Number.isFinite(instantMs)) throw new RangeError(`Invalid instant: ${instantMs}`);
  const shifted = new Date(instantMs + VIETNAM_UTC_OFFSET_MS);
  return format(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/** Epoch ms of 00:00 Vietnam time on `d`. */
export function startOfLocalDay(d: LocalDate): number {
  const { year, month, day } = parseLocalDate(d);
  return utcMidnight(year, month, day) - VIETNAM_UTC_OFFSET_MS;
}

/**
 * Epoch ms of the last millisecond of `d` in Vietnam time (24:00 minus 1 ms). Civil Code 2015 Art. 148 ends a
 * period at 24:00 of its last day; the last millisecond keeps the instant on that same date.
 */
export function endOfLocalDay(d: LocalDate): number {
  return startOfLocalDay(d) + DAY_MS - 1;
}

/** The date `n` calendar days after `d` (before it if `n` is negative). `n` must be an integer. */
export function addDays(d: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`addDays needs a whole number of days, got ${n}`);
  const { year, month, day } = parseLocalDate(d);
  return localDate(year, month, day + n);
}

/** ISO weekday of `d`: 1 = Monday … 6 = Saturday, 7 = Sunday. */
export function isoWeekday(d: LocalDate): number {
  const { year, month, day } = parseLocalDate(d);
  const epochDay = Math.floor(utcMidnight(year, month, day) / DAY_MS);
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

/** True for Saturday and Sunday, the weekly rest days of the civil service (Decision 188/1999/QD-TTg). */
export function isWeekend(d: LocalDate): boolean {
  return isoWeekday(d) >= 6;
}

/** The Gregorian year of `d`. */
export function yearOf(d: LocalDate): number {
  return parseLocalDate(d).year;
}

/** Orders two dates: negative if `a` is earlier, 0 if equal, positive if later. Usable with `Array#sort`. */
export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  const ka = startOfLocalDay(a);
  const kb = startOfLocalDay(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
