/**
 * @module
 * `npm start`: the whole product on one machine with embedded defaults — a Temporal dev server (with its
 * web UI) and PGlite, both persisted under the data folder, migrations and demo data, the worker, the API,
 * the widget bundle and the demo pages. Ctrl-C stops everything cleanly; the next start finds the same data.
 */
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../api/app.ts';
import { WorkflowHealthMonitor } from '../api/services/workflow-health.ts';
import { TASK_QUEUE } from '../workflows/messages.ts';
import { createDevIssuer, DEV_AUDIENCE, DEV_ISSUER } from '../api/auth/dev-issuer.ts';
import { createVerifier } from '../api/auth/verifier.ts';
import { ChangeStream } from '../api/change-stream.ts';
import { ContactWorkflows } from '../api/contact-workflows.ts';
import { WebhookDeliveries } from '../api/webhook-deliveries.ts';
import { migrate, openOrm } from '../db/orm.ts';
import { failInterruptedImports } from '../api/services/imports.ts';
import { backfillSearchText } from '../db/repositories/search-text.ts';
import { seedDemoData } from '../db/seeders/demo.ts';
import { buildWidgets } from '../scripts/build-widgets.ts';
import { loadPayloadEncryptionConfig, localUiOrigins } from '../codec/config.ts';
import { createPayloadCodec, dataConverterFor } from '../codec/data-converter.ts';
import { createWorker } from '../worker/worker.ts';
import { loadConfig } from './config.ts';
import { ensureSchedules } from './schedules.ts';
import { ensureSearchAttributes } from './search-attributes.ts';
import { startDevServer, type DevServer } from './temporal-dev-server.ts';
import { findTemporalCli } from './temporal-binary.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const step = (message: string) => console.log(`• ${message}`);

const config = loadConfig();
// Read before anything starts: encryption on without keys stops the process here, with the fix in the message.
const encryption = loadPayloadEncryptionConfig(process.env, {
  authMode: config.authMode,
  codecCorsOrigins: config.temporalAddress ? [] : localUiOrigins(config.temporalUiPort),
});
const payloadCodec = createPayloadCodec(encryption);
// One converter for the worker and the client: what one encrypts the other must decrypt.
const dataConverter = dataConverterFor(payloadCodec);
await mkdir(config.dataDir, { recursive: true });

let devServer: DevServer | undefined;
let address = config.temporalAddress;
if (!address) {
  step('Starting the Temporal dev server…');
  devServer = await startDevServer({
    binary: await findTemporalCli(step),
    port: config.temporalPort,
    uiPort: config.temporalUiPort,
    dbFile: path.join(config.dataDir, 'temporal.sqlite'),
    // After a crash (`kill -9`), the next start finds the dev server left behind through this and stops it.
    recordFile: path.join(config.dataDir, 'temporal-dev-server.json'),
    log: step,
    namespace: config.temporalNamespace,
  });
  address = devServer.address;
}

step(
  config.databaseUrl
    ? 'Connecting to PostgreSQL…'
    : `Opening PGlite in ${path.join(config.dataDir, 'pglite')}…`,
);
const orm = await openOrm({
  databaseUrl: config.databaseUrl,
  pgliteDir: path.join(config.dataDir, 'pglite'),
});
await migrate(orm);
await backfillSearchText(orm.em.fork());
await failInterruptedImports(orm.em.fork());
await seedDemoData(orm.em.fork());

step('Building the widget bundle…');
const bundle = await buildWidgets({ outdir: path.join(root, 'dist/widgets') });

step('Starting the worker…');
const { worker, connection: workerConnection } = await createWorker({
  address,
  namespace: config.temporalNamespace,
  orm,
  outbound: { allowHosts: config.outboundAllowHosts },
  dataConverter,
});
const workerRun = worker.run();

const connection = await Connection.connect({ address });
if (config.temporalAddress) await ensureSearchAttributes(connection, config.temporalNamespace);
const client = new Client({ connection, namespace: config.temporalNamespace, dataConverter });
await ensureSchedules(client, undefined, config.staleAfterMonths);
const devIssuer =
  config.authMode === 'dev' ? await createDevIssuer(path.join(config.dataDir, 'keys')) : undefined;
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
    health: new WorkflowHealthMonitor(client, { taskQueue: TASK_QUEUE }),
    temporalUi: devServer?.uiUrl ? { url: devServer.uiUrl, namespace: config.temporalNamespace } : undefined,
    codec: {
      codec: payloadCodec,
      namespace: config.temporalNamespace,
      corsOrigins: encryption.codecCorsOrigins,
    },
    temporalReady: async () => {
      await client.withDeadline(Date.now() + 2000, () => connection.workflowService.getSystemInfo({}));
      return true;
    },
  },
  { widgetsDir: path.dirname(bundle.file), demoDir: path.join(root, 'demo') },
);
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host });

const base = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
const payloadEncryptionLine = encryption.encrypt
  ? `on, key ${payloadCodec.primaryKeyId} (${encryption.reason}); Temporal UI codec endpoint ${base}/api/v1/codec`
  : `off (${encryption.reason}; see the README to turn it on)`;
console.log(`
Press Liaison is running.
  Portal demo (reporters):      ${base}/demo/portal.html
  IOffice demo (agency users):  ${base}/demo/ioffice.html
  Department demo (oversight):  ${base}/demo/department.html
  API reference:                ${base}/api/v1/docs   (OpenAPI: ${base}/api/v1/openapi.json)
  Temporal UI:                  ${devServer?.uiUrl ?? `(external Temporal at ${address})`}
  Payload encryption:           ${payloadEncryptionLine}
  Auth mode:                    ${config.authMode}${config.authMode === 'dev' ? ' (demo users; tokens from POST /api/v1/auth/dev-token)' : ''}
  Widget bundle:                ${(bundle.gzipBytes / 1024).toFixed(1)} KB gzipped
Press Ctrl-C to stop.`);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  changes.close();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Live event streams never end by themselves: close them so the server can stop.
  (server as Server).closeAllConnections();
  await closed;
  if (worker.getState() === 'RUNNING') worker.shutdown();
  await workerRun.catch(() => undefined);
  await workerConnection.close();
  await connection.close();
  await orm.close();
  await devServer?.stop();
  console.log('Stopped.');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
