/**
 * @module
 * The load itself: information-request lifecycles as real users run them over HTTP — a reporter creates (with
 * an Idempotency-Key), the clerk assigns, the officer submits an answer, the spokesperson approves it, the
 * reporter acknowledges — `concurrency` at a time through {@link LoadClient}, every request with its own
 * Idempotency-Key (a retry then gets the first attempt's outcome). Each lifecycle records which steps were
 * confirmed (a 2xx, or a 409 on a retry whose earlier attempt turned out to have landed, should the key not
 * have caught it) and which step, if any, ended without a definitive answer, so the checks know what state each
 * contact must be in.
 */
import { runConcurrently } from '../../bench/stats.ts';
import { createBody, intents, registerReporters, type Intent } from '../crash-test-load.ts';
import { demoUserToken, devToken } from '../product-process.ts';
import type { CallResult, LoadClient } from './client.ts';

export const CLERK = 'yte-van-thu';
const OFFICER = 'yte-chuyen-vien';
const SPOKESPERSON = 'yte-phat-ngon';

/** Creates per reporter: every attempt, retries included, stays under the per-user create limit (60 / 10 min). */
const CREATES_PER_REPORTER = 20;

export interface Step {
  action: string;
  /** Who takes it. */
  as: (intent: Intent) => string;
  body: unknown;
  /** The contact's status once it is taken. */
  status: string;
}

export const OPENED_STATUS = 'submitted';
export const STEPS: Step[] = [
  { action: 'assign', as: () => CLERK, body: { assigneeSub: OFFICER }, status: 'in_progress' },
  {
    action: 'submit_answer',
    as: () => OFFICER,
    body: { text: 'Số liệu tiêm chủng mở rộng năm 2026 được gửi kèm.' },
    status: 'pending_approval',
  },
  { action: 'approve_answer', as: () => SPOKESPERSON, body: {}, status: 'answered' },
  { action: 'acknowledge', as: (intent) => intent.reporter, body: {}, status: 'closed' },
];

export interface Lifecycle {
  intent: Intent;
  /** `create` and the actions confirmed, in order. */
  confirmed: string[];
  /** The step that ended without a definitive answer (the client gave up): it may or may not have happened. */
  uncertain?: string | undefined;
  /** Why the lifecycle stopped early. */
  failure?: string | undefined;
}

export interface LoadOutcome {
  lifecycles: Lifecycle[];
  /** Per request as the user waited: first attempt to definitive answer, retries included (ms). */
  createMs: number[];
  actionMs: number[];
  /** Retried actions answered 409 whose earlier attempt had in fact landed (seen in the timeline). */
  landedBeforeAnswer: number;
  /** performance.now() at the start and end of the load. */
  startedAt: number;
  endedAt: number;
}

/** The statuses a lifecycle's contact may be in: after its last confirmed step, or after its uncertain one. */
export function expectedStatuses(lifecycle: Lifecycle): string[] {
  const after = (step: string | undefined) =>
    step === 'create' ? OPENED_STATUS : STEPS.find((s) => s.action === step)?.status;
  return [after(lifecycle.confirmed.at(-1)), after(lifecycle.uncertain)].filter((s): s is string => !!s);
}

/**
 * The users of a run: reporters of its own, enough for the creates (their lists then hold this run's contacts
 * only, even in a database that has others'), and the agency's clerk, officer and spokesperson.
 */
export async function prepareUsers(
  api: string,
  run: string,
  lifecycles: number,
): Promise<{ reporters: string[]; tokens: Map<string, string> }> {
  const reporters = await registerReporters(api, run, Math.ceil(lifecycles / CREATES_PER_REPORTER));
  const tokens = new Map<string, string>();
  for (const sub of reporters) tokens.set(sub, await devToken(api, sub, ['journalist']));
  for (const sub of [CLERK, OFFICER, SPOKESPERSON]) tokens.set(sub, await demoUserToken(api, sub));
  return { reporters, tokens };
}

const isDefinitive = (result: CallResult) =>
  !['network', '429', '500', '502', '503', '504'].includes(result.status);
const brief = (result: CallResult) => `${result.status} ${JSON.stringify(result.body ?? '').slice(0, 200)}`;

/**
 * Runs `count` lifecycles, `concurrency` at a time. `onStart` is told how many have started (the chaos run
 * kills processes at points of the load).
 */
export async function driveLifecycles(options: {
  client: LoadClient;
  tokens: Map<string, string>;
  reporters: string[];
  run: string;
  count: number;
  concurrency: number;
  onStart?: (started: number) => void;
}): Promise<LoadOutcome> {
  const { client, tokens } = options;
  const all = intents(options.reporters, options.count, options.run);
  const outcome: LoadOutcome = {
    lifecycles: all.map((intent) => ({ intent, confirmed: [] })),
    createMs: [],
    actionMs: [],
    landedBeforeAnswer: 0,
    startedAt: performance.now(),
    endedAt: 0,
  };
  let started = 0;

  /** After a 409 on a retry: did the lost attempt take the step? The agency side sees the whole timeline. */
  async function landed(id: string, action: string): Promise<boolean> {
    const seen = await client.call('read', 'GET', `/contacts/${id}`, tokens.get(CLERK)!);
    const timeline = (seen.body as { timeline?: { type: string }[] } | undefined)?.timeline ?? [];
    return seen.status === '200' && timeline.some((e) => e.type === action);
  }

  async function lifecycle(index: number): Promise<void> {
    started += 1;
    options.onStart?.(started);
    const record = outcome.lifecycles[index]!;
    const { intent } = record;
    intent.lastSentAt = Date.now();
    const created = await client.call(
      'create',
      'POST',
      '/contacts',
      tokens.get(intent.reporter)!,
      createBody(intent),
      { 'idempotency-key': intent.key },
    );
    intent.attempts += created.attempts;
    if (created.status !== '201') {
      record.uncertain = isDefinitive(created) ? undefined : 'create';
      record.failure = `create: ${brief(created)}`;
      return;
    }
    const view = created.body as { id: string; submittedAt: number };
    intent.answeredId = view.id;
    intent.submittedAt = view.submittedAt;
    record.confirmed.push('create');
    outcome.createMs.push(created.ms);

    for (const step of STEPS) {
      const path = `/contacts/${view.id}/actions/${step.action}`;
      // One key per intended action, as a careful client sends: a retry gets the first attempt's outcome.
      const result = await client.call(step.action, 'POST', path, tokens.get(step.as(intent))!, step.body, {
        'idempotency-key': `${intent.key}.${step.action}`,
      });
      let ok = result.status === '200';
      if (!ok && result.status === '409' && result.uncertainBefore && (await landed(view.id, step.action))) {
        outcome.landedBeforeAnswer += 1;
        ok = true;
      }
      if (!ok) {
        record.uncertain = isDefinitive(result) ? undefined : step.action;
        record.failure = `${step.action}: ${brief(result)}`;
        return;
      }
      record.confirmed.push(step.action);
      outcome.actionMs.push(result.ms);
    }
  }

  await runConcurrently(options.count, options.concurrency, lifecycle);
  outcome.endedAt = performance.now();
  return outcome;
}
