/**
 * @module
 * The production-like topology on this machine, for `npm run load` and `npm run chaos`: the Temporal server
 * (not the dev server) on PostgreSQL, a scratch product database migrated as a deployment step
 * (`npm run db:migrate`, i.e. `node scripts/migrate.ts`) and seeded with the demo registry, then two
 * `npm run worker` and two `npm run api` processes on loopback ports, all sharing one namespace, one database
 * and one set of payload-encryption keys (encryption on, as in production). Every process is ours to
 * `kill -9` and restart; every process dies with this one (Linux parent-death signal).
 *
 * Or it attaches to a topology already running: `LOAD_API_URLS` (comma-separated `…/api/v1` bases) and
 * `LOAD_TEMPORAL_ADDRESS`, with the same `PAYLOAD_KEYS` as those processes; loopback addresses only.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScratchDatabase, type ScratchDatabase } from '../../db/scratch-database.ts';
import { seedDemoData } from '../../db/seeders/demo.ts';
import { isLoopbackHost } from '../../server/config.ts';
import { buildWorkflowBundle } from '../build-workflows.ts';
import { dieWithParentPrefix } from '../../server/die-with-parent.ts';
import { freePort, startProcess, type ManagedProcess } from '../product-process.ts';
import { findServerBinaries } from '../temporal-server/binaries.ts';
import { planLayout, postgresTarget, type ServerLayout } from '../temporal-server/config.ts';
import { dropServerDatabases } from '../temporal-server/schema.ts';
import { NAMESPACE, setUpTemporalServer, type TemporalServer } from '../temporal-server/server.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const WORKER_READY = 'Press Liaison worker polling';
const API_READY = 'Press Liaison API on';

/** One process of the topology that can be killed and started again in its place. */
export interface Slot {
  name: string;
  current(): ManagedProcess;
  /** Starts it again (same settings, same port); resolves once it is ready. */
  restart(): Promise<ManagedProcess>;
}

export interface Topology {
  /** `http://127.0.0.1:<port>/api/v1` of each API process. */
  apis: string[];
  temporalAddress: string;
  namespace: string;
  /** The environment the API and worker processes share (payload keys, for decoding query results). */
  env: NodeJS.ProcessEnv;
  /** Present when this run started the processes (and so may kill them). */
  owned?: { temporal: Slot; workers: Slot[]; apis: Slot[]; logDir: string };
  /** Stops every process it started and drops its databases (keeps the logs when `keepLogs`). */
  close(options?: { keepLogs?: boolean }): Promise<void>;
}

/** Refuses an address that is not on this machine: the load is for loopback only. */
function assertLoopback(what: string, hostname: string): void {
  if (!isLoopbackHost(hostname))
    throw new Error(`${what} is ${hostname}: the production-like run only talks to this machine (loopback).`);
}

export function attachedTopology(env: NodeJS.ProcessEnv): Topology | undefined {
  if (!env.LOAD_API_URLS) return undefined;
  const apis = env.LOAD_API_URLS.split(',').map((s) => s.trim().replace(/\/$/, ''));
  for (const api of apis) assertLoopback(`LOAD_API_URLS entry ${api}`, new URL(api).hostname);
  const temporalAddress = env.LOAD_TEMPORAL_ADDRESS;
  if (!temporalAddress)
    throw new Error('LOAD_API_URLS needs LOAD_TEMPORAL_ADDRESS (host:port) for the checks.');
  assertLoopback('LOAD_TEMPORAL_ADDRESS', new URL(`grpc://${temporalAddress}`).hostname);
  return {
    apis,
    temporalAddress,
    namespace: env.TEMPORAL_NAMESPACE || NAMESPACE,
    env,
    close: () => Promise.resolve(),
  };
}

function runMigrations(env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      [path.join(root, 'scripts/migrate.ts')],
      { cwd: root, env, timeout: 300_000 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`npm run db:migrate failed:\n${stdout}${stderr}`)) : resolve(stdout.trim()),
    ),
  );
}

/** A slot for `node <script>`, started now and restartable. */
async function nodeSlot(options: {
  name: string;
  script: string;
  env: NodeJS.ProcessEnv;
  ready: string;
  logDir: string;
}): Promise<Slot> {
  const prefix = await dieWithParentPrefix();
  const launch = () =>
    startProcess({
      name: options.name,
      command: process.execPath,
      args: [path.join(root, options.script)],
      env: options.env,
      ready: options.ready,
      readyTimeoutMs: 240_000,
      logFile: path.join(options.logDir, `${options.name.replace(/\s+/g, '-')}.log`),
      prefix,
    });
  let current = await launch();
  return {
    name: options.name,
    current: () => current,
    async restart() {
      current = await launch();
      return current;
    },
  };
}

