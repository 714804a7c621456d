/**
 * @module
 * Activities of the department's long jobs (issue 8): a province report rendered and stored, and a bulk
 * reminder that issues one letter per agency and records it on every overdue contact it names (through the
 * contact's own validated `remind` Update). Each is idempotent: a retried report finds its file stored; a
 * retried letter finds its document by source key; a reminder Update already applied is recognised by the
 * letter it carries.
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Actor } from '../domain/actor.ts';
import type { IssuedLetter } from '../domain/supervision/letters.ts';
import {
  parseReportPeriod,
  renderOverdueCsv,
  renderReportCsv,
  renderReportXlsx,
} from '../documents/report/index.ts';
import { translateTemporalError } from '../api/contact-workflows.ts';
import { gatherProvinceReport } from '../api/services/province-report.ts';
import { ActionNotAllowedError, ForbiddenError } from '../domain/errors.ts';
import { sha256Hex } from '../db/repositories/documents.ts';
import type { Em, Orm } from '../db/orm.ts';
import { actionUpdate } from '../workflows/messages.ts';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface JobUpdate {
  jobId: string;
  status?: JobStatus;
  done?: number;
  total?: number;
  result?: unknown;
  error?: string;
}

export interface ReportParams {
  period: string;
  format: 'xlsx' | 'csv';
}

const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

async function updateJob(em: Em, u: JobUpdate): Promise<void> {
  const finished = u.status === 'done' || u.status === 'failed';
  await em.execute(
    // A finished job shows all its steps done, whatever the last progress report said.
    `update supervision_job set status = coalesce(?, status), total = coalesce(?, total),
       done = case when ? then greatest(coalesce(?, done), coalesce(?, total)) else coalesce(?, done) end,
       result = coalesce(?::jsonb, result), error = coalesce(?, error),
       finished_at = case when ? then coalesce(finished_at, now()) else finished_at end
     where id = ?`,
    [
      u.status ?? null,
      u.total ?? null,
      u.status === 'done',
      u.done ?? null,
      u.total ?? null,
      u.done ?? null,
      u.result === undefined ? null : JSON.stringify(u.result),
      u.error ?? null,
      finished,
      u.jobId,
    ],
  );
}

async function storeFile(
  em: Em,
  file: { jobId: string; part: string; fileName: string; contentType: string; bytes: Uint8Array },
): Promise<void> {
  await em.execute(
    `insert into job_file (job_id, part, file_name, content_type, bytes, size, sha256) values (?, ?, ?, ?, ?, ?, ?)
     on conflict (job_id, part) do nothing`,
    [
      file.jobId,
      file.part,
      file.fileName,
      file.contentType,
      Buffer.from(file.bytes),
      file.bytes.byteLength,
      sha256Hex(file.bytes),
    ],
  );
}

export function createSupervisionJobActivities(deps: { orm: Orm; now?: () => number }) {
  const now = deps.now ?? Date.now;
  return {
    async updateJob(update: JobUpdate): Promise<void> {
      await updateJob(deps.orm.em.fork(), update);
    },

    /** Gathers, renders and stores a province report; reports progress as it goes. */
    async generateProvinceReport(input: { jobId: string }): Promise<{ fileName: string; size: number }> {
      const em = deps.orm.em.fork();
      const [job] = await em.execute<{ province_id: string; params: ReportParams }[]>(
        'select province_id, params from supervision_job where id = ?',
        [input.jobId],
      );
      if (!job) throw ApplicationFailure.nonRetryable(`No job '${input.jobId}'.`, 'JobMissing');
      const existing = await em.execute<{ file_name: string; size: number }[]>(
        `select file_name, size from job_file where job_id = ? and part = 'main'`,
        [input.jobId],
      );
      if (existing[0]) return { fileName: existing[0].file_name, size: existing[0].size };
      const period = parseReportPeriod(job.params.period);
      if (!period) throw ApplicationFailure.nonRetryable('The period is not valid.', 'BadPeriod');
      const progress = async (done: number, total: number) => {
        Context.current().heartbeat({ done, total });
        await updateJob(em, { jobId: input.jobId, status: 'running', done, total: total + 1 });
      };
      const report = await gatherProvinceReport(
        em,
        { provinceId: job.province_id, period, now: now() },
        progress,
      );
      const stem = `bao-cao-${job.province_id}-${period.label}`;
      const { format } = job.params;
      const bytes =
        format === 'xlsx'
          ? await renderReportXlsx(report)
          : new TextEncoder().encode(renderReportCsv(report));
      await em.transactional(async (tx) => {
        await storeFile(tx, {
          jobId: input.jobId,
          part: 'main',
          fileName: `${stem}.${format}`,
          contentType: CONTENT_TYPES[format],
          bytes,
        });
        if (format === 'csv')
          await storeFile(tx, {
            jobId: input.jobId,
            part: 'overdue',
            fileName: `${stem}-qua-han.csv`,
            contentType: CONTENT_TYPES.csv,
            bytes: new TextEncoder().encode(renderOverdueCsv(report)),
          });
      });
      return { fileName: `${stem}.${format}`, size: bytes.byteLength };
    },

    /** The overdue open contacts of a province, grouped by agency (ids only: they travel in history). */
    async overdueByAgency(input: {
      provinceId: string;
      at: number;
    }): Promise<{ agencyId: string; contactIds: string[] }[]> {
      const rows = await deps.orm.em.fork().execute<{ agency_id: string; ids: string[] }[]>(
        `select c.agency_id, array_agg(c.id order by c.due_at, c.id) as ids
         from contact c where c.open and c.province_id = ? and c.due_at < ?
         group by c.agency_id order by c.agency_id`,
        [input.provinceId, new Date(input.at)],
      );
      return rows.map((r) => ({ agencyId: r.agency_id, contactIds: r.ids }));
    },

    /**
     * Sends the contact's own `remind` Update carrying the letter already issued for its agency, so the
     * contact records the reminder and the letter without issuing another. A contact that has since closed
     * (409) or that the supervisor may no longer remind (403) is skipped, not failed: the job reports it.
     */
    async remindContact(input: {
      /** The Update's id: Temporal applies an Update id once, so a retried activity never reminds twice. */
      updateId: string;
      contactId: string;
      actor: Actor;
      message: string;
      letter: IssuedLetter;
    }): Promise<'reminded' | 'skipped'> {
      const handle = Context.current().client.workflow.getHandle(input.contactId);
      try {
        await handle.executeUpdate(actionUpdate('remind'), {
          updateId: input.updateId,
          args: [
            { actor: input.actor, input: { message: input.message }, context: { letter: input.letter } },
          ],
        });
        return 'reminded';
      } catch (error) {
        // The API's own translation of a rejected Update back into the domain's errors.
        const refused = translateTemporalError(error);
        if (refused instanceof ActionNotAllowedError || refused instanceof ForbiddenError) return 'skipped';
        throw error;
      }
    },
  };
}
