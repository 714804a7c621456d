// The lunar-date table the holiday rules use must be exactly what the astronomy gives, year by year: it is
// generated once (scripts/generate-lunar-dates.ts) and must never drift from its source.
import { describe, expect, it } from 'vitest';
import { computeLunarMonthStarts } from '../../../domain/calendar/lunar-astronomy.ts';
import {
  LUNAR_MONTH_STARTS,
  LUNAR_TABLE_FIRST_YEAR,
  LUNAR_TABLE_LAST_YEAR,
  lunarMonthStart,
} from '../../../domain/calendar/lunar-dates.ts';

describe('lunar month starts', () => {
  it('match lunar-typescript, moved to Vietnamese days, for every tabled year', () => {
    expect(LUNAR_MONTH_STARTS).toEqual(
      computeLunarMonthStarts(LUNAR_TABLE_FIRST_YEAR, LUNAR_TABLE_LAST_YEAR),
    );
  });

  it('give Tết and the third month in Vietnam, where they differ from China', () => {
    expect(lunarMonthStart(2026, 1)).toBe('2026-02-17');
    expect(lunarMonthStart(2030, 1)).toBe('2030-02-02'); // 3 Feb in China
    expect(lunarMonthStart(2037, 3)).toBe('2037-04-15'); // Hùng Kings (10th day) on 24 Apr
  });

  it('refuse a year outside the table', () => {
    expect(() => lunarMonthStart(LUNAR_TABLE_FIRST_YEAR - 1, 1)).toThrow(RangeError);
    expect(() => lunarMonthStart(LUNAR_TABLE_LAST_YEAR + 1, 3)).toThrow(RangeError);
  });
});
