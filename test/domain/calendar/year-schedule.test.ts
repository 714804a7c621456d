import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../domain/errors.ts';
import { LUNAR_TABLE_FIRST_YEAR, LUNAR_TABLE_LAST_YEAR } from '../../../domain/calendar/lunar-dates.ts';
import {
  CALENDAR_YEARS,
  defaultNationalDayPartner,
  deriveYearSchedule,
  isCalendarYear,
  statutoryHolidays,
} from '../../../domain/calendar/year-schedule.ts';
import type { DayOff } from '../../../domain/calendar/year-schedule.ts';

const datesOf = (days: DayOff[], name: string): string[] =>
  days.filter((d) => d.name === name).map((d) => d.date);

describe('deriveYearSchedule', () => {
  it('puts Tết 2026 on Tết eve Mon 16 Feb and lunar 1–4 (Tue 17 – Fri 20 Feb)', () => {
    const s = deriveYearSchedule(2026);
    expect(s.status).toBe('derived');
    expect(datesOf(s.daysOff, 'Tết Nguyên đán')).toEqual([
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
    ]);
  });

  it('puts Hùng Kings 2025 on Mon 7 Apr and 2026 on Sun 26 Apr with Mon 27 Apr as compensatory day', () => {
    expect(datesOf(deriveYearSchedule(2025).daysOff, 'Giỗ Tổ Hùng Vương')).toEqual(['2025-04-07']);
    const s2026 = deriveYearSchedule(2026);
    expect(datesOf(s2026.daysOff, 'Giỗ Tổ Hùng Vương')).toEqual(['2026-04-26']);
    expect(s2026.daysOff.find((d) => d.date === '2026-04-27')).toEqual({
      date: '2026-04-27',
      kind: 'compensatory',
      name: 'Nghỉ bù Giỗ Tổ Hùng Vương',
    });
  });

  it('has the 11 Art. 112 holiday days every year, sorted, no duplicates', () => {
    for (let year = 2021; year <= 2040; year++) {
      const { daysOff } = deriveYearSchedule(year);
      expect(daysOff.filter((d) => d.kind === 'holiday')).toHaveLength(11);
      const dates = daysOff.map((d) => d.date);
      expect(dates).toEqual([...dates].sort());
      expect(new Set(dates).size).toBe(dates.length);
      expect(dates.every((d) => d.startsWith(`${year}-`))).toBe(true);
    }
  });

  it('gives one compensatory weekday per weekend holiday, skipping other days off (Tết 2027: Fri 5 – Tue 9 Feb)', () => {
    const s = deriveYearSchedule(2027);
    expect(s.daysOff.filter((d) => d.kind === 'compensatory')).toEqual([
      { date: '2027-02-10', kind: 'compensatory', name: 'Nghỉ bù Tết Nguyên đán' },
      { date: '2027-02-11', kind: 'compensatory', name: 'Nghỉ bù Tết Nguyên đán' },
      { date: '2027-05-03', kind: 'compensatory', name: 'Nghỉ bù Ngày Quốc tế lao động' },
    ]);
  });

  it('derives 2025 Tết from Tết eve (Tue 28 Jan – Sat 1 Feb) with Mon 3 Feb compensatory', () => {
    const { daysOff } = deriveYearSchedule(2025);
    expect(datesOf(daysOff, 'Tết Nguyên đán')).toEqual([
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-02-01',
    ]);
    expect(datesOf(daysOff, 'Nghỉ bù Tết Nguyên đán')).toEqual(['2025-02-03']);
  });

  it('uses Vietnamese (UTC+7) lunar days where they differ from the Chinese (UTC+8) ones', () => {
    // New moon 2 Feb 2030 at 23:07 in Hanoi (00:07 on 3 Feb in Beijing): Tết 2030 is 3 Feb in China, 2 Feb here.
    expect(datesOf(deriveYearSchedule(2030).daysOff, 'Tết Nguyên đán')).toEqual([
      '2030-02-01',
      '2030-02-02',
      '2030-02-03',
      '2030-02-04',
      '2030-02-05',
    ]);
    // Lunar month 3 starts a day earlier in Vietnam in 2037 and 2038 (China: 25 Apr 2037, 14 Apr 2038).
    expect(datesOf(deriveYearSchedule(2037).daysOff, 'Giỗ Tổ Hùng Vương')).toEqual(['2037-04-24']);
    expect(datesOf(deriveYearSchedule(2038).daysOff, 'Giỗ Tổ Hùng Vương')).toEqual(['2038-04-13']);
    // An ordinary year is unchanged: Tết 2031 is Thu 23 Jan in both calendars.
    expect(datesOf(deriveYearSchedule(2031).daysOff, 'Tết Nguyên đán')[1]).toBe('2031-01-23');
  });

  it('is plain serialisable data', () => {
    const s = deriveYearSchedule(2031);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it('refuses years before the Labour Code 2019 or too far ahead, as invalid input naming the years covered', () => {
    // A domain error (422 at the API, a rejected Update in a workflow), not the RangeError (500) it once was.
    for (const year of [2020, 2101, 2026.5]) {
      const thrown = (() => {
        try {
          deriveYearSchedule(year);
        } catch (error) {
          return error;
        }
        return undefined;
      })();
      expect(thrown).toBeInstanceOf(InvalidInputError);
      expect(thrown).toMatchObject({
        code: 'calendar_year_not_covered',
        details: { year, years: { from: 2021, to: 2100 } },
      });
    }
    expect(CALENDAR_YEARS).toEqual({ from: LUNAR_TABLE_FIRST_YEAR, to: LUNAR_TABLE_LAST_YEAR });
    expect([2020, 2021, 2100, 2101].map(isCalendarYear)).toEqual([false, true, true, false]);
  });
});

describe('defaultNationalDayPartner', () => {
  it.each([
    [2024, '2024-09-03'], // 2 Sep Monday
    [2025, '2025-09-01'], // Tuesday
    [2026, '2026-09-01'], // Wednesday
    [2027, '2027-09-03'], // Thursday
    [2022, '2022-09-01'], // Friday
    [2023, '2023-09-01'], // Saturday
    [2029, '2029-09-03'], // Sunday
  ])('picks the default day next to 2 Sep %i', (year, expected) => {
    expect(defaultNationalDayPartner(year)).toBe(expected);
  });

  it('yields a compensatory day when 2 Sep is a weekend day (2023: Fri 1 – Mon 4 Sep)', () => {
    const { daysOff } = deriveYearSchedule(2023);
    expect(
      daysOff.filter((d) => d.date >= '2023-09-01' && d.date <= '2023-09-05').map((d) => d.date),
    ).toEqual(['2023-09-01', '2023-09-02', '2023-09-04']);
  });
});

describe('statutoryHolidays', () => {
  it('lists the fixed Gregorian holidays', () => {
    const dates = statutoryHolidays(2030).map((d) => d.date);
    expect(dates).toEqual(expect.arrayContaining(['2030-01-01', '2030-04-30', '2030-05-01', '2030-09-02']));
  });
});
