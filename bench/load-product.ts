/**
 * @module
 * The product side of the `load` group (issue 9): the real API (`createApp` on `@hono/node-server`, loopback,
 * a random port) and the real worker against a given dev server and database, driven over HTTP by concurrent
 * clients with dev tokens, each running information-request lifecycles (create, assign, submit_answer,
 * approve_answer, acknowledge) and counting every answer by status.
 */
import { randomBytes } from 'node:crypto';
import { serve } from '@hono/node-server';
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../api/app.ts';
import { createDevIssuer, DEV_AUDIENCE, DEV_ISSUER } from '../api/auth/dev-issuer.ts';
import { createVerifier } from '../api/auth/verifier.ts';
import { ChangeStream } from '../api/change-stream.ts';
import { ContactWorkflows } from '../api/contact-workflows.ts';
import type { Rate, RequestLimits } from '../api/middleware/rate-limit.ts';
import { loadPayloadEncryptionConfig } from '../codec/config.ts';
import { createPayloadCodec, dataConverterFor } from '../codec/data-converter.ts';
import type { Orm } from '../db/orm.ts';
import { createWorker } from '../worker/worker.ts';
import { historyEventCounts } from './load-probes.ts';
import { spawnPart, type PartProcess } from './part-process.ts';
import { demoUserToken, freePort } from '../scripts/product-process.ts';
import { runAtRate, runConcurrently, summary, type OfferedLoad } from './stats.ts';

/** Operations per lifecycle: create and four actions. */
export const PRODUCT_OPERATIONS = 5;

const REPORTER = 'pv-nguyen-van-an';
const CLERK = 'yte-van-thu';
const OFFICER = 'yte-chuyen-vien';
const SPOKESPERSON = 'yte-phat-ngon';

export interface ProductStack {
  /** `http://127.0.0.1:<port>/api/v1` */
  apiBase: string;
  /** The product's own processes (empty when it runs in the bench process), for CPU readings. */
  pids: number[];
  /** How the product runs, for the report. */
  arrangement: string;
  /** History events by type of a contact's workflow. */
  history(contactId: string): Promise<Record<string, number>>;
  close(): Promise<void>;
}

