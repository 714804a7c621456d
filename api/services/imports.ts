/**
 * @module
 * Import jobs. The upload is read and its header checked while the client waits (a wrong file is a 422
 * at once); the rows are then checked and, for `apply`, written by a job in this API process, which the
 * client follows with `GET /imports/{id}`.
 *
 * Why not a Temporal workflow: an apply is ONE database transaction — every row is written or none is —
 * so there is nothing to resume. If the process dies mid-job, the transaction rolls back and the only
 * loss is the job itself, which `failInterruptedImports` (run at start-up) marks failed: the user uploads
 * again. A workflow would add a durable copy of a 10 MB file for no gain.
 */
import { randomUUID } from 'node:crypto';
import { PgliteDriver } from '@mikro-orm/pglite';
import type { Actor } from '../../domain/actor.ts';
import { toLocalDate } from '../../domain/calendar/index.ts';
import { DomainError } from '../../domain/errors.ts';
import {
  mapHeaders,
  parseRow,
  type CellError,
  type ImportFailureCode,
  type ImportKind,
  type RowErrorParams,
} from '../../domain/registry/import-rows.ts';
import { ImportJob } from '../../db/entities/index.ts';
import type { Em, Orm } from '../../db/orm.ts';
import { bulkWriteSpokespersons, type BulkSpokespersonWrite } from '../../db/repositories/spokespersons.ts';
import { planJournalists } from './import-journalists.ts';
import { planSpokespersons } from './import-spokespersons.ts';
import { readTable } from './spreadsheets.ts';

export type ImportMode = 'dry_run' | 'apply';
export interface RowOutcome {
  row: number;
  action: 'create' | 'update' | 'unchanged' | 'error';
  id?: string;
  /** For an update: the columns whose values change. */
  changes?: string[];
  errors?: CellError[];
}
export interface Plan {
  outcomes: RowOutcome[];
  /** One per created or changed row; lower `order` first. Returns the entry's id. */
  writes: {
    outcome: RowOutcome;
    order: number;
    run: (tx: Em, now: Date) => Promise<string>;
    /** Present when the write can go through a bulk path (spokespersons): many rows per statement. */
    bulk?: BulkSpokespersonWrite;
  }[];
}
export interface ImportReport {
  summary: Record<RowOutcome['action'], number> & { total: number };
  rows: RowOutcome[];
  /**
   * Why the job failed, when it did, as a stable code (the job's `error` is the same in English): kept with the
   * report because the report is what a client shows next to it.
   */
  failure?: { code: ImportFailureCode; params?: RowErrorParams };
}

/** Rows between progress updates. */
const PROGRESS_EVERY = 500;
/** Writes between identity-map clears (MikroORM's flush cost grows with the entities it manages). */
const CLEAR_EVERY = 10;
/** Jobs running at once in this process; others wait in `queued`. */
const MAX_RUNNING = 2;

let running = 0;
const waiting: (() => void)[] = [];
const acquire = () =>
  running < MAX_RUNNING ? Promise.resolve(void running++) : new Promise<void>((r) => waiting.push(r));
const release = () => (waiting.length ? waiting.shift()!() : void running--);

function summarise(outcomes: RowOutcome[]): ImportReport {
  const summary = { create: 0, update: 0, unchanged: 0, error: 0, total: outcomes.length };
  for (const o of outcomes) summary[o.action] += 1;
  return { summary, rows: outcomes };
}

class RowErrors extends Error {}

/** A checked row whose write failed all the same (say, changed meanwhile by someone else). */
function rowFailure(job: string, row: number, error: unknown): DomainError {
  if (error instanceof DomainError)
    return new DomainError(error.code, `Row ${row}: ${error.message}`, { row, reason: error.code });
  console.error(
    JSON.stringify({ level: 'error', msg: 'import write failed', job, row, error: String(error) }),
  );
  return new DomainError(
    'import_row_failed',
    `Row ${row}: the database refused the write (changed meanwhile?).`,
    { row },
  );
}

export interface StartImport {
  kind: ImportKind;
  mode: ImportMode;
  actor: Actor;
  bytes: Uint8Array;
  fileName: string | null;
  now?: () => number;
}

/**
 * Reads the file and checks its header, records a queued job and starts it in the background.
 * @throws InvalidInputError when the file cannot be read as the list asked for (nothing is recorded).
 */
