/**
 * @module
 * `npm start`'s server (`node server/main.ts`) as a child process, for the crash test and the
 * restart-after-crash test: start it on loopback ports with its own data folder, wait for its banner,
 * `kill -9` it, stop it with Ctrl-C's signal, and clean up a dev server a crash left behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

export interface ProductProcess {
  pid: number;
  /** `http://127.0.0.1:<port>/api/v1` */
  api: string;
  /** The last 20,000 characters it printed (stdout and stderr). */
  output(): string;
  /** `kill -9`: no handler runs, nothing is cleaned up. */
  kill9(): Promise<Exit>;
  /** Sends `signal` (Ctrl-C's SIGINT by default) and waits for the exit. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<Exit>;
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

  const child = spawn(process.execPath, [path.join(root, 'server/main.ts')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let ready: (() => void) | undefined;
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    if (ready && output.includes(READY_LINE)) ready();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = exitOf(child);

  const product: ProductProcess = {
    pid: child.pid!,
    api: `http://127.0.0.1:${settings.port}/api/v1`,
    output: () => output,
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
  const diedEarly = exited.then((exit) => {
    throw new Error(`The product exited before it was ready (${JSON.stringify(exit)}):\n${output}`);
  });
  // Handled by the race below; this keeps a later exit (after the banner) from being an unhandled rejection.
  diedEarly.catch(() => undefined);
  try {
    await Promise.race([
      new Promise<void>((resolve) => {
        ready = resolve;
        if (output.includes(READY_LINE)) resolve();
      }),
      diedEarly,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`The product was not ready within ${readyTimeoutMs / 1000} s:\n${output}`)),
          readyTimeoutMs,
        );
      }),
    ]);
  } catch (error) {
    await product.kill9();
    throw error;
  } finally {
    clearTimeout(timer);
    ready = undefined;
  }
  return product;
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
): Promise<string> {
  const response = await fetch(`${api}/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub, roles, agencyId }),
  });
  if (response.status !== 200) throw new Error(`dev-token: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}
