/**
 * @module
 * The parts the product's processes are made of, so that `npm start` (everything in one process, embedded
 * defaults), `npm run api` and `npm run worker` (one part each, for production, any number of each against one
 * Temporal namespace and one PostgreSQL) compose the same code:
 * - `payloadSetup`: the payload codec and data converter (the API's client and the worker must agree);
 * - `startWorkerPart`: the Temporal worker and its schedules;
 * - `startApiPart`: the HTTP server (API, widget bundle, demo pages) with its Temporal client.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { Client, Connection } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import type { DataConverter } from '@temporalio/common';
import { createApp } from '../api/app.ts';
import type { AppDeps } from '../api/context.ts';
import { createDevIssuer, DEV_AUDIENCE, DEV_ISSUER } from '../api/auth/dev-issuer.ts';
import { createVerifier } from '../api/auth/verifier.ts';
import { ChangeStream } from '../api/change-stream.ts';
import { ContactWorkflows } from '../api/contact-workflows.ts';
import { WorkflowHealthMonitor } from '../api/services/workflow-health.ts';
import { WebhookDeliveries } from '../api/webhook-deliveries.ts';
import {
  loadPayloadEncryptionConfig,
  localUiOrigins,
  type PayloadEncryptionConfig,
} from '../codec/config.ts';
import { createPayloadCodec, dataConverterFor } from '../codec/data-converter.ts';
import type { Orm } from '../db/orm.ts';
import { openAttachmentStore } from '../storage/attachments/index.ts';
import { buildWidgets } from '../scripts/build-widgets.ts';
import { createWorker } from '../worker/worker.ts';
import { TASK_QUEUE } from '../workflows/messages.ts';
import type { Config } from './config.ts';
import { ensureNotificationDelivery, ensureSchedules } from './schedules.ts';
import { createEmailChannel } from '../activities/notifications/email-channel.ts';
import { startTracing, tracingConfig } from './tracing.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The payload codec and converter. Encryption on without keys stops the process here, with the fix. */
export function payloadSetup(config: Config) {
  const encryption = loadPayloadEncryptionConfig(process.env, {
    authMode: config.authMode,
    codecCorsOrigins: config.temporalAddress ? [] : localUiOrigins(config.temporalUiPort),
  });
  const payloadCodec = createPayloadCodec(encryption);
  // One converter for the worker and the client: what one encrypts the other must decrypt.
  return { encryption, payloadCodec, dataConverter: dataConverterFor(payloadCodec) };
}
export type PayloadSetup = ReturnType<typeof payloadSetup>;

export interface Part {
  /** Stops the part cleanly (waits for in-flight work). */
  stop(): Promise<void>;
}

/** The worker, polling the task queue until stopped; also ensures the product's schedules exist. */
export async function startWorkerPart(options: {
  config: Config;
  address: string;
  orm: Orm;
  dataConverter: DataConverter;
  /** Where e-mail goes when `SMTP_URL` is unset (`npm start`'s local catch-all); absent, no e-mail. */
  fallbackSmtpUrl?: string | undefined;
}): Promise<Part & { running: Promise<void> }> {
  const { config, address, orm, dataConverter } = options;
  const smtpUrl = config.mail.smtpUrl ?? options.fallbackSmtpUrl;
  const email = smtpUrl
    ? createEmailChannel({ smtpUrl, from: config.mail.from, publicBaseUrl: config.mail.publicBaseUrl })
    : undefined;
  const tracingSettings = tracingConfig('press-liaison-worker');
  const tracing = tracingSettings && startTracing(tracingSettings);
  const { worker, connection: workerConnection } = await createWorker({
    address,
    namespace: config.temporalNamespace,
    orm,
    outbound: { allowHosts: config.outboundAllowHosts },
    dataConverter,
    connectionOptions: config.temporalConnection,
    tracing,
    notifications: {
      channels: email ? [email] : [],
      officeHours: config.officeHours,
      webhooks: { publicBaseUrl: config.mail.publicBaseUrl },
    },
  });
  const running = worker.run();
  const connection = await Connection.connect({ address, ...config.temporalConnection });
  const client = new Client({ connection, namespace: config.temporalNamespace, dataConverter });
  await ensureSchedules(client, undefined, config.staleAfterMonths);
  await ensureNotificationDelivery(client);
  await connection.close();
  return {
    running,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running.catch(() => undefined);
      await workerConnection.close();
      email?.close();
      await tracing?.shutdown(); // the last activities' spans
    },
  };
}

