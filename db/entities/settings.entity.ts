/** @module Administrator-managed settings: deadline rules and confirmed calendar years. */
import { defineEntity, p } from '@mikro-orm/core';

export const DeadlineRuleRow = defineEntity({
  name: 'DeadlineRuleRow',
  tableName: 'deadline_rule',
  properties: {
    id: p.integer().primary().autoincrement(),
    /** The whole rule as the domain defines it (kind, clock, span, warnBefore, grace, effective dates). */
    rule: p.json(),
    /** The province whose rule it is (its administrator's); null for the national default. */
    provinceId: p.string().length(64).nullable().index(),
    updatedAt: p.datetime(),
    updatedBy: p.string().length(200),
  },
});

export const CalendarYearRow = defineEntity({
  name: 'CalendarYearRow',
  tableName: 'calendar_year',
  properties: {
    year: p.integer().primary().autoincrement(false),
    /** A `YearSchedule` confirmed by an administrator; overrides the built-in official or derived one. */
    schedule: p.json(),
    updatedAt: p.datetime(),
    updatedBy: p.string().length(200),
  },
});

/**
 * A numbered, immutable snapshot of the working-day calendar (issue 11): what contacts reference instead of
 * carrying the years. A new version is taken when an administrator confirms a year, and when the latest one no
 * longer covers this year and the next. Rows are only ever added.
 */
export const CalendarVersionRow = defineEntity({
  name: 'CalendarVersionRow',
  tableName: 'calendar_version',
  properties: {
    version: p.integer().primary().autoincrement(),
    /** The `YearSchedule`s in force when the snapshot was taken, one per year, oldest first. */
    schedules: p.json(),
    /** The calendar change that made it, or null when it was taken because the years ran out. */
    changeId: p.string().length(64).nullable(),
    createdAt: p.datetime(),
  },
});
