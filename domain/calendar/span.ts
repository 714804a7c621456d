/**
 * @module
 * Deadline amounts ("5 working days", "30 days", "24 hours", "PT5S") and how to turn them into a due instant.
 *
 * The laws that give press deadlines use different units (DOMAIN.md §6: the Press Law counts plain days, a new
 * decree counts hours, administrative procedures count working days), so the unit is part of each rule's data.
 * The `duration` unit takes short ISO-8601 durations so that workflow tests can use deadlines of seconds.
 */
import { addDays, endOfLocalDay, toLocalDate } from './local-date.ts';
import { addWorkingDays, isWorkingDay, nextWorkingDay } from './working-calendar.ts';
import type { CalendarData } from './working-calendar.ts';

/** A deadline amount. Serialisable. */
export type Span =
  { unit: 'working_days' | 'calendar_days' | 'hours'; amount: number } | { unit: 'duration'; iso: string };

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const WEEKS = /^P(\d+)W$/;
const DAY_TIME = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * Milliseconds in an ISO-8601 duration of the form `PnW` or `PnDTnHnMnS` (each part optional, at least one
 * present; seconds may have decimals). A day is exactly 24 h, which is true in Vietnam (no DST). Years and
 * months have no fixed length and are rejected, as is anything else.
 * @example parseIsoDuration('PT5S') // 5000
 * @example parseIsoDuration('P1DT12H') // 129_600_000
 */
export function parseIsoDuration(iso: string): number {
  const weeks = WEEKS.exec(iso);
  if (weeks !== null) return Number(weeks[1]) * 7 * DAY_MS;
  const parts = DAY_TIME.exec(iso);
  if (parts !== null && iso !== 'P' && !iso.endsWith('T')) {
    const [, d, h, m, s] = parts;
    const value = (part: string | undefined): number => (part === undefined ? 0 : Number(part));
    return value(d) * DAY_MS + value(h) * HOUR_MS + value(m) * 60_000 + Math.round(value(s) * 1000);
  }
  throw new RangeError(
    `Unsupported ISO-8601 duration "${iso}": use PnW or PnDTnHnMnS (e.g. "PT5S", "P2DT3H"); years and months are not allowed`,
  );
}

/**
 * The longest span any rule or query may name: ten years. Press deadlines are days or weeks; the bound keeps
 * every due instant a valid date, so a hostile amount is refused at the boundary instead of failing later.
 */
export const MAX_SPAN = { days: 3660, hours: 87_840 } as const;

function isSpanObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * True if `span` is a well-formed {@link Span} no longer than {@link MAX_SPAN}: whole, non-negative day counts;
 * a finite non-negative number of hours; or a duration {@link parseIsoDuration} accepts. Use it to validate rule data at the boundary.
 */
export function isValidSpan(span: unknown): span is Span {
  if (!isSpanObject(span)) return false;
  const { unit } = span;
  if (unit === 'duration') {
    if (typeof span['iso'] !== 'string' || span['iso'].length > 40) return false;
    try {
      return parseIsoDuration(span['iso']) <= MAX_SPAN.hours * HOUR_MS;
    } catch {
      return false;
    }
  }
  const amount = span['amount'];
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) return false;
  if (unit === 'hours') return amount <= MAX_SPAN.hours;
  return (
    (unit === 'working_days' || unit === 'calendar_days') &&
    Number.isInteger(amount) &&
    amount <= MAX_SPAN.days
  );
}

/**
 * The instant a period of `span` starting at `startMs` ends, following Civil Code 2015 Arts. 147–148:
 * - `working_days`: the day of `startMs` (Vietnam time) is not counted; the period ends at the end (24:00) of
 *   the `amount`-th working day after it;
 * - `calendar_days`: the day of `startMs` is not counted; it ends at the end of the start date + `amount`, or,
 *   if that is a weekend day or day off, at the end of the next working day;
 * - `hours` and `duration`: exactly that much time after `startMs`.
 * Throws a `RangeError` if the span is not valid.
 * @example addSpan(defaultCalendar(), Date.parse('2026-02-13T15:00:00+07:00'), { unit: 'working_days', amount: 1 })
 * // end of Mon 23 Feb 2026 (Tết 2026 lies between)
 */
export function addSpan(cal: CalendarData, startMs: number, span: Span): number {
  if (!isValidSpan(span)) throw new RangeError(`Invalid deadline span: ${JSON.stringify(span)}`);
  switch (span.unit) {
    case 'working_days':
      return endOfLocalDay(addWorkingDays(cal, toLocalDate(startMs), span.amount));
    case 'calendar_days': {
      const last = addDays(toLocalDate(startMs), span.amount);
      return endOfLocalDay(isWorkingDay(cal, last) ? last : nextWorkingDay(cal, last));
    }
    case 'hours':
      return startMs + span.amount * HOUR_MS;
    case 'duration':
      return startMs + parseIsoDuration(span.iso);
  }
}

const WORDS = {
  vi: {
    working_days: 'ngày làm việc',
    calendar_days: 'ngày',
    hours: 'giờ',
    d: 'ngày',
    h: 'giờ',
    m: 'phút',
    s: 'giây',
  },
  en: {
    working_days: 'working day',
    calendar_days: 'day',
    hours: 'hour',
    d: 'day',
    h: 'hour',
    m: 'minute',
    s: 'second',
  },
} as const;

function count(amount: number, word: string, lang: 'vi' | 'en'): string {
  return `${amount} ${word}${lang === 'en' && amount !== 1 ? 's' : ''}`;
}

/**
 * A span as users read it. Durations are shown in days, hours, minutes and seconds.
 * @example spanToText({ unit: 'working_days', amount: 5 }, 'vi') // '5 ngày làm việc'
 * @example spanToText({ unit: 'duration', iso: 'PT90M' }, 'en') // '1 hour 30 minutes'
 */
export function spanToText(span: Span, lang: 'vi' | 'en'): string {
  const words = WORDS[lang];
  if (span.unit !== 'duration') return count(span.amount, words[span.unit], lang);
  let rest = parseIsoDuration(span.iso);
  const parts: string[] = [];
  for (const [key, ms] of [
    ['d', DAY_MS],
    ['h', HOUR_MS],
    ['m', 60_000],
  ] as const) {
    const whole = Math.floor(rest / ms);
    if (whole > 0) parts.push(count(whole, words[key], lang));
    rest -= whole * ms;
  }
  if (rest > 0 || parts.length === 0) parts.push(count(rest / 1000, words.s, lang));
  return parts.join(' ');
}