export async function startImport(orm: Orm, input: StartImport): Promise<{ id: string; total: number }> {
  const table = await readTable(input.bytes);
  const map = mapHeaders(input.kind, table.headers);
  const now = input.now ?? Date.now;
  const job = {
    id: `imp-${randomUUID()}`,
    kind: input.kind,
    mode: input.mode,
    status: 'queued' as const,
    fileName: input.fileName,
    total: table.rows.length,
    processed: 0,
    report: null,
    error: null,
    createdBy: input.actor.sub,
    createdAt: new Date(now()),
    finishedAt: null,
  };
  await orm.em.fork().insert(ImportJob, job);
  const parsed = table.rows.map((r) => parseRow<string>(map, r.cells, r.row));
  void runJob(orm, job.id, input, (em) =>
    input.kind === 'spokespersons'
      ? planSpokespersons(em, input.actor, map, parsed)
      : planJournalists(em, input.actor, map, parsed, toLocalDate(now())),
  );
  return { id: job.id, total: job.total };
}

async function runJob(
  orm: Orm,
  id: string,
  input: StartImport,
  plan: (em: Em) => Promise<Plan>,
): Promise<void> {
  // Progress goes through an entity manager of its own: on PostgreSQL another connection, so it is seen
  // while the apply's transaction is still open. PGlite has a single connection that waits for the open
  // transaction, so there progress shows only when the apply ends (awaiting it inside would deadlock).
  const jobs = orm.em.fork();
  const sharedConnection = orm.driver instanceof PgliteDriver;
  const progress = async (processed: number) => {
    if (!sharedConnection) await jobs.nativeUpdate(ImportJob, { id }, { processed });
  };
  const finish = (fields: Record<string, unknown>) =>
    jobs.nativeUpdate(ImportJob, { id }, { ...fields, finishedAt: new Date() });
  await acquire();
  let report: ImportReport | undefined;
  try {
    await jobs.nativeUpdate(ImportJob, { id }, { status: 'running' });
    if (input.mode === 'dry_run') {
      report = summarise((await plan(orm.em.fork())).outcomes);
    } else {
      await orm.em.fork().transactional(async (tx) => {
        const { outcomes, writes } = await plan(tx);
        report = summarise(outcomes);
        if (report.summary.error) throw new RowErrors();
        tx.clear();
        writes.sort((a, b) => a.order - b.order);
        const unchanged = report.summary.unchanged;
        const at = new Date(input.now?.() ?? Date.now());
        const bulk = writes.every((w) => w.bulk) ? writes.map((w) => w.bulk!) : undefined;
        if (bulk) {
          // Validated by the plan above; one statement per few hundred rows instead of a unit of work per row.
          const ids = await bulkWriteSpokespersons(tx, bulk, input.actor, at, (n) => progress(unchanged + n));
          for (const [i, write] of writes.entries()) write.outcome.id = ids[i];
        } else {
          for (const [i, write] of writes.entries()) {
            try {
              write.outcome.id = await write.run(tx, at);
            } catch (error) {
              throw rowFailure(id, write.outcome.row, error);
            }
            if ((i + 1) % CLEAR_EVERY === 0) tx.clear();
            if ((i + 1) % PROGRESS_EVERY === 0) await progress(unchanged + i + 1);
          }
        }
      });
    }
    await finish({ status: 'done', processed: report!.summary.total, report });
  } catch (error) {
    if (!(error instanceof RowErrors) && !(error instanceof DomainError))
      console.error(JSON.stringify({ level: 'error', msg: 'import failed', job: id, error: String(error) }));
    const message =
      error instanceof RowErrors
        ? `${report!.summary.error} row(s) have errors; nothing was written. Correct them and upload again.`
        : error instanceof DomainError
          ? `${error.message} Nothing was written.`
          : 'The import failed on our side; nothing was written. The error has been logged.';
    if (report) report.failure = failureOf(error, report);
    await finish({ status: 'failed', report: report ?? null, error: message }).catch(() => {});
  } finally {
    release();
  }
}

/** The code of a job's failure and what its wording names. */
function failureOf(error: unknown, report: ImportReport): NonNullable<ImportReport['failure']> {
  if (error instanceof RowErrors)
    return { code: 'import_rows_invalid', params: { errors: report.summary.error } };
  if (!(error instanceof DomainError)) return { code: 'import_failed' };
  const { row, reason } = error.details as { row?: unknown; reason?: unknown };
  if (typeof row !== 'number') return { code: 'import_failed', params: { reason: error.code } };
  return { code: 'import_row_failed', params: { row, ...(typeof reason === 'string' ? { reason } : {}) } };
}

/** Marks jobs that a stopped process left queued or running as failed. Call once at start-up. */
export async function failInterruptedImports(em: Em): Promise<number> {
  return await em.nativeUpdate(
    ImportJob,
    { status: { $in: ['queued', 'running'] } },
    {
      status: 'failed',
      error: 'The server stopped during this import; nothing was written. Upload the file again.',
      finishedAt: new Date(),
    },
  );
}
