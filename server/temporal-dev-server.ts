/**
 * @module
 * Runs `temporal server start-dev` as a child process: persisted to a SQLite file when asked, with our
 * search attributes registered at start, optionally with the web UI.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createConnection } from 'node:net';
import { SEARCH_ATTRIBUTE_DEFINITIONS } from '../workflows/search-attributes.ts';

export interface DevServerOptions {
  binary: string;
  port: number;
  /** Web UI port; no UI when absent. */
  uiPort?: number | undefined;
  /** SQLite file that keeps workflows across restarts; in memory when absent. */
  dbFile?: string | undefined;
  namespace?: string;
}

export interface DevServer {
  address: string;
  uiUrl: string | undefined;
  stop(): Promise<void>;
}

function portOpen(port: number): Promise<boolean> {
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
    if (child.exitCode !== null)
      throw new Error(`The Temporal dev server exited (code ${child.exitCode}):\n${output()}`);
    if (await portOpen(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `The Temporal dev server did not open port ${port} within ${timeoutMs / 1000} s:\n${output()}`,
  );
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  if (await portOpen(options.port)) {
    throw new Error(
      `Port ${options.port} is already in use. Set TEMPORAL_PORT to a free port, or TEMPORAL_ADDRESS to use that server.`,
    );
  }
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--namespace',
    options.namespace ?? 'default',
  ];
  args.push('--log-level', 'error');
  if (options.dbFile) args.push('--db-filename', options.dbFile);
  if (options.uiPort) args.push('--ui-port', String(options.uiPort), '--ui-ip', '127.0.0.1');
  else args.push('--headless');
  for (const definition of SEARCH_ATTRIBUTE_DEFINITIONS) args.push('--search-attribute', definition);

  const child = spawn(options.binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  await waitForPort(options.port, child, 30_000, () => output);

  return {
    address: `127.0.0.1:${options.port}`,
    uiUrl: options.uiPort ? `http://127.0.0.1:${options.uiPort}` : undefined,
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await once(child, 'exit');
      clearTimeout(timer);
    },
  };
}
