/**
 * @module
 * Reads the administrator-managed settings: deadline rules (falling back to the product defaults) and the
 * working-day calendar (an administrator's confirmed year wins over the built-in official or derived one).
 */
import type { DeadlineRule, RuleName } from '../../domain/deadlines/rules.ts';
import type { ContactKind } from '../../domain/vocabulary.ts';
import {
  OFFICIAL_SCHEDULES,
  deriveYearSchedule,
  isCalendarYear,
  type CalendarData,
  type YearSchedule,
} from '../../domain/calendar/index.ts';
import { CalendarYearRow, DeadlineRuleRow } from '../../db/entities/index.ts';
import type { Em } from '../../db/orm.ts';

/** A stored rule, its province from the row (the column is the truth; the JSON may predate it). */
const ruleOf = (row: { rule: unknown; provinceId?: string | null | undefined }): DeadlineRule => {
  const { provinceId: _stale, ...rule } = row.rule as DeadlineRule;
  return row.provinceId ? { ...rule, provinceId: row.provinceId } : rule;
};

/**
 * Every stored rule, national and of every province. Contacts resolve theirs with `rulesForContact`, which
 * falls back to the product's defaults for what nobody set.
 */
export async function loadDeadlineRules(em: Em): Promise<DeadlineRule[]> {
  const rows = await em.find(DeadlineRuleRow, {}, { orderBy: { id: 'asc' } });
  return rows.map(ruleOf);
}

/** The rules an administrator set for one scope: a province, or the national default (`null`). */
export async function scopeRules(em: Em, provinceId: string | null): Promise<DeadlineRule[]> {
  const rows = await em.find(DeadlineRuleRow, { provinceId }, { orderBy: { id: 'asc' } });
  return rows.map(ruleOf);
}

/** Replaces one scope's rules (the caller checked the change), in the caller's transaction. */
export async function replaceScopeRules(
  em: Em,
  provinceId: string | null,
  rules: readonly DeadlineRule[],
  by: string,
  at: Date,
): Promise<void> {
  await em.nativeDelete(DeadlineRuleRow, { provinceId });
  for (const rule of rules) em.create(DeadlineRuleRow, { rule, provinceId, updatedAt: at, updatedBy: by });
  await em.flush();
}

/** Open contacts by the rule they run under (as they copied it when opening), in a province or everywhere. */
export async function rulesInUse(
  em: Em,
  provinceId: string | null,
): Promise<
  { kind: ContactKind; clock: RuleName; rule: DeadlineRule; openContacts: number; contactIds: string[] }[]
> {
  const rows = await em.execute<
    { kind: ContactKind; clock: RuleName; rule: unknown; n: number; ids: string[] }[]
  >(
    `select c.kind, r.key as clock, r.value as rule, count(*)::int as n,
            (array_agg(c.id order by c.submitted_at desc))[1:20] as ids
       -- A started clock runs under its own copy of the rule; a clock yet to start under the one kept in rules.
       from contact c cross join lateral jsonb_each(
              coalesce(c.state -> 'rules', '{}'::jsonb) ||
              coalesce((select jsonb_object_agg(k.key, k.value -> 'rule') from jsonb_each(c.state -> 'clocks') k), '{}'::jsonb)
            ) r
      where c.open and (?::text is null or c.province_id = ?)
      group by c.kind, r.key, r.value
      order by c.kind, r.key, count(*) desc`,
    [provinceId, provinceId],
  );
  return rows.map((r) => ({
    kind: r.kind,
    clock: r.clock,
    rule: (typeof r.rule === 'string' ? JSON.parse(r.rule) : r.rule) as DeadlineRule,
    openContacts: Number(r.n),
    contactIds: r.ids,
  }));
}

/** A year's schedule: the confirmed one, else the official, else the derived one (a 422 beyond the calendar's years). */
export async function yearSchedule(em: Em, year: number): Promise<YearSchedule> {
  const row = await em.findOne(CalendarYearRow, { year });
  if (row) return row.schedule as YearSchedule;
  return OFFICIAL_SCHEDULES.find((s) => s.year === year) ?? deriveYearSchedule(year);
}

/**
 * The schedules of `years` that the calendar covers. At its edges (2021, 2100) the year before or after is
 * left out rather than refused: a count that reaches it is refused then, by the calendar (a 422).
 */
async function schedulesOf(em: Em, years: readonly number[]): Promise<YearSchedule[]> {
  const schedules: YearSchedule[] = [];
  for (const year of years.filter(isCalendarYear)) schedules.push(await yearSchedule(em, year));
  return schedules;
}

/** The calendar a contact carries: the given year and the next (deadlines cross New Year). */
export async function calendarFor(
  em: Em,
  year: number,
  officeHours?: CalendarData['officeHours'],
): Promise<CalendarData> {
  return {
    schedules: await schedulesOf(em, [year, year + 1]),
    ...(officeHours ? { officeHours } : {}),
  };
}

/** The calendar around a year (the year before, the year, the year after): for counting back as well as forward. */
export async function calendarAround(em: Em, year: number): Promise<CalendarData> {
  return { schedules: await schedulesOf(em, [year - 1, year, year + 1]) };
}
