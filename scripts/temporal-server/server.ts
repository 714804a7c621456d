/**
 * @module
 * The Temporal server of the production-like run as a child process: set up once (fresh databases and schema,
 * config under `.tmp`, the `default` namespace through the Temporal CLI, the product's search attributes),
 * then started, `kill -9`ed and started again on the same config and data, as an orchestrator would.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { dieWithParentPrefix } from '../../server/die-with-parent.ts';
import { ensureSearchAttributes, missingSearchAttributes } from '../../server/search-attributes.ts';
import { findTemporalCli } from '../../server/temporal-binary.ts';
import { startProcess, type ManagedProcess } from '../product-process.ts';
import type { ServerBinaries } from './binaries.ts';
import { writeServerConfig, type ServerLayout } from './config.ts';
import { prepareServerDatabases } from './schema.ts';

export const NAMESPACE = 'default';

/** Runs `fn` with a connection to `address` that fails fast, and closes it. */
async function withConnection<T>(address: string, fn: (c: Connection) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address, connectTimeout: '2s' });
  try {
    return await connection.withDeadline(Date.now() + 5_000, () => fn(connection));
  } finally {
    await connection.close();
  }
}

/** The frontend answers and knows the namespace: clients and workers can use it. */
export async function serverReady(address: string, namespace = NAMESPACE): Promise<boolean> {
  return withConnection(address, async (c) => {
    await c.workflowService.getSystemInfo({});
    await c.workflowService.describeNamespace({ namespace });
    return true;
  }).catch(() => false);
}

async function frontendAnswers(address: string): Promise<boolean> {
  return withConnection(address, async (c) => {
    await c.workflowService.getSystemInfo({});
    return true;
  }).catch(() => false);
}

/** Retries `attempt` until it resolves true or `timeoutMs` passes; then throws `what`. */
async function until(what: string, timeoutMs: number, attempt: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      if (await attempt()) return;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const reason = last instanceof Error ? `: ${last.message}` : '';
  throw new Error(`${what} within ${timeoutMs / 1000} s${reason}`);
}

export interface TemporalServer {
  address: string;
  /** The running process (a new one after each `start`). */
  current(): ManagedProcess;
  /** Starts it again on the same config and databases; resolves once the frontend knows the namespace. */
  start(): Promise<ManagedProcess>;
}

function launch(binaries: ServerBinaries, layout: ServerLayout, logFile: string, namespaceKnown: boolean) {
  return dieWithParentPrefix().then((prefix) =>
    startProcess({
      name: 'The Temporal server',
      command: binaries.server,
      args: ['--root', layout.root, '--config', 'config', '--env', layout.env, '--allow-no-auth', 'start'],
      env: process.env,
      // Before the namespace exists only the frontend can be asked; after, ready means clients can use it.
      ready: () => (namespaceKnown ? serverReady(layout.address) : frontendAnswers(layout.address)),
      readyTimeoutMs: 180_000,
      logFile,
      // It dies with us: a run that is itself killed leaves no server behind.
      prefix,
    }),
  );
}

/** `temporal operator namespace create` through the CLI, as an operator sets up a new cluster. */
async function createNamespace(address: string): Promise<void> {
  const cli = await findTemporalCli();
  const args = ['operator', 'namespace', 'create', '--namespace', NAMESPACE, '--retention', '72h'];
  await new Promise<void>((resolve, reject) =>
    execFile(cli, [...args, '--address', address], { timeout: 60_000 }, (error, stdout, stderr) =>
      error
        ? reject(new Error(`temporal ${args.join(' ')} failed: ${error.message}\n${stdout}${stderr}`))
        : resolve(),
    ),
  );
}

/**
 * Sets the server up from nothing (databases, schema, config, namespace, search attributes) and starts it.
 * `adminUrl` is the PostgreSQL the databases are created on (its credentials are in `layout.postgres`).
 */
export async function setUpTemporalServer(options: {
  binaries: ServerBinaries;
  layout: ServerLayout;
  adminUrl: string;
  logDir: string;
  log: (message: string) => void;
}): Promise<TemporalServer> {
  const { binaries, layout, log } = options;
  const logFile = path.join(options.logDir, 'temporal-server.log');
  log(
    `Temporal server: databases ${layout.databases.default} and ${layout.databases.visibility}, schema by temporal-sql-tool…`,
  );
  await prepareServerDatabases(binaries.sql, options.adminUrl, layout);
  await writeServerConfig(layout);
  let running = await launch(binaries, layout, logFile, false);
  log(
    `Temporal server on ${layout.address} (pid ${running.pid}); namespace '${NAMESPACE}' and search attributes…`,
  );
  await createNamespace(layout.address);
  // The frontend learns new namespaces on its registry's refresh: wait for it rather than guess.
  await until(`The namespace '${NAMESPACE}' was not usable`, 60_000, () => serverReady(layout.address));
  await until('The search attributes were not registered', 60_000, () =>
    withConnection(layout.address, async (c) => {
      await ensureSearchAttributes(c, NAMESPACE);
      return (await missingSearchAttributes(c, NAMESPACE)).length === 0;
    }),
  );
  return {
    address: layout.address,
    current: () => running,
    async start() {
      running = await launch(binaries, layout, logFile, true);
      return running;
    },
  };
}