export interface ApiPart extends Part {
  base: string;
  bundleGzipBytes: number;
}

/** The HTTP server: API, widget bundle and demo pages, with its own Temporal client. */
export async function startApiPart(options: {
  config: Config;
  address: string;
  orm: Orm;
  payload: PayloadSetup;
  /** Where operators open a workflow (the dev server's UI); absent for an external cluster. */
  temporalUiUrl?: string | undefined;
  keysDir: string;
  /** `npm start`'s local mail catcher, listed at `GET /dev/mail`. */
  devMail?: AppDeps['devMail'];
}): Promise<ApiPart> {
  const { config, address, orm, payload } = options;
  // Read first: a malformed endpoint stops the process before it serves anything.
  const tracingSettings = tracingConfig('press-liaison-api');
  // Global: the HTTP middleware finds the API's tracer there.
  const tracing = tracingSettings && startTracing(tracingSettings, { global: true });
  const bundle = await buildWidgets({ outdir: path.join(root, 'dist/widgets') });
  const connection = await Connection.connect({ address, ...config.temporalConnection });
  const client = new Client({
    connection,
    namespace: config.temporalNamespace,
    dataConverter: payload.dataConverter,
    // Starts and Updates carry the request's span into the workflow (its `_tracer-data` header).
    interceptors: tracing
      ? { workflow: [new OpenTelemetryWorkflowClientInterceptor({ tracer: tracing.tracer })] }
      : undefined,
  });
  const devIssuer = config.authMode === 'dev' ? await createDevIssuer(options.keysDir) : undefined;
  const verifyToken = devIssuer
    ? createVerifier({ issuer: DEV_ISSUER, audience: DEV_AUDIENCE, jwks: devIssuer.jwks })
    : createVerifier({ issuer: config.jwtIssuer!, audience: config.jwtAudience!, jwksUrl: config.jwksUrl });
  const changes = new ChangeStream(orm);
  const webhooks = new WebhookDeliveries(client, orm);
  const app = createApp(
    {
      orm,
      workflows: new ContactWorkflows(client),
      verifyToken,
      devIssuer,
      changes,
      webhooks,
      onSpokespersonChange: () => void webhooks.poke(),
      corsOrigins: config.corsOrigins,
      staleAfterMonths: config.staleAfterMonths,
      outboundAllowHosts: config.outboundAllowHosts,
      limits: config.limits,
      officeHours: config.officeHours,
      devMail: options.devMail,
      metrics: config.metricsToken ? { token: config.metricsToken } : {},
      attachments: {
        store: openAttachmentStore(config.attachments.store, config.dataDir),
        limits: config.attachments.limits,
      },
      health: new WorkflowHealthMonitor(client, { taskQueue: TASK_QUEUE }),
      temporalUi: options.temporalUiUrl
        ? { url: options.temporalUiUrl, namespace: config.temporalNamespace }
        : undefined,
      codec: {
        codec: payload.payloadCodec,
        namespace: config.temporalNamespace,
        corsOrigins: payload.encryption.codecCorsOrigins,
      },
      temporalReady: async () => {
        await client.withDeadline(Date.now() + 2000, () => connection.workflowService.getSystemInfo({}));
        return true;
      },
    },
    { widgetsDir: path.dirname(bundle.file), demoDir: path.join(root, 'demo') },
  );
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }) as Server;
  // Listening happens after a lookup of the host, so wait for it: whoever starts this part may announce it
  // ready (and a client may connect) only once the port is bound. A port in use stops the start here.
  await once(server, 'listening');
  return {
    base: `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`,
    bundleGzipBytes: bundle.gzipBytes,
    async stop() {
      changes.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Live event streams never end by themselves: close them so the server can stop.
      server.closeAllConnections();
      await closed;
      await connection.close();
      await tracing?.shutdown(); // the last requests' spans
    },
  };
}

/** The line `npm start` and `npm run api` print about payload encryption. */
export function payloadEncryptionLine(
  encryption: PayloadEncryptionConfig,
  keyId: string | undefined,
  base: string,
): string {
  return encryption.encrypt
    ? `on, key ${keyId} (${encryption.reason}); Temporal UI codec endpoint ${base}/api/v1/codec`
    : `off (${encryption.reason}; see the README to turn it on)`;
}

/** Stops the parts on SIGINT / SIGTERM, in order, then exits. */
export function stopOnSignals(stopAll: () => Promise<void>): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await stopAll();
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
