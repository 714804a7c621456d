/**
 * @module
 * `npm start`'s server (`node server/main.ts`) as a child process, for the crash test and the
 * restart-after-crash test: start it on loopback ports with its own data folder, wait for its banner,
 * `kill -9` it, stop it with Ctrl-C's signal, and clean up a dev server a crash left behind. The same
 * start/ready/kill handling for any process (`startProcess`) serves the production-like run's Temporal server,
 * workers and APIs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_USERS } from '../db/seeders/demo-data.ts';
import { readRecord, recordedServerState, stopProcess } from '../server/dev-server-record.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const READY_LINE = 'Press Liaison is running';

export interface ProductSettings {
  dataDir: string;
  port: number;
  temporalPort: number;
  temporalUiPort: number;
  /** PostgreSQL; PGlite under `dataDir` when absent. */
  databaseUrl?: string | undefined;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ProductProcess extends ManagedProcess {
  /** `http://127.0.0.1:<port>/api/v1` */
  api: string;
}

/** A port free on 127.0.0.1 right now (bind to port 0, read it, release it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The file where `npm start` records its Temporal dev server (see `server/main.ts`). */
export function devServerRecordFile(dataDir: string): string {
  return path.join(dataDir, 'temporal-dev-server.json');
}

function exitOf(child: ChildProcess): Promise<Exit> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
}

/** A child process the scripts start, watch and end. */
export interface ManagedProcess {
  pid: number;
  /** The last 20,000 characters it printed (stdout and stderr). */
  output(): string;
  /** Resolves when it exits, whoever ends it. */
  exited: Promise<Exit>;
  /** `kill -9`: no handler runs, nothing is cleaned up. */
  kill9(): Promise<Exit>;
  /** Sends `signal` (Ctrl-C's SIGINT by default), waits for the exit, and `kill -9`s it after `timeoutMs`. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<Exit>;
}

export interface ProcessSpec {
  /** How messages name it: "The product", "worker 2"… */
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Ready once it prints this text, or once this probe (polled every 250 ms) resolves true. */
  ready: string | (() => Promise<boolean>);
  readyTimeoutMs?: number;
  /** Everything it prints is also appended here, for the log of a failed run. */
  logFile?: string | undefined;
  /** A command prefix run in front of `command` (e.g. `setpriv --pdeathsig`: it dies if we do). */
  prefix?: { command: string; args: string[] } | undefined;
}

/** Starts a process and resolves once it is ready; rejects with its output if it exits first or times out. */
export async function startProcess(spec: ProcessSpec): Promise<ManagedProcess> {
  const readyTimeoutMs = spec.readyTimeoutMs ?? 240_000;
  const [command, args] = spec.prefix
    ? [spec.prefix.command, [...spec.prefix.args, spec.command, ...spec.args]]
    : [spec.command, spec.args];
  const child = spawn(command, args, { cwd: root, env: spec.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = spec.logFile ? createWriteStream(spec.logFile, { flags: 'a' }) : undefined;
  let output = '';
  let ready: (() => void) | undefined;
  const readyLine = typeof spec.ready === 'string' ? spec.ready : undefined;
  const keep = (chunk: Buffer) => {
    log?.write(chunk);
    output = (output + chunk.toString()).slice(-20_000);
    if (ready && readyLine && output.includes(readyLine)) ready();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  // A spawn failure (no such file) ends as an exit; the 'error' event alone would be unhandled.
  child.on('error', (error) => keep(Buffer.from(`\n${error.message}\n`)));
  const exited = exitOf(child)
    .catch((): Exit => ({ code: null, signal: null }))
    .finally(() => log?.end());

  const managed: ManagedProcess = {
    pid: child.pid ?? -1,
    output: () => output,
    exited,
    kill9() {
      child.kill('SIGKILL');
      return exited;
    },
    async stop(signal = 'SIGINT', timeoutMs = 60_000) {
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const exit = await exited;
      clearTimeout(timer);
      return exit;
    },
  };

  let timer: NodeJS.Timeout | undefined;
  let polling = true;
  const diedEarly = exited.then((exit) => {
    throw new Error(`${spec.name} exited before it was ready (${JSON.stringify(exit)}):\n${output}`);
  });
  // Handled by the race below; this keeps a later exit (after it is ready) from being an unhandled rejection.
  diedEarly.catch(() => undefined);
  const probe = typeof spec.ready === 'function' ? spec.ready : undefined;
  try {
    await Promise.race([
      new Promise<void>((resolve) => {
        ready = resolve;
        if (readyLine && output.includes(readyLine)) resolve();
        if (probe)
          void (async () => {
            while (polling) {
              if (await probe().catch(() => false)) return resolve();
              await new Promise((r) => setTimeout(r, 250));
            }
          })();
      }),
      diedEarly,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`${spec.name} was not ready within ${readyTimeoutMs / 1000} s:\n${output}`)),
          readyTimeoutMs,
        );
      }),
    ]);
  } catch (error) {
    await managed.kill9();
    throw error;
  } finally {
    polling = false;
    clearTimeout(timer);
    ready = undefined;
  }
  return managed;
}

/** Starts the product and resolves once it prints its banner; rejects with its output if it exits first. */
export async function startProduct(
  settings: ProductSettings,
  readyTimeoutMs = 240_000,
): Promise<ProductProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(settings.port),
    DATA_DIR: settings.dataDir,
    TEMPORAL_PORT: String(settings.temporalPort),
    TEMPORAL_UI_PORT: String(settings.temporalUiPort),
    AUTH_MODE: 'dev',
  };
  // Always our own dev server and the database asked for, whatever the caller's shell has set.
  delete env.TEMPORAL_ADDRESS;
  delete env.NODE_ENV;
  if (settings.databaseUrl) env.DATABASE_URL = settings.databaseUrl;
  else delete env.DATABASE_URL;

  const product = await startProcess({
    name: 'The product',
    command: process.execPath,
    args: [path.join(root, 'server/main.ts')],
    env,
    ready: READY_LINE,
    readyTimeoutMs,
  });
  return { ...product, api: `http://127.0.0.1:${settings.port}/api/v1` };
}

/** Stops a dev server a crashed start left running for `dataDir`, so a failed run leaks no process. */
export async function stopLeftoverDevServer(dataDir: string): Promise<number | undefined> {
  const state = await recordedServerState(await readRecord(devServerRecordFile(dataDir)));
  if (state.kind === 'gone') return undefined;
  await stopProcess(state.pid, 5_000);
  return state.pid;
}

/** A development token for `sub` (the product runs with AUTH_MODE=dev on loopback). */
export async function devToken(
  api: string,
  sub: string,
  roles: string[],
  agencyId?: string,
  name?: string,
): Promise<string> {
  const response = await fetch(`${api}/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub, roles, agencyId, ...(name ? { name } : {}) }),
  });
  if (response.status !== 200) throw new Error(`dev-token: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/** A dev token for a demo user (db/seeders/demo-data.ts), with the user's name, roles and agency. */
export function demoUserToken(api: string, sub: string): Promise<string> {
  const user = DEMO_USERS.find((u) => u.sub === sub);
  if (!user) throw new Error(`No demo user '${sub}'.`);
  return devToken(api, sub, user.roles, user.agencyId ?? undefined, user.name);
}
