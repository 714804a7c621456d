/**
 * @module
 * `npm run worker`: the Temporal worker alone, for production. Run any number of these against one Temporal
 * namespace (`TEMPORAL_ADDRESS`, `TEMPORAL_NAMESPACE`) and one PostgreSQL (`DATABASE_URL`), beside
 * `npm run api` processes. SIGTERM lets running activities finish (up to the worker's grace time) first.
 */
import { loadConfig } from '../server/config.ts';
import { payloadSetup, startWorkerPart, stopOnSignals } from '../server/parts.ts';
import { checkSearchAttributes, openMigratedDatabase, temporalAddress } from '../server/standalone.ts';

const config = loadConfig();
const payload = payloadSetup(config);
const address = temporalAddress(config);
await checkSearchAttributes(config, address);
const orm = await openMigratedDatabase(config, 'worker');
const worker = await startWorkerPart({ config, address, orm, dataConverter: payload.dataConverter });
console.log(`Press Liaison worker polling Temporal ${address}, namespace ${config.temporalNamespace}.`);
stopOnSignals(async () => {
  await worker.stop();
  await orm.close();
});
// A worker that stops by itself (a fatal error) ends the process, so the orchestrator restarts it.
worker.running.then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('The worker stopped:', error);
    process.exit(1);
  },
);
