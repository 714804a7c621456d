/**
 * @module
 * Runs `temporal server start-dev` as a child process: persisted to a SQLite file when asked, with our
 * search attributes registered at start, optionally with the web UI.
 *
 * Crash safety: on Linux the dev server gets SIGTERM when this process dies, even by `kill -9`
 * (`die-with-parent.ts`). Where that is not available, or the dev server outlives us anyway, a `recordFile`
 * lets the next start recognise the dev server that a crashed start left behind and stop it before starting
 * afresh (`dev-server-record.ts`); the SQLite file keeps the workflows. A port held by anything else stays
 * a clear error.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createConnection } from 'node:net';
import { SEARCH_ATTRIBUTE_DEFINITIONS } from '../workflows/search-attributes.ts';
import {
  readRecord,
  recordedServerState,
  removeRecord,
  stopProcess,
  writeRecord,
} from './dev-server-record.ts';
import { dieWithParentPrefix } from './die-with-parent.ts';

export interface DevServerOptions {
  binary: string;
  port: number;
  /** Web UI port; no UI when absent. */
  uiPort?: number | undefined;
  /** SQLite file that keeps workflows across restarts; in memory when absent. */
  dbFile?: string | undefined;
  namespace?: string;
  /**
   * Where to record which process this dev server is. With it, a start finding the dev server a crashed
   * earlier start left behind (same record file) stops that one instead of failing on the busy port.
   */
  recordFile?: string | undefined;
  /** Stop the dev server when this process dies (Linux, where `setpriv` exists). Default true. */
  dieWithParent?: boolean;
  /** Progress messages (reclaiming a left-behind server). */
  log?: (message: string) => void;
}

export interface DevServer {
  address: string;
  uiUrl: string | undefined;
  /** The dev server's process id. */
  pid: number;
  stop(): Promise<void>;
}

/** How long a left-behind dev server gets to stop on SIGTERM before SIGKILL. */
const RECLAIM_GRACE_MS = 10_000;

export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitForPort(
  port: number,
  child: ChildProcess,
  timeoutMs: number,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`The Temporal dev server exited (code ${child.exitCode}):\n${output()}`);
    if (await portOpen(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `The Temporal dev server did not open port ${port} within ${timeoutMs / 1000} s:\n${output()}`,
  );
}

async function waitForPortsClosed(ports: number[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!(await Promise.all(ports.map(portOpen))).some(Boolean)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Stops the dev server a crashed earlier start left behind; refuses if its start is still running. */
async function reclaim(recordFile: string, log: (message: string) => void): Promise<void> {
  const record = await readRecord(recordFile);
  const state = await recordedServerState(record);
  if (state.kind === 'owned') {
    throw new Error(
      `A Temporal dev server for this data folder (pid ${state.pid}) is in use by another running start ` +
        `(pid ${state.ownerPid}). Stop that one first (Ctrl-C), or use another DATA_DIR.`,
    );
  }
  if (state.kind === 'orphaned' && record) {
    log(`Stopping the Temporal dev server (pid ${state.pid}) left running by an earlier start…`);
    await stopProcess(state.pid, RECLAIM_GRACE_MS);
    await waitForPortsClosed([record.port, ...(record.uiPort ? [record.uiPort] : [])], 10_000);
  }
}

async function assertPortsFree(options: DevServerOptions): Promise<void> {
  const ports: [number, string][] = [[options.port, 'TEMPORAL_PORT']];
  if (options.uiPort) ports.push([options.uiPort, 'TEMPORAL_UI_PORT']);
  for (const [port, variable] of ports) {
    if (!(await portOpen(port))) continue;
    const whose = options.recordFile
      ? 'another program (not a Temporal dev server left behind by an earlier start with this data folder)'
      : 'another program';
    const external = variable === 'TEMPORAL_PORT' ? ', or TEMPORAL_ADDRESS to use that server' : '';
    throw new Error(
      `Port ${port} is already in use by ${whose}. Stop it, or set ${variable} to a free port${external}.`,
    );
  }
}

/** The `temporal` arguments for `options` (what `isRecordedDevServer` recognises). */
export function devServerArgs(options: DevServerOptions): string[] {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port)];
  args.push('--namespace', options.namespace ?? 'default', '--log-level', 'error');
  if (options.dbFile) args.push('--db-filename', options.dbFile);
  if (options.uiPort) args.push('--ui-port', String(options.uiPort), '--ui-ip', '127.0.0.1');
  else args.push('--headless');
  for (const definition of SEARCH_ATTRIBUTE_DEFINITIONS) args.push('--search-attribute', definition);
  return args;
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const log = options.log ?? console.log;
  if (options.recordFile) await reclaim(options.recordFile, log);
  await assertPortsFree(options);

  const args = devServerArgs(options);
  const prefix = options.dieWithParent === false ? undefined : await dieWithParentPrefix();
  const child = prefix
    ? spawn(prefix.command, [...prefix.args, options.binary, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(options.binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid;
  if (pid === undefined) {
    const [error] = (await once(child, 'error')) as [Error];
    throw new Error(`Could not run the Temporal CLI at ${options.binary}: ${error.message}`);
  }
  const recordFile = options.recordFile;
  // Recorded before waiting for the port, so a crash during start-up still leaves it findable.
  if (recordFile) {
    await writeRecord(recordFile, {
      pid,
      ownerPid: process.pid,
      binary: options.binary,
      port: options.port,
      uiPort: options.uiPort ?? null,
      dbFile: options.dbFile ?? null,
      startedAt: new Date().toISOString(),
    });
  }
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async (): Promise<void> => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    if (recordFile) await removeRecord(recordFile, pid);
  };

  try {
    await waitForPort(options.port, child, 30_000, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    address: `127.0.0.1:${options.port}`,
    uiUrl: options.uiPort ? `http://127.0.0.1:${options.uiPort}` : undefined,
    pid,
    stop,
  };
}