/** Starts the whole topology. `log` reports each step. */
export async function startTopology(options: {
  databaseUrl: string;
  workers: number;
  apis: number;
  log: (message: string) => void;
}): Promise<Topology> {
  const { log } = options;
  assertLoopback('DATABASE_URL', new URL(options.databaseUrl).hostname);
  const run = randomBytes(3).toString('hex');
  const runDir = path.resolve(process.env.TMPDIR || tmpdir(), `pl-production-${run}`);
  const logDir = path.join(runDir, 'logs');
  await mkdir(logDir, { recursive: true });
  let db: ScratchDatabase | undefined;
  let layout: ServerLayout | undefined;
  const slots: Slot[] = [];
  let temporal: TemporalServer | undefined;

  const close: Topology['close'] = async ({ keepLogs = false } = {}) => {
    // APIs first (no new requests), then workers (let activities finish), then the server.
    const order = [...slots].reverse();
    for (const slot of order) await slot.current().stop('SIGTERM', 30_000);
    await temporal?.current().stop('SIGTERM', 30_000);
    await db?.drop().catch((e: unknown) => log(`could not drop the product database: ${String(e)}`));
    if (layout)
      await dropServerDatabases(options.databaseUrl, layout).catch((e: unknown) =>
        log(`could not drop the Temporal databases: ${String(e)}`),
      );
    if (!keepLogs) await rm(runDir, { recursive: true, force: true });
  };

  try {
    const binaries = await findServerBinaries(log);
    const base = process.env.LOAD_TEMPORAL_DATABASE || 'pl_temporal';
    layout = await planLayout({
      root: path.join(runDir, 'temporal'),
      databases: { default: base, visibility: `${base}_visibility` },
      postgres: postgresTarget(options.databaseUrl),
    });
    temporal = await setUpTemporalServer({ binaries, layout, adminUrl: options.databaseUrl, logDir, log });
    const temporalSlot: Slot = {
      name: 'Temporal server',
      current: () => temporal!.current(),
      restart: () => temporal!.start(),
    };

    db = await createScratchDatabase(options.databaseUrl, 'pl_load', { migrate: false });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: db.url,
      TEMPORAL_ADDRESS: layout.address,
      TEMPORAL_NAMESPACE: NAMESPACE,
      DATA_DIR: path.join(runDir, 'data'),
      HOST: '127.0.0.1',
      AUTH_MODE: 'dev',
      // Encrypted payloads, one key shared by every API and worker: what one encrypts the others must decrypt.
      PAYLOAD_ENCRYPTION: 'on',
      PAYLOAD_KEYS: `load${run}:${randomBytes(32).toString('base64')}`,
    };
    // Settings of the caller's shell that would change what runs: a production mode, one fixed metrics port
    // that two workers cannot share, TLS or an API key meant for another cluster.
    for (const name of Object.keys(env))
      if (
        name === 'NODE_ENV' ||
        name === 'WORKER_METRICS_ADDRESS' ||
        name === 'PORT' ||
        name.startsWith('TEMPORAL_TLS') ||
        name === 'TEMPORAL_API_KEY' ||
        name === 'WORKFLOW_BUNDLE'
      )
        delete env[name];
    log(
      `Product database ${new URL(db.url!).pathname.slice(1)}: npm run db:migrate, then the demo registry…`,
    );
    log(`  ${await runMigrations(env)}`);
    await seedDemoData(db.orm.em.fork());
    // As a deployment does: the workflow code bundled once, so a restarted worker polls within seconds.
    env.WORKFLOW_BUNDLE = path.join(runDir, 'workflow-bundle.js');
    log(
      `Workflow bundle (npm run build:workflows): ${(await buildWorkflowBundle(env.WORKFLOW_BUNDLE)) >> 20} MB`,
    );

    for (let i = 1; i <= options.workers; i++)
      slots.push(
        await nodeSlot({ name: `worker ${i}`, script: 'worker/main.ts', env, ready: WORKER_READY, logDir }),
      );
    const apis: string[] = [];
    const apiSlots: Slot[] = [];
    // One after the other: the first creates the dev token signing key under DATA_DIR, the others read it.
    for (let i = 1; i <= options.apis; i++) {
      const port = await freePort();
      const slot = await nodeSlot({
        name: `api ${i}`,
        script: 'server/api-main.ts',
        env: { ...env, PORT: String(port) },
        ready: API_READY,
        logDir,
      });
      slots.push(slot);
      apiSlots.push(slot);
      apis.push(`http://127.0.0.1:${port}/api/v1`);
    }
    log(
      `Running: Temporal server ${layout.address}, ${options.workers} workers, ${options.apis} APIs (${apis.join(', ')}); logs in ${logDir}`,
    );
    return {
      apis,
      temporalAddress: layout.address,
      namespace: NAMESPACE,
      env,
      owned: {
        temporal: temporalSlot,
        workers: slots.filter((s) => s.name.startsWith('worker')),
        apis: apiSlots,
        logDir,
      },
      close,
    };
  } catch (error) {
    await close({ keepLogs: true });
    log(`Logs of the failed start: ${logDir}`);
    throw error;
  }
}
