/**
 * @module
 * Reads the administrator-managed settings: deadline rules (falling back to the product defaults) and the
 * working-day calendar (an administrator's confirmed year wins over the built-in official or derived one).
 */
import { DEFAULT_DEADLINE_RULES, type DeadlineRule } from '../../domain/deadlines/rules.ts';
import {
  OFFICIAL_SCHEDULES,
  deriveYearSchedule,
  type CalendarData,
  type YearSchedule,
} from '../../domain/calendar/index.ts';
import { CalendarYearRow, DeadlineRuleRow } from '../../db/entities/index.ts';
import type { Em } from '../../db/orm.ts';

export async function loadDeadlineRules(em: Em): Promise<DeadlineRule[]> {
  const rows = await em.find(DeadlineRuleRow, {}, { orderBy: { id: 'asc' } });
  return rows.length ? rows.map((r) => r.rule as DeadlineRule) : [...DEFAULT_DEADLINE_RULES];
}

export async function yearSchedule(em: Em, year: number): Promise<YearSchedule> {
  const row = await em.findOne(CalendarYearRow, { year });
  if (row) return row.schedule as YearSchedule;
  return OFFICIAL_SCHEDULES.find((s) => s.year === year) ?? deriveYearSchedule(year);
}

/** The calendar a contact carries: the given year and the next (deadlines cross New Year). */
export async function calendarFor(
  em: Em,
  year: number,
  officeHours?: CalendarData['officeHours'],
): Promise<CalendarData> {
  return {
    schedules: [await yearSchedule(em, year), await yearSchedule(em, year + 1)],
    ...(officeHours ? { officeHours } : {}),
  };
}

/** The calendar around a year (the year before, the year, the year after): for counting back as well as forward. */
export async function calendarAround(em: Em, year: number): Promise<CalendarData> {
  return {
    schedules: [
      await yearSchedule(em, year - 1),
      await yearSchedule(em, year),
      await yearSchedule(em, year + 1),
    ],
  };
}
