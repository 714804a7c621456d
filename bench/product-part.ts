/**
 * @module
 * A part of the product as its own process for the `load` group (issue 9), composed from the same parts as
 * `npm run api`, `npm run worker` and `npm start` (server/parts.ts), against the bench's dev server:
 * - `BENCH_PART=api` or `worker`: one part on the PostgreSQL database named by `DATABASE_URL` (the bench
 *   creates, migrates and seeds it), as production runs them;
 * - `BENCH_PART=all`: the API and the worker in one process on an in-memory PGlite it migrates and seeds
 *   itself, as `npm start` runs on PGlite (PGlite is one process's database).
 * Prints `READY <api base>` (or `READY worker`) on stdout once it serves; stops on SIGTERM.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openOrm, type Orm } from '../db/orm.ts';
import { createScratchDatabase } from '../db/scratch-database.ts';
import { seedDemoData } from '../db/seeders/demo.ts';
import { loadConfig } from '../server/config.ts';
import { payloadSetup, startApiPart, startWorkerPart, stopOnSignals, type Part } from '../server/parts.ts';

const part = process.env.BENCH_PART;
const address = process.env.TEMPORAL_ADDRESS;
if (!address || (part !== 'api' && part !== 'worker' && part !== 'all'))
  throw new Error('bench/product-part.ts needs TEMPORAL_ADDRESS and BENCH_PART=api|worker|all.');

const config = loadConfig();
const payload = payloadSetup(config);
let orm: Orm;
if (part === 'all') {
  orm = (await createScratchDatabase(undefined)).orm;
  await seedDemoData(orm.em.fork());
} else {
  if (!config.databaseUrl) throw new Error(`BENCH_PART=${part} needs DATABASE_URL.`);
  orm = await openOrm({ databaseUrl: config.databaseUrl });
}

const parts: Part[] = [];
if (part !== 'api') {
  parts.push(await startWorkerPart({ config, address, orm, dataConverter: payload.dataConverter }));
}
let ready = 'worker';
if (part !== 'worker') {
  const keysDir = await mkdtemp(path.join(tmpdir(), 'pl-bench-keys-'));
  const api = await startApiPart({ config, address, orm, payload, keysDir });
  parts.push(api);
  ready = `${api.base}/api/v1`;
}
console.log(`READY ${ready}`);
stopOnSignals(async () => {
  // The API first, so no request reaches a stopped worker; then the database.
  for (const p of parts.reverse()) await p.stop();
  await orm.close();
});
