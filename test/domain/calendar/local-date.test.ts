import { describe, expect, it } from 'vitest';
import {
  addDays,
  compareLocalDates,
  endOfLocalDay,
  isoWeekday,
  isValidLocalDate,
  localDate,
  startOfLocalDay,
  toLocalDate,
} from '../../../domain/calendar/local-date.ts';

describe('toLocalDate', () => {
  it('maps 23:30 UTC to the next day in Vietnam (06:30 UTC+7)', () => {
    expect(toLocalDate(Date.UTC(2026, 1, 13, 23, 30))).toBe('2026-02-14');
  });

  it('keeps 16:59:59.999 UTC on the same day and moves 17:00 UTC to the next', () => {
    expect(toLocalDate(Date.UTC(2025, 11, 31, 16, 59, 59, 999))).toBe('2025-12-31');
    expect(toLocalDate(Date.UTC(2025, 11, 31, 17, 0))).toBe('2026-01-01');
  });

  it('rejects non-finite instants', () => {
    expect(() => toLocalDate(Number.NaN)).toThrow(RangeError);
  });
});

describe('startOfLocalDay / endOfLocalDay', () => {
  it('is 00:00 and 23:59:59.999 in UTC+7', () => {
    expect(new Date(startOfLocalDay('2026-02-23')).toISOString()).toBe('2026-02-22T17:00:00.000Z');
    expect(new Date(endOfLocalDay('2026-02-23')).toISOString()).toBe('2026-02-23T16:59:59.999Z');
  });

  it('round-trips through toLocalDate', () => {
    expect(toLocalDate(startOfLocalDay('2024-02-29'))).toBe('2024-02-29');
    expect(toLocalDate(endOfLocalDay('2024-02-29'))).toBe('2024-02-29');
    expect(toLocalDate(endOfLocalDay('2024-02-29') + 1)).toBe('2024-03-01');
  });

  it('throws on malformed dates', () => {
    expect(() => startOfLocalDay('2026-2-3')).toThrow(/YYYY-MM-DD/);
    expect(() => startOfLocalDay('2026-02-30')).toThrow(RangeError);
  });
});

describe('addDays', () => {
  it('crosses months, years and leap days', () => {
    expect(addDays('2026-02-13', 10)).toBe('2026-02-23');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2026-02-13', 0)).toBe('2026-02-13');
  });

  it('refuses fractions of a day', () => {
    expect(() => addDays('2026-02-13', 0.5)).toThrow(RangeError);
  });
});

describe('isoWeekday', () => {
  it('numbers Monday 1 to Sunday 7', () => {
    expect(isoWeekday('2026-02-16')).toBe(1); // Monday, Tết eve 2026
    expect(isoWeekday('2026-02-13')).toBe(5); // Friday
    expect(isoWeekday('2026-01-10')).toBe(6); // Saturday
    expect(isoWeekday('2026-04-26')).toBe(7); // Sunday
    expect(isoWeekday('1970-01-01')).toBe(4); // Thursday
    expect(isoWeekday('1969-12-28')).toBe(7); // before the epoch
  });
});

describe('isValidLocalDate', () => {
  it('accepts existing YYYY-MM-DD dates only', () => {
    expect(isValidLocalDate('2024-02-29')).toBe(true);
    expect(isValidLocalDate('2025-02-29')).toBe(false);
    expect(isValidLocalDate('2025-13-01')).toBe(false);
    expect(isValidLocalDate('2025-1-01')).toBe(false);
    expect(isValidLocalDate('2025-01-01T00:00')).toBe(false);
    expect(isValidLocalDate(20250101)).toBe(false);
  });
});

describe('compareLocalDates and localDate', () => {
  it('orders dates', () => {
    expect(compareLocalDates('2026-01-02', '2026-01-10')).toBeLessThan(0);
    expect(compareLocalDates('2026-01-10', '2026-01-02')).toBeGreaterThan(0);
    expect(compareLocalDates('2026-01-10', '2026-01-10')).toBe(0);
    expect(['2026-05-01', '2025-12-31', '2026-01-10'].sort(compareLocalDates)).toEqual([
      '2025-12-31',
      '2026-01-10',
      '2026-05-01',
    ]);
  });

  it('builds and normalises dates', () => {
    expect(localDate(2026, 2, 17)).toBe('2026-02-17');
    expect(localDate(2026, 2, 29)).toBe('2026-03-01');
    expect(localDate(50, 1, 1)).toBe('0050-01-01');
  });
});
