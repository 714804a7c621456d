/**
 * @module
 * The department's long jobs (issue 8): province reports and bulk reminders. Each runs as a Temporal
 * workflow; this row is what the widgets poll (progress, result) and outlives the workflow's retention.
 */
import { defineEntity, p } from '@mikro-orm/core';

export const SupervisionJob = defineEntity({
  name: 'SupervisionJob',
  tableName: 'supervision_job',
  indexes: [{ properties: ['type', 'provinceId', 'createdAt'] }],
  properties: {
    id: p.string().length(64).primary(),
    type: p.enum(['report', 'bulk_reminder']),
    provinceId: p.string().length(64).nullable(),
    /** What was asked (a report's period and format; a bulk reminder's message). */
    params: p.json(),
    status: p.enum(['queued', 'running', 'done', 'failed']),
    done: p.integer().default(0),
    total: p.integer().default(0),
    /** The outcome once done (the letters a bulk reminder issued; a report's file name and size). */
    result: p.json().nullable(),
    error: p.text().nullable(),
    requestedBy: p.string().length(200),
    createdAt: p.datetime(),
    finishedAt: p.datetime().nullable(),
  },
});

/**
 * A job's output files (a report; a CSV report has a second part, the overdue contacts), served to those who
 * may read the job.
 */
export const JobFile = defineEntity({
  name: 'JobFile',
  tableName: 'job_file',
  primaryKeys: ['jobId', 'part'],
  properties: {
    jobId: p.string().length(64).primary(),
    /** `main`, or `overdue` for the overdue contacts of a CSV report. */
    part: p.string().length(20).primary(),
    fileName: p.string().length(200),
    contentType: p.string().length(120),
    bytes: p.blob(),
    size: p.integer(),
    sha256: p.string().length(64),
  },
});
