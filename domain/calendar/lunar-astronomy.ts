/**
 * @module
 * Where the lunar dates of `lunar-dates.ts` come from: the Chinese lunar calendar of lunar-typescript, moved to
 * Vietnamese days. Only `scripts/generate-lunar-dates.ts` and the test that checks the table use it, so the
 * astronomy library (and its evaluation time) stays out of the workflow sandbox and the API.
 */
import { Lunar, ShouXingUtil, Solar } from 'lunar-typescript';
import { addDays, localDate, type LocalDate } from './local-date.ts';

/**
 * The date on which lunar month `lunarMonth` (1–12, not leap) of `lunarYear` begins in Vietnam.
 *
 * lunar-typescript computes the Chinese calendar, whose days are counted at UTC+8; the Vietnamese calendar
 * counts them at UTC+7. A lunar month begins on the day of its new moon, so when the new moon falls between
 * 00:00 and 01:00 Beijing time it is still the previous day in Vietnam, and the Vietnamese month begins one day
 * earlier. This happened for Tết 2007 and happens again for Tết 2030 (2 Feb in Vietnam, 3 Feb in China) and
 * Hùng Kings 2037 and 2038. We take the new moon's time from lunar-typescript's own astronomy (ShouXingUtil).
 * Not handled: years where the two calendars place a leap month differently (Tết 1985; next in 2148).
 */
export function vietnameseMonthStart(lunarYear: number, lunarMonth: number): LocalDate {
  const chinese = Lunar.fromYmd(lunarYear, lunarMonth, 1).getSolar();
  const start = localDate(chinese.getYear(), chinese.getMonth(), chinese.getDay());
  // The new moon nearest this date, found the way lunar-typescript's calcShuo finds it, then timed with the
  // precise series (the fast one is off by up to ~1.5 min, which matters for new moons near 01:00 Beijing).
  const lunation = Math.floor((chinese.getJulianDay() + 14 - 2451551) / 29.5306) * Math.PI * 2;
  const tt = ShouXingUtil.msaLonT(lunation) * 36525;
  const beijing = tt - ShouXingUtil.dtT(tt) + 1 / 3; // days since J2000.0 (2000-01-01 12:00), in UTC+8
  const beijingDay = Math.floor(beijing + 0.5); // whole days since 2000-01-01 (Beijing)
  const hourInBeijing = (beijing + 0.5 - beijingDay) * 24;
  const sameDay = beijingDay === Math.round(chinese.getJulianDay() - Solar.J2000 + 0.5);
  return sameDay && hourInBeijing < 1 ? addDays(start, -1) : start;
}

/** The lunar months whose first day the holiday rules need: Tết (month 1) and Hùng Kings (10th of month 3). */
export const TABLED_LUNAR_MONTHS = [1, 3] as const;

/** The first day, in Vietnam, of each tabled lunar month of every year from `first` to `last`. */
export function computeLunarMonthStarts(first: number, last: number): Record<number, [LocalDate, LocalDate]> {
  const table: Record<number, [LocalDate, LocalDate]> = {};
  for (let year = first; year <= last; year++)
    table[year] = [vietnameseMonthStart(year, 1), vietnameseMonthStart(year, 3)];
  return table;
}
