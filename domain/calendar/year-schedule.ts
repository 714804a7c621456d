/**
 * @module
 * The days off of one Gregorian year, as plain data, and the rule-based derivation of that data from the
 * Labour Code 2019.
 *
 * A {@link YearSchedule} is what the working-day calendar consults. For years with an official notice the
 * schedule is written out by hand (`official-schedules.ts`); for any other year {@link deriveYearSchedule} gives
 * the best guess the law allows, because the Prime Minister only fixes the exact Tết and National Day days a few
 * months ahead (Labour Code 2019 Art. 112(3)).
 */
import { InvalidInputError } from '../errors.ts';
import { addDays, compareLocalDates, isoWeekday, isWeekend, localDate } from './local-date.ts';
import { LUNAR_TABLE_FIRST_YEAR, LUNAR_TABLE_LAST_YEAR, lunarMonthStart } from './lunar-dates.ts';
import type { LocalDate } from './local-date.ts';

/**
 * The years the working-day calendar covers: those whose holidays can be derived, from 2021 (the Labour Code
 * 2019 applies) to the last year of the lunar table (later new moons are uncertain by minutes). The one source
 * of the range: API validation, calendar versions and loaded calendars all take it from here.
 */
export const CALENDAR_YEARS = { from: LUNAR_TABLE_FIRST_YEAR, to: LUNAR_TABLE_LAST_YEAR } as const;

/** True if the working-day calendar covers `year` (see {@link CALENDAR_YEARS}). */
export function isCalendarYear(year: number): boolean {
  return Number.isInteger(year) && year >= CALENDAR_YEARS.from && year <= CALENDAR_YEARS.to;
}

/**
 * Why a day is off:
 * - `holiday`: one of the 11 public-holiday days of Labour Code 2019 Art. 112(1);
 * - `compensatory` (nghỉ bù): a holiday fell on a weekend, so the next working day is off instead;
 * - `extra_day_off`: a weekday the government swapped with a working weekend day (hoán đổi).
 */
export type DayOffKind = 'holiday' | 'compensatory' | 'extra_day_off';

/** A weekday on which offices are closed. */
export interface DayOff {
  /** The date in Vietnam time. */
  date: LocalDate;
  /** Why the day is off. */
  kind: DayOffKind;
  /** Vietnamese name shown to users, e.g. 'Tết Nguyên đán' or 'Nghỉ bù Giỗ Tổ Hùng Vương'. */
  name: string;
}

/** A Saturday or Sunday that is a working day because of a swap, e.g. Saturday 10 Jan 2026. */
export interface WorkingWeekendDay {
  /** The date in Vietnam time. */
  date: LocalDate;
  /** Vietnamese explanation, e.g. 'Làm bù cho thứ Sáu 02/01/2026'. */
  name: string;
}

/** The non-working weekdays and working weekend days of one Gregorian year. Serialisable. */
export interface YearSchedule {
  /** The Gregorian year; every date in the schedule lies in it. */
  year: number;
  /** `derived` from the law by {@link deriveYearSchedule}, or `confirmed` against the government's notice. */
  status: 'derived' | 'confirmed';
  /** Days off, sorted by date. Weekends are implicit and not listed unless they are holidays. */
  daysOff: DayOff[];
  /** Weekend days that are working days, sorted by date. */
  workingWeekendDays: WorkingWeekendDay[];
  /** Where the data comes from (URLs of laws and notices). */
  sources: string[];
}

/** Labour Code 2019 Art. 112 (public holidays). */
export const LABOUR_CODE_ART_112_SOURCE =
  'https://sites.google.com/view/luatlaodong2019/luật-lao-động/chương-7-thời-gian-làm-việc-thời-giờ-nghỉ-ngơi/điều-112-nghỉ-lễ-tết';

/** The Gregorian date of a lunar date (month 1–12, non-leap) in the Vietnamese calendar. */
function lunarToLocalDate(lunarYear: number, lunarMonth: 1 | 3, lunarDay: number): LocalDate {
  return addDays(lunarMonthStart(lunarYear, lunarMonth), lunarDay - 1);
}

