import { describe, expect, it } from 'vitest';
import { endOfLocalDay } from '../../../domain/calendar/local-date.ts';
import { addSpan, isValidSpan, parseIsoDuration, spanToText } from '../../../domain/calendar/span.ts';
import type { Span } from '../../../domain/calendar/span.ts';
import { defaultCalendar } from '../../../domain/calendar/working-calendar.ts';

const cal = defaultCalendar();
/** An instant given in Vietnam time. */
const vn = (local: string): number => Date.parse(`${local}+07:00`);

describe('parseIsoDuration', () => {
  it.each([
    ['PT5S', 5_000],
    ['PT0.5S', 500],
    ['PT1.25S', 1_250],
    ['PT2M', 120_000],
    ['PT1H30M', 5_400_000],
    ['P1D', 86_400_000],
    ['P1DT12H', 129_600_000],
    ['P2W', 14 * 86_400_000],
    ['PT0S', 0],
  ])('%s = %i ms', (iso, ms) => {
    expect(parseIsoDuration(iso)).toBe(ms);
  });

  it.each(['P1Y', 'P1M', 'abc', '', 'P', 'PT', 'P1DT', 'PT1.5M', 'P1W2D', '-PT5S', 'pt5s', 'PT5S '])(
    'rejects %j',
    (iso) => {
      expect(() => parseIsoDuration(iso)).toThrow(/Unsupported ISO-8601 duration/);
    },
  );
});

describe('isValidSpan', () => {
  it('accepts well-formed spans', () => {
    expect(isValidSpan({ unit: 'working_days', amount: 5 })).toBe(true);
    expect(isValidSpan({ unit: 'calendar_days', amount: 0 })).toBe(true);
    expect(isValidSpan({ unit: 'hours', amount: 1.5 })).toBe(true);
    expect(isValidSpan({ unit: 'duration', iso: 'PT5S' })).toBe(true);
  });

  it('rejects malformed spans', () => {
    expect(isValidSpan({ unit: 'working_days', amount: 1.5 })).toBe(false);
    expect(isValidSpan({ unit: 'calendar_days', amount: -1 })).toBe(false);
    expect(isValidSpan({ unit: 'hours', amount: Number.POSITIVE_INFINITY })).toBe(false);
    expect(isValidSpan({ unit: 'hours', amount: '24' })).toBe(false);
    expect(isValidSpan({ unit: 'duration', iso: 'P1Y' })).toBe(false);
    expect(isValidSpan({ unit: 'weeks', amount: 1 })).toBe(false);
    expect(isValidSpan(null)).toBe(false);
    expect(isValidSpan('5 days')).toBe(false);
  });
});

describe('addSpan', () => {
  it('working_days from a Friday afternoon: Friday is not counted, the deadline is the end of the n-th working day', () => {
    const fridayAfternoon = vn('2026-03-13T15:30:00');
    expect(addSpan(cal, fridayAfternoon, { unit: 'working_days', amount: 1 })).toBe(
      endOfLocalDay('2026-03-16'),
    );
    expect(addSpan(cal, fridayAfternoon, { unit: 'working_days', amount: 5 })).toBe(
      endOfLocalDay('2026-03-20'),
    );
  });

  it('working_days across Tết 2026', () => {
    expect(addSpan(cal, vn('2026-02-13T16:00:00'), { unit: 'working_days', amount: 1 })).toBe(
      endOfLocalDay('2026-02-23'),
    );
  });

  it('takes the start day in Vietnam time (Fri 23:30 UTC is already Saturday in Hanoi)', () => {
    const start = Date.UTC(2026, 2, 13, 23, 30); // Sat 14 Mar 06:30 in Vietnam
    expect(addSpan(cal, start, { unit: 'working_days', amount: 1 })).toBe(endOfLocalDay('2026-03-16'));
  });

  it('calendar_days ending on a Sunday rolls to the end of Monday', () => {
    // Wed 4 Mar 2026 + 4 days = Sun 8 Mar.
    expect(addSpan(cal, vn('2026-03-04T10:00:00'), { unit: 'calendar_days', amount: 4 })).toBe(
      endOfLocalDay('2026-03-09'),
    );
  });

  it('calendar_days ending on a working day end at 24:00 of that day', () => {
    expect(addSpan(cal, vn('2026-03-04T10:00:00'), { unit: 'calendar_days', amount: 30 })).toBe(
      endOfLocalDay('2026-04-03'),
    );
  });

  it('calendar_days ending on a holiday roll past it (Hùng Kings and 30 Apr – 1 May 2026)', () => {
    // Thu 16 Apr + 10 days = Sun 26 Apr (Hùng Kings); Mon 27 is compensatory; Tue 28 Apr is the last day.
    expect(addSpan(cal, vn('2026-04-16T09:00:00'), { unit: 'calendar_days', amount: 10 })).toBe(
      endOfLocalDay('2026-04-28'),
    );
    // Mon 20 Apr + 10 days = Thu 30 Apr; Fri 1 May off, then the weekend: Mon 4 May.
    expect(addSpan(cal, vn('2026-04-20T09:00:00'), { unit: 'calendar_days', amount: 10 })).toBe(
      endOfLocalDay('2026-05-04'),
    );
  });

  it('hours are exact, even across midnight in Vietnam time', () => {
    const start = vn('2026-03-13T22:00:00');
    const due = addSpan(cal, start, { unit: 'hours', amount: 24 });
    expect(due).toBe(vn('2026-03-14T22:00:00'));
    expect(addSpan(cal, start, { unit: 'hours', amount: 3 })).toBe(vn('2026-03-14T01:00:00'));
  });

  it('durations are exact', () => {
    expect(addSpan(cal, 1_000, { unit: 'duration', iso: 'PT5S' })).toBe(6_000);
  });

  it('throws on an invalid span', () => {
    expect(() => addSpan(cal, 0, { unit: 'working_days', amount: -1 })).toThrow(RangeError);
    expect(() => addSpan(cal, 0, { unit: 'duration', iso: 'P1M' })).toThrow(RangeError);
  });
});

describe('spanToText', () => {
  it.each<[Span, string, string]>([
    [{ unit: 'working_days', amount: 5 }, '5 ngày làm việc', '5 working days'],
    [{ unit: 'working_days', amount: 1 }, '1 ngày làm việc', '1 working day'],
    [{ unit: 'calendar_days', amount: 30 }, '30 ngày', '30 days'],
    [{ unit: 'hours', amount: 24 }, '24 giờ', '24 hours'],
    [{ unit: 'duration', iso: 'PT5S' }, '5 giây', '5 seconds'],
    [{ unit: 'duration', iso: 'PT90M' }, '1 giờ 30 phút', '1 hour 30 minutes'],
    [{ unit: 'duration', iso: 'P1W' }, '7 ngày', '7 days'],
    [{ unit: 'duration', iso: 'PT0S' }, '0 giây', '0 seconds'],
  ])('%j', (span, vi, en) => {
    expect(spanToText(span, 'vi')).toBe(vi);
    expect(spanToText(span, 'en')).toBe(en);
  });
});
