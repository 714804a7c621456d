/**
 * @module
 * `npm start`: the whole product on one machine with embedded defaults — a Temporal dev server (with its
 * web UI) and PGlite, both persisted under the data folder, migrations and demo data, the worker, the API,
 * the widget bundle and the demo pages. Ctrl-C stops everything cleanly; the next start finds the same data.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { failInterruptedImports } from '../api/services/imports.ts';
import { migrate, openOrm } from '../db/orm.ts';
import { backfillSearchText } from '../db/repositories/search-text.ts';
import { seedDemoData } from '../db/seeders/demo.ts';
import { loadConfig } from './config.ts';
import {
  payloadEncryptionLine,
  payloadSetup,
  startApiPart,
  startWorkerPart,
  stopOnSignals,
} from './parts.ts';
import { ensureSearchAttributes } from './search-attributes.ts';
import { startDevServer, type DevServer } from './temporal-dev-server.ts';
import { startMailCatcher, type MailCatcher } from './mail-catcher.ts';
import { findTemporalCli } from './temporal-binary.ts';

const step = (message: string) => console.log(`• ${message}`);

const config = loadConfig();
// Read before anything starts: encryption on without keys stops the process here, with the fix in the message.
const payload = payloadSetup(config);
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
} else {
  const connection = await Connection.connect({ address, ...config.temporalConnection });
  await ensureSearchAttributes(connection, config.temporalNamespace);
  await connection.close();
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

// E-mail notifications: to SMTP_URL, or else to a local catch-all that keeps demo mail in memory.
let mailCatcher: MailCatcher | undefined;
if (!config.mail.smtpUrl) {
  step('Starting the local mail catcher (no SMTP_URL)…');
  mailCatcher = await startMailCatcher({ port: 2525 }).catch(() => startMailCatcher({ port: 0 }));
}

step('Starting the worker…');
const worker = await startWorkerPart({
  config,
  address,
  orm,
  dataConverter: payload.dataConverter,
  fallbackSmtpUrl: mailCatcher?.url,
});

step('Building the widget bundle and starting the API…');
const api = await startApiPart({
  config,
  address,
  orm,
  payload,
  temporalUiUrl: devServer?.uiUrl,
  keysDir: path.join(config.dataDir, 'keys'),
  devMail: mailCatcher,
});

const { base } = api;
function mailLine(): string {
  if (!mailCatcher)
    return `sent to ${redactUrl(config.mail.smtpUrl!)} (links lead to ${config.mail.publicBaseUrl})`;
  return `caught at ${mailCatcher.url} (no SMTP_URL); read them at ${base}/dev/mail`;
}
function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
console.log(`
Press Liaison is running.
  Portal demo (reporters):      ${base}/demo/portal.html
  IOffice demo (agency users):  ${base}/demo/ioffice.html
  Department demo (oversight):  ${base}/demo/department.html
  API reference:                ${base}/api/v1/docs   (OpenAPI: ${base}/api/v1/openapi.json)
  Temporal UI:                  ${devServer?.uiUrl ?? `(external Temporal at ${address})`}
  Payload encryption:           ${payloadEncryptionLine(payload.encryption, payload.payloadCodec.primaryKeyId, base)}
  Auth mode:                    ${config.authMode}${config.authMode === 'dev' ? ' (demo users; tokens from POST /api/v1/auth/dev-token)' : ''}
  E-mail notifications:         ${mailLine()}
  Widget bundle:                ${(api.bundleGzipBytes / 1024).toFixed(1)} KB gzipped
Press Ctrl-C to stop.`);

stopOnSignals(async () => {
  await api.stop();
  await worker.stop();
  await mailCatcher?.close();
  await orm.close();
  await devServer?.stop();
});
