/**
 * @module
 * The checks after the crash test's load: every intended contact exists exactly once (through the API's
 * lists and reads), every key names one contact, and every workflow is running and healthy (through
 * Temporal itself: one run per contact id, no failing activity or workflow task, nothing left pending).
 */
import { Client, Connection } from '@temporalio/client';
import type { Intent } from './crash-test-load.ts';

export interface ContactCheck {
  /** Intended contacts missing from the reporters' lists or unreadable. */
  missing: string[];
  /** Contacts listed more than once, or two keys answered with one id. */
  duplicates: string[];
  /** Listed contacts nobody intended. */
  unexpected: string[];
  /** Answered with an id other than the key's business id, or read back with another subject. */
  mismatched: string[];
  listed: number;
}

export interface WorkflowCheck {
  executions: number;
  running: number;
  /** Executions by status (`RUNNING`, `COMPLETED`…). */
  statuses: Record<string, number>;
  /** Contact ids with more than one run, or runs no intent names. */
  extraRuns: string[];
  /** Contact ids with a failing activity or workflow task, or work still pending after the wait. */
  unhealthy: string[];
}

async function listAll(api: string, token: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const response = await fetch(`${api}/contacts?limit=100${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (response.status !== 200) throw new Error(`list: ${response.status} ${await response.text()}`);
    const page = (await response.json()) as { items: { id: string }[]; nextCursor: string | null };
    ids.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

/**
 * `expectStatuses` names the projection statuses an intent's contact may have (just opened: `submitted`, the
 * crash test's case); a run that also acts on its contacts passes what each contact's answered steps imply.
 */
export async function checkContacts(
  api: string,
  tokens: Map<string, string>,
  all: Intent[],
  expectStatuses: (intent: Intent) => string[] = () => ['submitted'],
): Promise<ContactCheck> {
  const result: ContactCheck = { missing: [], duplicates: [], unexpected: [], mismatched: [], listed: 0 };
  const expected = new Map(all.map((i) => [i.expectedId, i]));
  const answeredBy = new Map<string, string>();
  for (const intent of all) {
    if (intent.answeredId !== intent.expectedId)
      result.mismatched.push(`${intent.key} → ${intent.answeredId}`);
    const earlier = intent.answeredId && answeredBy.get(intent.answeredId);
    if (earlier) result.duplicates.push(`${intent.answeredId} (keys ${earlier} and ${intent.key})`);
    if (intent.answeredId) answeredBy.set(intent.answeredId, intent.key);
  }
  const seen = new Set<string>();
  for (const [reporter, token] of tokens) {
    for (const id of await listAll(api, token)) {
      result.listed += 1;
      if (seen.has(id)) result.duplicates.push(id);
      seen.add(id);
      if (expected.get(id)?.reporter !== reporter) result.unexpected.push(id);
    }
  }
  for (const intent of all) {
    if (!seen.has(intent.expectedId)) {
      result.missing.push(intent.expectedId);
      continue;
    }
    const response = await fetch(`${api}/contacts/${intent.expectedId}`, {
      headers: { authorization: `Bearer ${tokens.get(intent.reporter)!}` },
    });
    const view = (await response.json()) as { subject?: string; status?: string };
    if (
      response.status !== 200 ||
      view.subject !== intent.subject ||
      !expectStatuses(intent).includes(view.status ?? '')
    )
      result.mismatched.push(`${intent.expectedId}: ${response.status} ${view.status} ${view.subject}`);
  }
  return result;
}

export interface WorkflowCheckOptions {
  /** The statuses each contact's workflow may have: `RUNNING` unless said otherwise (the crash test's case). */
  expectStatuses?: (contactId: string) => string[];
  namespace?: string;
  /** Only workflows started from then on: a run against a namespace that already holds others' contacts. */
  since?: Date;
}

/**
 * Polls each workflow until none has pending work (or `timeoutMs` passes) and reports what is left. A workflow
 * counts as unhealthy when its status is not among those expected, or a task or activity keeps failing.
 */
export async function checkWorkflows(
  address: string,
  all: Intent[],
  timeoutMs = 60_000,
  options: WorkflowCheckOptions = {},
): Promise<WorkflowCheck> {
  const expectStatuses = options.expectStatuses ?? (() => ['RUNNING']);
  const connection = await Connection.connect({ address });
  try {
    const client = new Client({ connection, namespace: options.namespace ?? 'default' });
    const runs = new Map<string, string[]>();
    const since = options.since ? ` AND StartTime >= '${options.since.toISOString()}'` : '';
    const query = `WorkflowType = 'informationRequestWorkflow'${since}`;
    for await (const info of client.workflow.list({ query })) {
      runs.set(info.workflowId, [...(runs.get(info.workflowId) ?? []), info.status.name]);
    }
    const expected = new Set(all.map((i) => i.expectedId));
    const result: WorkflowCheck = {
      executions: [...runs.values()].reduce((n, r) => n + r.length, 0),
      running: [...runs.values()].flat().filter((s) => s === 'RUNNING').length,
      statuses: [...runs.values()].flat().reduce<Record<string, number>>((n, s) => {
        n[s] = (n[s] ?? 0) + 1;
        return n;
      }, {}),
      extraRuns: [...runs].filter(([id, r]) => r.length !== 1 || !expected.has(id)).map(([id]) => id),
      unhealthy: [],
    };
    const deadline = Date.now() + timeoutMs;
    let pending = [...expected];
    while (pending.length) {
      const verdicts = await Promise.all(
        pending.map(async (id) => {
          const { raw, status } = await client.workflow.getHandle(id).describe();
          const activities = raw.pendingActivities ?? [];
          const failing =
            !expectStatuses(id).includes(status.name) ||
            activities.some((a) => (a.attempt ?? 1) > 1 && a.lastFailure) ||
            (raw.pendingWorkflowTask?.attempt ?? 1) > 1;
          const busy = activities.length > 0 || !!raw.pendingWorkflowTask;
          return { id, failing, busy };
        }),
      );
      pending = verdicts.filter((v) => v.failing || v.busy).map((v) => v.id);
      if (!pending.length || Date.now() > deadline) {
        result.unhealthy = pending;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    return result;
  } finally {
    await connection.close();
  }
}