/**
 * The day added to 2 Sep (National Day), as a default. Art. 112(1)(đ) gives "2 Sep and one day before or
 * after", and Art. 112(3) lets the Prime Minister pick it each year; the confirmed schedule overrides this.
 * The default picks the neighbour that joins the weekend or, failing that, 1 Sep, and never a weekend day:
 * Mon → 3 Sep (Sat–Tue off), Tue → 1 Sep (Sat–Tue), Wed → 1 Sep, Thu → 3 Sep (Thu–Sun), Fri → 1 Sep
 * (Thu–Sun), Sat → 1 Sep (Fri–Mon with the compensatory Monday), Sun → 3 Sep (Sat–Tue with compensatory Tue).
 * It reproduces the government's choices of 2023 (Sat), 2024 (Mon) and 2025 (Tue).
 */
export function defaultNationalDayPartner(year: number): LocalDate {
  const nationalDay = localDate(year, 9, 2);
  const threeSep = new Set([1, 4, 7]); // Monday, Thursday, Sunday
  return threeSep.has(isoWeekday(nationalDay)) ? localDate(year, 9, 3) : localDate(year, 9, 1);
}

/** The 11 holiday days of Art. 112(1) for `year`, sorted by date. */
export function statutoryHolidays(year: number): DayOff[] {
  const holiday = (date: LocalDate, name: string): DayOff => ({ date, kind: 'holiday', name });
  const lunarNewYear = lunarToLocalDate(year, 1, 1);
  // Tết: the last day of the old lunar year (Tết eve, 29 or 30 of the 12th month) plus days 1–4 of the new one.
  const tet = [-1, 0, 1, 2, 3].map((offset) => holiday(addDays(lunarNewYear, offset), 'Tết Nguyên đán'));
  const days = [
    holiday(localDate(year, 1, 1), 'Tết Dương lịch'),
    ...tet,
    holiday(lunarToLocalDate(year, 3, 10), 'Giỗ Tổ Hùng Vương'),
    holiday(localDate(year, 4, 30), 'Ngày Chiến thắng'),
    holiday(localDate(year, 5, 1), 'Ngày Quốc tế lao động'),
    holiday(localDate(year, 9, 2), 'Quốc khánh'),
    holiday(defaultNationalDayPartner(year), 'Quốc khánh'),
  ];
  return days.sort((a, b) => compareLocalDates(a.date, b.date));
}

/**
 * Adds a compensatory day (nghỉ bù) for every holiday that falls on a Saturday or Sunday: the next day that is
 * neither a weekend day nor already off. Labour Code 2019 Art. 111(3) as we read it (⚠ DOMAIN.md §6 has not
 * confirmed the article number); e.g. Hùng Kings on Sunday 26 Apr 2026 gave Monday 27 Apr off.
 */
export function withCompensatoryDays(holidays: readonly DayOff[]): DayOff[] {
  const taken = new Set(holidays.map((h) => h.date));
  const result = [...holidays];
  for (const h of holidays) {
    if (!isWeekend(h.date)) continue;
    let day = addDays(h.date, 1);
    while (isWeekend(day) || taken.has(day)) day = addDays(day, 1);
    taken.add(day);
    result.push({ date: day, kind: 'compensatory', name: `Nghỉ bù ${h.name}` });
  }
  return result.sort((a, b) => compareLocalDates(a.date, b.date));
}

/**
 * The schedule of `year` as the law alone determines it (status `derived`): the Art. 112 holidays, Tết and
 * Hùng Kings from the lunar calendar, the default National Day partner, compensatory days, and no swaps.
 * Swapped days (hoán đổi) are decided each year and only appear in confirmed schedules.
 *
 * Lunar dates come from the table in `lunar-dates.ts` (computed with lunar-typescript, corrected from Chinese
 * (UTC+8) to Vietnamese (UTC+7) days); the confirmed schedules remain the authority.
 * @example deriveYearSchedule(2026).daysOff.filter((d) => d.name === 'Tết Nguyên đán') // 16–20 Feb 2026
 */
export function deriveYearSchedule(year: number): YearSchedule {
  // A domain error, not a RangeError: a date or period someone sent can reach a year beyond the range, and
  // that is their input to correct (422), also when a workflow's Update validator meets it.
  if (!isCalendarYear(year)) {
    const { from, to } = CALENDAR_YEARS;
    throw new InvalidInputError(
      'calendar_year_not_covered',
      `Lịch ngày làm việc chỉ có các năm ${from}–${to}, không có năm ${year}.`,
      {
        year,
        years: { from, to },
        detailEn: `The working-day calendar covers ${from}–${to} only, not ${year}.`,
      },
    );
  }
  return {
    year,
    status: 'derived',
    daysOff: withCompensatoryDays(statutoryHolidays(year)),
    workingWeekendDays: [],
    sources: [LABOUR_CODE_ART_112_SOURCE],
  };
}
