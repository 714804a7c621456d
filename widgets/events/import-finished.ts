/**
 * @module
 * `pl-import-finished`: a spreadsheet import (dry run or real) has been processed.
 */
import type { ImportJob } from '../internal/types.ts';

/**
 * Fired by `pl-registry-admin` when an import job ends (`job.status` is `done` or `failed`); `job.mode` tells a
 * dry run from a real import, `job.report.summary` counts the rows.
 */
export class PlImportFinishedEvent extends Event {
  static readonly type = 'pl-import-finished';
  readonly job: ImportJob;
  readonly detail: { job: ImportJob };

  constructor(job: ImportJob) {
    super(PlImportFinishedEvent.type, { bubbles: true, composed: true });
    this.job = job;
    this.detail = { job };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'pl-import-finished': PlImportFinishedEvent;
  }
}