/** Starts the worker and the API on `127.0.0.1` against `address` (the dev server) and `orm`. */
export async function startProduct(options: {
  address: string;
  orm: Orm;
  limits: Partial<RequestLimits>;
}): Promise<ProductStack> {
  const taskQueue = `bench-load-${randomBytes(3).toString('hex')}`;
  const { worker, connection: workerConnection } = await createWorker({
    address: options.address,
    namespace: 'default',
    orm: options.orm,
    taskQueue,
  });
  const running = worker.run();
  const connection = await Connection.connect({ address: options.address });
  const client = new Client({ connection, namespace: 'default' });
  const issuer = await createDevIssuer();
  const changes = new ChangeStream(options.orm);
  const app = createApp({
    orm: options.orm,
    workflows: new ContactWorkflows(client, { taskQueue }),
    verifyToken: createVerifier({ issuer: DEV_ISSUER, audience: DEV_AUDIENCE, jwks: issuer.jwks }),
    devIssuer: issuer,
    changes,
    temporalReady: () => Promise.resolve(true),
    limits: options.limits,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as { port: number };
  return {
    apiBase: `http://127.0.0.1:${port}/api/v1`,
    pids: [],
    arrangement: 'API and worker in the bench process (before the split)',
    history: (contactId) => historyEventCounts(client.workflow.getHandle(contactId)),
    async close() {
      changes.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      worker.shutdown();
      await running;
      await workerConnection.close();
      await connection.close();
    },
  };
}

/**
 * Starts the product as production runs it: on PostgreSQL (`databaseUrl`, migrated and seeded by the caller)
 * a worker process and an API process (`npm run worker`, `npm run api`); on PGlite one process with both, as
 * `npm start` runs. Payload encryption is on, as in production.
 */
export async function startProductProcesses(options: {
  address: string;
  databaseUrl: string | undefined;
  limits: Partial<RequestLimits>;
}): Promise<ProductStack> {
  const env = {
    TEMPORAL_ADDRESS: options.address,
    DATABASE_URL: options.databaseUrl ?? '',
    HOST: '127.0.0.1',
    PORT: String(await freePort()),
    AUTH_MODE: 'dev',
    PAYLOAD_ENCRYPTION: 'on',
    PAYLOAD_KEYS: `kbench:${randomBytes(32).toString('base64')}`,
    ...limitEnv(options.limits),
  };
  const parts: PartProcess[] = [];
  try {
    if (options.databaseUrl) {
      parts.push(await spawnPart('./product-part.ts', 'worker', { ...env, BENCH_PART: 'worker' }));
      parts.push(await spawnPart('./product-part.ts', 'api', { ...env, BENCH_PART: 'api' }));
    } else {
      parts.push(await spawnPart('./product-part.ts', 'all', { ...env, BENCH_PART: 'all' }));
    }
  } catch (error) {
    for (const part of parts) await part.stop();
    throw error;
  }
  const connection = await Connection.connect({ address: options.address });
  const client = new Client({ connection, namespace: 'default', dataConverter: decryptingConverter(env) });
  return {
    apiBase: parts.at(-1)!.ready,
    pids: parts.map((p) => p.pid),
    arrangement: options.databaseUrl
      ? 'a worker process and an API process (npm run worker, npm run api)'
      : 'API and worker in one process on PGlite (as npm start)',
    history: (contactId) => historyEventCounts(client.workflow.getHandle(contactId)),
    async close() {
      for (const part of parts.reverse()) await part.stop();
      await connection.close();
    },
  };
}

/** The environment that sets `limits` (`RATE_LIMIT_*`, `<limit>/<seconds>`), as an operator would. */
function limitEnv(limits: Partial<RequestLimits>): Record<string, string> {
  const names: [keyof RequestLimits, string][] = [
    ['requestsPerUser', 'RATE_LIMIT_PER_USER'],
    ['requestsPerAddress', 'RATE_LIMIT_PER_ADDRESS'],
    ['contactCreatesPerUser', 'RATE_LIMIT_CONTACT_CREATES'],
  ];
  const env: Record<string, string> = {};
  for (const [key, name] of names) {
    const rate = limits[key] as Rate | false | undefined;
    if (rate) env[name] = `${rate.limit}/${rate.windowSeconds}s`;
  }
  return env;
}

/** The client side of the parts' codec, to read a contact's history events (only their types are counted). */
function decryptingConverter(env: { PAYLOAD_ENCRYPTION: string; PAYLOAD_KEYS: string }) {
  const encryption = loadPayloadEncryptionConfig(env, { authMode: 'dev', codecCorsOrigins: [] });
  return dataConverterFor(createPayloadCodec(encryption));
}

export interface ProductLoadResult {
  create: ReturnType<typeof summary>;
  action: ReturnType<typeof summary>;
  /** Lifecycles whose five requests all answered 2xx. */
  completed: number;
  /** A contact whose lifecycle completed (its workflow id). */
  lastCompletedId: string | undefined;
  lifecycles: number;
  seconds: number;
  /** Answers by HTTP status (`network` for a fetch that failed), timed phase only. */
  statuses: Record<string, number>;
  /** The first body seen for each non-2xx status, to tell a 503 from a 500. */
  examples: Record<string, string>;
}

/** What `driveProductAtRate` measured. */
export type ProductOfferedResult = Pick<
  ProductLoadResult,
  'create' | 'action' | 'completed' | 'seconds' | 'statuses' | 'examples'
> & {
  /** How late the latest lifecycle started against its schedule (the client falling behind). */
  maxStartLagMs: number;
};

/** Round-trip times of one phase (2xx answers only), its answers by status and its completed lifecycles. */
interface Tally {
  creates: number[];
  actions: number[];
  statuses: Record<string, number>;
  examples: Record<string, string>;
  completed: number;
  lastCompletedId: string | undefined;
}

const newTally = (): Tally => ({
  creates: [],
  actions: [],
  statuses: {},
  examples: {},
  completed: 0,
  lastCompletedId: undefined,
});

/** Mints one dev token per bench user through `POST /auth/dev-token`, as a sign-in page would. */
async function mintTokens(apiBase: string): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const sub of [REPORTER, CLERK, OFFICER, SPOKESPERSON]) tokens[sub] = await demoUserToken(apiBase, sub);
  return tokens;
}

