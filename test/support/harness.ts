/**
 * The system under test, built from real parts: a migrated database with the demo data, a Temporal worker on
 * a task queue of its own (so test files never see each other's workflows), the API app, and a dev token
 * issuer to act as any demo user.
 */
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import { createApp, type StaticRoots } from '../../api/app.ts';
import { WorkflowHealthMonitor } from '../../api/services/workflow-health.ts';
import type { AppDeps } from '../../api/context.ts';
import { createDevIssuer, DEV_AUDIENCE, DEV_ISSUER, type DevIssuer } from '../../api/auth/dev-issuer.ts';
import { createVerifier } from '../../api/auth/verifier.ts';
import { ChangeStream } from '../../api/change-stream.ts';
import { ContactWorkflows } from '../../api/contact-workflows.ts';
import { WebhookDeliveries } from '../../api/webhook-deliveries.ts';
import type { Orm } from '../../db/orm.ts';
import { DEMO_USERS } from '../../db/seeders/demo-data.ts';
import { seedDemoData } from '../../db/seeders/demo.ts';
import { createWorker } from '../../worker/worker.ts';
import type { HostResolver } from '../../activities/outbound/pinned-target.ts';
import type { OutboundPolicy } from '../../activities/outbound/safe-fetch.ts';
import { createScratchDatabase } from '../../db/scratch-database.ts';
import { testDataConverter, testPayloadCodec } from './payload-encryption.ts';

export interface Harness {
  orm: Orm;
  client: Client;
  taskQueue: string;
  workflows: ContactWorkflows;
  app: ReturnType<typeof createApp>;
  issuer: DevIssuer;
  changes: ChangeStream;
  /** Absent when the harness was started `withWorker: false` (to test a missing worker). */
  worker: Worker | undefined;
  /** Stops the worker (as a crash or a deploy would), waiting until it has; `startWorker` brings one back. */
  stopWorker(): Promise<void>;
  /** Starts a new worker on the same task queue and database. */
  startWorker(): Promise<void>;
  /** A bearer token for the demo user `sub`. */
  tokenFor(sub: string): Promise<string>;
  /**
   * Another app over this harness's database, Temporal client, token verifier and change stream, with `extra`
   * in place of any of them (other limits, metrics, office hours, a Temporal that cannot be reached).
   */
  appWith(extra?: Partial<AppDeps>): ReturnType<typeof createApp>;
  /** `app.request` with JSON and a token for `sub` (or no token). */
  call(
    method: string,
    path: string,
    options?: { as?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  close(): Promise<void>;
}

/** Resolves no name: a test that needs one injects its own resolver (see `outbound.resolve`). */
const noDnsInTests: HostResolver = (hostname) =>
  Promise.reject(
    Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname} (tests resolve no names)`), {
      code: 'ENOTFOUND',
    }),
  );

export async function startHarness(
  options: {
    withWorker?: boolean;
    roots?: StaticRoots;
    updateTimeoutMs?: number;
    /** Webhook targets: an allow-list of loopback receivers (`host:port`) and a resolver for test names. */
    outbound?: OutboundPolicy;
    /** Request limits (defaults otherwise); the fuzz test turns them off to reach deeper layers. */
    limits?: AppDeps['limits'];
    /** `OFFICE_HOURS`: `always` lets a test hold a meeting minutes after agreeing it, at any hour. */
    officeHours?: AppDeps['officeHours'];
    /** `/metrics` settings: the scrape token and the contact gauges' cache (0: computed on every scrape). */
    metrics?: AppDeps['metrics'];
    /** Attachment store and limits; default the PostgreSQL store and the default limits. */
    attachments?: AppDeps['attachments'];
  } = {},
): Promise<Harness> {
  const address = inject('temporalAddress');
  const db = await createScratchDatabase(process.env.DATABASE_URL, 'pl_test');
  await seedDemoData(db.orm.em.fork());
  const taskQueue = `test-${randomBytes(4).toString('hex')}`;
  const newWorker = () =>
    // Payload encryption on in every integration test: worker and client share the test converter.
    createWorker({
      address,
      namespace: 'default',
      orm: db.orm,
      taskQueue,
      // Never the system resolver: this machine's DNS server is not on loopback, and tests talk to loopback only.
      outbound: { resolve: noDnsInTests, ...options.outbound },
      dataConverter: testDataConverter,
    });
  let started = options.withWorker === false ? undefined : await newWorker();
  let running = started?.worker.run();
  async function stopWorker(): Promise<void> {
    if (!started || !running) return;
    started.worker.shutdown();
    await running;
    await started.connection.close();
    started = undefined;
    running = undefined;
  }
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace: 'default', dataConverter: testDataConverter });
  const issuer = await createDevIssuer();
  const workflows = new ContactWorkflows(client, {
    taskQueue,
    updateTimeoutMs: options.updateTimeoutMs ?? 10_000,
  });
  const changes = new ChangeStream(db.orm, 100);
  const webhooks = new WebhookDeliveries(client, db.orm, {
    taskQueue,
    pollInterval: '2 seconds',
    maxRetryInterval: '1 second',
  });
  const app = createApp(
    {
      orm: db.orm,
      workflows,
      verifyToken: createVerifier({ issuer: DEV_ISSUER, audience: DEV_AUDIENCE, jwks: issuer.jwks }),
      devIssuer: issuer,
      changes,
      webhooks,
      onSpokespersonChange: () => void webhooks.poke(),
      outboundAllowHosts: options.outbound?.allowHosts,
      limits: options.limits,
      officeHours: options.officeHours,
      metrics: options.metrics,
      attachments: options.attachments,
      codec: { codec: testPayloadCodec, namespace: 'default', corsOrigins: ['http://127.0.0.1:8233'] },
      health: new WorkflowHealthMonitor(client, { taskQueue, cacheMs: 0 }),
      temporalUi: { url: 'http://127.0.0.1:8233', namespace: 'default' },
      temporalReady: async () => {
        await connection.workflowService.getSystemInfo({});
        return true;
      },
    },
    options.roots,
  );
  const tokens = new Map<string, string>();
  async function tokenFor(sub: string): Promise<string> {
    const cached = tokens.get(sub);
    if (cached) return cached;
    const user = DEMO_USERS.find((u) => u.sub === sub);
    if (!user) throw new Error(`No demo user '${sub}'.`);
    const { token } = await issuer.mint({
      sub,
      name: user.name,
      roles: user.roles,
      agencyId: user.agencyId ?? undefined,
    });
    tokens.set(sub, token);
    return token;
  }
  return {
    orm: db.orm,
    client,
    taskQueue,
    workflows,
    app,
    issuer,
    changes,
    get worker() {
      return started?.worker;
    },
    stopWorker,
    async startWorker() {
      await stopWorker();
      started = await newWorker();
      running = started.worker.run();
    },
    tokenFor,
    appWith: (extra = {}) =>
      createApp({
        orm: db.orm,
        workflows,
        verifyToken: createVerifier({ issuer: DEV_ISSUER, audience: DEV_AUDIENCE, jwks: issuer.jwks }),
        changes,
        temporalReady: () => Promise.resolve(true),
        ...extra,
      }),
    async call(method, path, { as, body, headers = {} } = {}) {
      const h: Record<string, string> = { ...headers };
      if (as) h.authorization = `Bearer ${await tokenFor(as)}`;
      if (body !== undefined) h['content-type'] = 'application/json';
      return app.request(`/api/v1${path}`, {
        method,
        headers: h,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    },
    async close() {
      changes.close();
      await stopWorker();
      await connection.close();
      await db.drop();
    },
  };
}
