/**
 * @module
 * Which contact workflows are unhealthy, from Temporal's own view (issue 8), not guessed from the database:
 * the workflows that mark themselves in visibility (`ContactHealth`, set while their recordings are delayed)
 * and, where the server reports them, workflows whose workflow tasks keep failing
 * (`TemporalReportedProblems`). For each, `DescribeWorkflowExecution` gives the pending activities with their
 * attempt count and last failure, and the pending workflow task's attempt.
 *
 * The board asks on every page view, so answers are cached for a few seconds: one visibility query and a
 * handful of describes per interval, whatever the number of supervisors looking.
 */
import type { Client } from '@temporalio/client';
import { recordingHealthQuery } from '../../workflows/messages.ts';

export interface WorkflowHealth {
  pendingActivities: { activityType: string; attempt: number; lastFailure: string | null }[];
  /** The attempt of the pending workflow task (above 1: the workflow's code keeps failing). */
  workflowTaskAttempt: number;
  /** Events the workflow could not record yet (from its own state; null if it could not answer). */
  delayedEvents: number | null;
}

export interface WorkflowHealthOptions {
  taskQueue: string;
  /** How long an answer is reused (default 5 s). */
  cacheMs?: number;
  /** At most this many unhealthy workflows are described per refresh (default 200). */
  limit?: number;
}

/** Failure messages are shown to supervisors: cut them, as the workflow's own incident entries are. */
const brief = (message: string | null | undefined) => (message ? message.slice(0, 300) : null);

export class WorkflowHealthMonitor {
  readonly #client: Client;
  readonly #options: Required<WorkflowHealthOptions>;
  #cached: { at: number; value: Promise<Map<string, WorkflowHealth>> } | undefined;
  /** Whether the server knows `TemporalReportedProblems` (asked once). */
  #reportsProblems: boolean | undefined;

  constructor(client: Client, options: WorkflowHealthOptions) {
    this.#client = client;
    this.#options = { cacheMs: 5_000, limit: 200, ...options };
  }

  /** The unhealthy contact workflows by contact id (the workflow id). */
  unhealthy(now = Date.now()): Promise<Map<string, WorkflowHealth>> {
    if (!this.#cached || now - this.#cached.at > this.#options.cacheMs) {
      const value = this.#scan().catch((error: unknown) => {
        this.#cached = undefined; // do not cache a failure
        throw error;
      });
      this.#cached = { at: now, value };
    }
    return this.#cached.value;
  }

  /** Forgets the cached answer (after a "retry now", the board should see the recovery at once). */
  invalidate(): void {
    this.#cached = undefined;
  }

  async #query(): Promise<string> {
    const base = `TaskQueue = '${this.#options.taskQueue}' AND ExecutionStatus = 'Running'`;
    if (this.#reportsProblems === undefined) {
      try {
        const probe = this.#client.workflow.list({
          query: `${base} AND TemporalReportedProblems IS NOT NULL`,
          pageSize: 1,
        });
        for await (const _ of probe) break;
        this.#reportsProblems = true;
      } catch {
        this.#reportsProblems = false;
      }
    }
    const problems = this.#reportsProblems ? ' OR TemporalReportedProblems IS NOT NULL' : '';
    return `${base} AND (ContactHealth = 'recording_delayed'${problems})`;
  }

  async #scan(): Promise<Map<string, WorkflowHealth>> {
    const ids: string[] = [];
    for await (const execution of this.#client.workflow.list({ query: await this.#query() })) {
      ids.push(execution.workflowId);
      if (ids.length >= this.#options.limit) break;
    }
    const result = new Map<string, WorkflowHealth>();
    await Promise.all(
      ids.map(async (id) => {
        const handle = this.#client.workflow.getHandle(id);
        const description = await handle.describe();
        const raw = description.raw;
        const delayedEvents = await handle
          .query(recordingHealthQuery)
          .then((h) => h.delayedEvents)
          .catch(() => null);
        result.set(id, {
          pendingActivities: (raw.pendingActivities ?? []).map((a) => ({
            activityType: a.activityType?.name ?? 'unknown',
            attempt: a.attempt ?? 1,
            lastFailure: brief(a.lastFailure?.message),
          })),
          workflowTaskAttempt: raw.pendingWorkflowTask?.attempt ?? 0,
          delayedEvents,
        });
      }),
    );
    return result;
  }
}