/** The bench's clients of one API: `lifecycle` runs one information request's five requests as its users. */
async function productClients(apiBase: string) {
  const tokens = await mintTokens(apiBase);
  const runId = randomBytes(3).toString('hex');

  /** One request; its time goes to `into` when it answers 2xx. Returns the parsed body, or undefined. */
  async function call(
    tally: Tally,
    into: number[],
    path: string,
    as: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ id: string } | undefined> {
    const started = performance.now();
    let status: string;
    let text: string;
    try {
      const res = await fetch(`${apiBase}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens[as]}`, 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      status = String(res.status);
      text = await res.text();
    } catch (error) {
      status = 'network';
      text = error instanceof Error ? error.message : String(error);
    }
    tally.statuses[status] = (tally.statuses[status] ?? 0) + 1;
    if (!status.startsWith('2')) {
      tally.examples[status] ??=
        `${path.replace(/\/contacts\/[^/]+\//, '/contacts/:id/')}: ${text.slice(0, 300)}`;
      return undefined;
    }
    into.push(performance.now() - started);
    return JSON.parse(text) as { id: string };
  }

  async function lifecycle(key: string, tally: Tally): Promise<void> {
    const contact = await call(
      tally,
      tally.creates,
      '/contacts',
      REPORTER,
      {
        kind: 'information_request',
        agencyId: 'qt-so-yte',
        subject: `Đo tải ${key}`,
        question: 'Xin cung cấp số liệu tiêm chủng mở rộng năm 2026.',
      },
      { 'idempotency-key': key },
    );
    if (!contact) return;
    const steps: [string, string, unknown][] = [
      ['assign', CLERK, { assigneeSub: OFFICER }],
      ['submit_answer', OFFICER, { text: 'Số liệu tiêm chủng mở rộng năm 2026 được gửi kèm.' }],
      ['approve_answer', SPOKESPERSON, {}],
      ['acknowledge', REPORTER, {}],
    ];
    for (const [action, as, body] of steps) {
      if (!(await call(tally, tally.actions, `/contacts/${contact.id}/actions/${action}`, as, body))) return;
    }
    tally.completed += 1;
    tally.lastCompletedId = contact.id;
  }

  return { runId, lifecycle };
}

/** Closed loop: `concurrency` clients each running lifecycles back to back, after a warm-up. */
export async function driveProduct(
  apiBase: string,
  options: { lifecycles: number; concurrency: number; warmup: number },
): Promise<ProductLoadResult> {
  const { runId, lifecycle } = await productClients(apiBase);
  const warmup = newTally();
  await runConcurrently(options.warmup, 8, (i) => lifecycle(`load-${runId}-warmup-${i}`, warmup));
  const measured = newTally();
  const t0 = performance.now();
  await runConcurrently(options.lifecycles, options.concurrency, (i) =>
    lifecycle(`load-${runId}-${i}`, measured),
  );
  return {
    create: summary(measured.creates),
    action: summary(measured.actions),
    completed: measured.completed,
    lastCompletedId: measured.lastCompletedId,
    lifecycles: options.lifecycles,
    seconds: (performance.now() - t0) / 1000,
    statuses: measured.statuses,
    examples: measured.examples,
  };
}

/** Open loop: lifecycles started at a fixed rate, however long the earlier ones take. */
export async function driveProductAtRate(
  apiBase: string,
  offered: OfferedLoad,
): Promise<ProductOfferedResult> {
  const { runId, lifecycle } = await productClients(apiBase);
  const tally = newTally();
  const t0 = performance.now();
  const { maxStartLagMs } = await runAtRate(offered.lifecycles, offered.perSecond, (i) =>
    lifecycle(`load-${runId}-offered-${i}`, tally),
  );
  return {
    create: summary(tally.creates),
    action: summary(tally.actions),
    completed: tally.completed,
    seconds: (performance.now() - t0) / 1000,
    maxStartLagMs,
    statuses: tally.statuses,
    examples: tally.examples,
  };
}
