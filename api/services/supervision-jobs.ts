/**
 * @module
 * The department's jobs as the API sees them: a row per job (what the widgets poll) and the workflow that
 * does the work. A job is created once per idempotency key, so a retried POST returns the same job.
 */
import { createHash, randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Actor } from '../../domain/actor.ts';
import { ConflictError } from '../../domain/errors.ts';
import type { Em } from '../../db/orm.ts';

export type JobType = 'report' | 'bulk_reminder';

export interface JobRow {
  id: string;
  type: JobType;
  province_id: string | null;
  params: Record<string, unknown>;
  status: 'queued' | 'running' | 'done' | 'failed';
  done: number;
  total: number;
  result: Record<string, unknown> | null;
  error: string | null;
  requested_by: string;
  created_at: string | Date;
  finished_at: string | Date | null;
}

const PREFIX: Record<JobType, string> = { report: 'BC', bulk_reminder: 'DD' };

/** A job id: from the caller's idempotency key when given (the same key, the same job), else random. */
export function jobId(type: JobType, actor: Actor, idempotencyKey: string | undefined): string {
  const tail = idempotencyKey
    ? createHash('sha256').update(`${type}\n${actor.sub}\n${idempotencyKey}`).digest('hex').slice(0, 24)
    : randomUUID().replaceAll('-', '').slice(0, 24);
  return `${PREFIX[type]}-${tail}`;
}

/**
 * Creates the job's row, or finds the one this idempotency key already made, and returns it.
 * @throws ConflictError `idempotency_key_reused` when that job is for another province or other parameters:
 * the key was reused for a different request, which must not silently get the first one's job.
 */
export async function createJob(
  em: Em,
  job: {
    id: string;
    type: JobType;
    provinceId: string;
    params: Record<string, unknown>;
    requestedBy: string;
  },
): Promise<{ row: JobRow; created: boolean }> {
  const inserted = await em.execute<{ id: string }[]>(
    `insert into supervision_job (id, type, province_id, params, status, requested_by, created_at)
     values (?, ?, ?, ?::jsonb, 'queued', ?, now()) on conflict (id) do nothing returning id`,
    [job.id, job.type, job.provinceId, JSON.stringify(job.params), job.requestedBy],
  );
  const row = (await findJob(em, job.id, job.type))!;
  const created = inserted.length > 0;
  if (!created && (row.province_id !== job.provinceId || !isDeepStrictEqual(row.params, job.params)))
    throw ConflictError.idempotencyKeyReused(job.id, 'jobId');
  return { row, created };
}

export async function findJob(em: Em, id: string, type: JobType): Promise<JobRow | undefined> {
  const rows = await em.execute<JobRow[]>('select * from supervision_job where id = ? and type = ?', [
    id,
    type,
  ]);
  return rows[0];
}

export async function recentJobs(em: Em, type: JobType, provinceId: string | undefined, limit = 20) {
  return em.execute<JobRow[]>(
    `select * from supervision_job where type = ?${provinceId ? ' and province_id = ?' : ''}
     order by created_at desc, id desc limit ?`,
    [type, ...(provinceId ? [provinceId] : []), limit],
  );
}

export async function jobFile(em: Em, id: string, part: string) {
  const rows = await em.execute<{ file_name: string; content_type: string; bytes: Buffer }[]>(
    'select file_name, content_type, bytes from job_file where job_id = ? and part = ?',
    [id, part],
  );
  return rows[0];
}

const iso = (d: string | Date | null) => (d === null ? null : new Date(d).toISOString());

/** The common part of a job's JSON. */
export function jobView(row: JobRow) {
  return {
    id: row.id,
    provinceId: row.province_id,
    status: row.status,
    progress: { done: row.done, total: row.total },
    error: row.error,
    createdAt: iso(row.created_at)!,
    finishedAt: iso(row.finished_at),
  };
}
