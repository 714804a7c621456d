/** @module Spreadsheet imports (dry run or apply), with progress, so long imports can be followed. */
import { defineEntity, p } from '@mikro-orm/core';

export const ImportJob = defineEntity({
  name: 'ImportJob',
  tableName: 'import_job',
  properties: {
    id: p.string().primary().length(64),
    kind: p.enum(['spokespersons', 'journalists']),
    mode: p.enum(['dry_run', 'apply']),
    status: p.enum(['queued', 'running', 'done', 'failed']),
    fileName: p.string().length(300).nullable(),
    total: p.integer().default(0),
    processed: p.integer().default(0),
    /** Row-by-row outcome and the summary, once finished. */
    report: p.json().nullable(),
    /** A message for the whole file (wrong format, encoding, too large…). */
    error: p.text().nullable(),
    createdBy: p.string().length(200),
    createdAt: p.datetime(),
    finishedAt: p.datetime().nullable(),
  },
});
