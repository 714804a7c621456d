/**
 * @module
 * Each confirmed change of the working-day calendar (issue 11): who changed which year, from what to what
 * (the audit), and how far its recomputation of the open contacts' due dates has gone (the progress the
 * administrator's widget polls). The recomputation itself runs as a Temporal workflow of the same id.
 */
import { defineEntity, p } from '@mikro-orm/core';

export const CalendarChange = defineEntity({
  name: 'CalendarChange',
  tableName: 'calendar_change',
  indexes: [{ properties: ['year', 'createdAt'] }],
  properties: {
    id: p.string().length(64).primary(),
    year: p.integer(),
    /** The schedule in force before (built-in, derived or an earlier confirmation). */
    previous: p.json(),
    /** The schedule confirmed. */
    schedule: p.json(),
    status: p.enum(['queued', 'running', 'done', 'failed']),
    /** Open contacts when the recomputation started, those it has reached, and those whose due date moved. */
    total: p.integer().default(0),
    done: p.integer().default(0),
    moved: p.integer().default(0),
    requestedBy: p.string().length(200),
    requestedByName: p.string().length(200),
    createdAt: p.datetime(),
    finishedAt: p.datetime().nullable(),
    error: p.text().nullable(),
  },
});
