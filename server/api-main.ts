/**
 * @module
 * `npm run api`: the HTTP part alone (API, widget bundle, demo pages), for production. Run any number of
 * these behind a load balancer, beside `npm run worker` processes, against one Temporal namespace
 * (`TEMPORAL_ADDRESS`, `TEMPORAL_NAMESPACE`) and one PostgreSQL (`DATABASE_URL`), after `npm run db:migrate`.
 */
import path from 'node:path';
import { loadConfig } from './config.ts';
import { payloadEncryptionLine, payloadSetup, startApiPart, stopOnSignals } from './parts.ts';
import { checkSearchAttributes, openMigratedDatabase, temporalAddress } from './standalone.ts';

const config = loadConfig();
const payload = payloadSetup(config);
const address = temporalAddress(config);
await checkSearchAttributes(config, address);
const orm = await openMigratedDatabase(config, 'api');
const api = await startApiPart({
  config,
  address,
  orm,
  payload,
  keysDir: path.join(config.dataDir, 'keys'),
});
console.log(
  `Press Liaison API on ${api.base} (Temporal ${address}, namespace ${config.temporalNamespace}); payload encryption ${payloadEncryptionLine(payload.encryption, payload.payloadCodec.primaryKeyId, api.base)}.`,
);
stopOnSignals(async () => {
  await api.stop();
  await orm.close();
});
