// Issue 6: a Temporal dev server left running by a crashed `npm start` blocked the next start ("Port … is
// already in use"). Now the dev server dies with its node process on Linux, and a start that still finds it
// (no `setpriv`, or it outlived us) stops it, recognised by the record in the data folder. It never stops a
// dev server whose start is still running, nor a program that is not ours.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/product-process.ts';
import { eventually } from '../support/api-helpers.ts';
import { isRunning, readRecord, stopProcess, writeRecord } from '../../server/dev-server-record.ts';
import { dieWithParentPrefix } from '../../server/die-with-parent.ts';
import { findTemporalCli } from '../../server/temporal-binary.ts';
import { portOpen, startDevServer, type DevServerOptions } from '../../server/temporal-dev-server.ts';

const moduleUrl = new URL('../../server/temporal-dev-server.ts', import.meta.url).href;

let dir: string;
let binary: string;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pl-devserver-'));
  binary = await findTemporalCli();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function options(name: string, extra: Partial<DevServerOptions> = {}): Promise<DevServerOptions> {
  return {
    binary,
    port: await freePort(),
    uiPort: await freePort(),
    dbFile: path.join(dir, `${name}.sqlite`),
    recordFile: path.join(dir, `${name}.json`),
    log: () => undefined,
    ...extra,
  };
}

const recordModuleUrl = new URL('../../server/dev-server-record.ts', import.meta.url).href;

/** `npm start`'s part: start the dev server through `startDevServer`, as `server/main.ts` does. */
const START_AS_MAIN = `
  const { startDevServer } = await import(process.argv[1]);
  const server = await startDevServer({ ...JSON.parse(process.argv[3]), log: () => {} });
  console.log('ready ' + server.pid);`;

/**
 * What a crashed start leaves behind, without the luck: our dev server and its record, but with its output
 * going nowhere. Through pipes, an orphaned dev server may die of SIGPIPE the next time it writes (it
 * happens to, a second or two later); we must not count on it, so the test does not either.
 */
const START_ORPHANABLE = `
  const { devServerArgs, portOpen } = await import(process.argv[1]);
  const { writeRecord } = await import(process.argv[2]);
  const { spawn } = await import('node:child_process');
  const opts = JSON.parse(process.argv[3]);
  const child = spawn(opts.binary, devServerArgs(opts), { stdio: 'ignore', detached: true });
  await writeRecord(opts.recordFile, { pid: child.pid, ownerPid: process.pid, binary: opts.binary, port: opts.port,
    uiPort: opts.uiPort ?? null, dbFile: opts.dbFile ?? null, startedAt: new Date().toISOString() });
  while (!(await portOpen(opts.port))) await new Promise((r) => setTimeout(r, 100));
  console.log('ready ' + child.pid);`;

/** Another node process that starts a dev server and stays up: the stand-in for `npm start`. */
async function startInChild(
  opts: DevServerOptions,
  how = START_AS_MAIN,
): Promise<{ child: ChildProcess; devPid: number }> {
  const { log: _log, ...serializable } = opts;
  const child = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `${how}\nsetInterval(() => {}, 1 << 30);`,
      moduleUrl,
      recordModuleUrl,
      JSON.stringify(serializable),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  cleanups.push(async () => {
    child.kill('SIGKILL');
    const record = await readRecord(opts.recordFile!);
    if (record) await stopProcess(record.pid, 2_000);
  });
  let out = '';
  for await (const chunk of child.stdout) {
    out += String(chunk);
    const match = /ready (\d+)/.exec(out);
    if (match) return { child, devPid: Number(match[1]) };
  }
  throw new Error(`The child exited before its dev server was ready: ${out}`);
}

/** A cleanup that SIGKILLs `pid` if it still exists. */
function killLater(pid: number): () => Promise<void> {
  return () => {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
    return Promise.resolve();
  };
}

async function kill9(child: ChildProcess): Promise<void> {
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

async function closedWithin(port: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!(await portOpen(port))) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describe('starting the dev server when an earlier one holds the port', () => {
  it('stops the dev server a crashed start left behind and starts afresh', async () => {
    const opts = await options('orphan');
    const { child, devPid } = await startInChild(opts, START_ORPHANABLE);
    await kill9(child);
    // The defect: the dev server outlives the crashed start and keeps both ports.
    expect(await isRunning(devPid)).toBe(true);
    expect(await portOpen(opts.port)).toBe(true);

    const server = await startDevServer(opts);
    cleanups.push(() => server.stop());
    expect(await isRunning(devPid)).toBe(false);
    expect(server.pid).not.toBe(devPid);
    // The start waits for the gRPC port; the web UI opens its own a moment later on a busy machine.
    expect(
      await eventually(
        () => portOpen(opts.uiPort!),
        (open) => open,
      ),
    ).toBe(true);
    expect(await readRecord(opts.recordFile!)).toMatchObject({
      pid: server.pid,
      ownerPid: process.pid,
      port: opts.port,
      dbFile: opts.dbFile,
    });

    await server.stop();
    expect(await portOpen(opts.port)).toBe(false);
    expect(await readRecord(opts.recordFile!)).toBeUndefined();
  });

  it('refuses, and stops nothing, while the start that owns it is still running', async () => {
    const opts = await options('owned');
    const { child, devPid } = await startInChild(opts);
    await expect(startDevServer(opts)).rejects.toThrow(
      `A Temporal dev server for this data folder (pid ${devPid}) is in use by another running start (pid ${child.pid})`,
    );
    expect(await isRunning(devPid)).toBe(true);
    expect(await portOpen(opts.port)).toBe(true);
  });

  it.runIf(process.platform === 'linux')(
    'on Linux, a child started with the prefix dies with its parent',
    async () => {
      // `sleep` never writes, so unlike the dev server (which dies of SIGPIPE when it next writes to the pipe
      // of a dead parent, if it does), nothing but the parent-death signal can end it.
      const prefix = await dieWithParentPrefix();
      expect(prefix).toBeDefined();
      const code = `
      const { spawn } = await import('node:child_process');
      const [command, ...args] = JSON.parse(process.argv[1]);
      for (const argv of [[command, ...args, 'sleep', '600'], ['sleep', '601']]) {
        console.log(spawn(argv[0], argv.slice(1), { stdio: 'ignore' }).pid);
      }
      setInterval(() => {}, 1 << 30);`;
      const parent = spawn(
        process.execPath,
        ['--input-type=module', '-e', code, JSON.stringify([prefix!.command, ...prefix!.args])],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      cleanups.push(killLater(parent.pid!));
      let out = '';
      for await (const chunk of parent.stdout) {
        out += String(chunk);
        if (out.trim().split('\n').length === 2) break;
      }
      const [withPrefix, without] = out.trim().split('\n').map(Number) as [number, number];
      cleanups.push(killLater(withPrefix), killLater(without));
      await kill9(parent);
      const deadline = Date.now() + 5_000;
      while ((await isRunning(withPrefix)) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      expect(await isRunning(withPrefix)).toBe(false);
      expect(await isRunning(without)).toBe(true);
    },
  );

  it.runIf(process.platform === 'linux')('on Linux, dies with the node process that started it', async () => {
    expect(await dieWithParentPrefix()).toBeDefined();
    const opts = await options('with-parent');
    const { child, devPid } = await startInChild(opts);
    await kill9(child);
    expect(await closedWithin(opts.port, 15_000)).toBe(true);
    expect(await closedWithin(opts.uiPort!, 1_000)).toBe(true);
    expect(await isRunning(devPid)).toBe(false);
  });

  it('keeps the clear error when another program holds the port, even one a stale record names', async () => {
    const opts = await options('foreign');
    const holder: Server = createServer().listen(opts.port, '127.0.0.1');
    await once(holder, 'listening');
    cleanups.push(() => new Promise((resolve) => holder.close(resolve)));
    // A record whose pid is alive but is not a dev server (pids are reused): it must be left alone.
    const bystander = spawn('sleep', ['60'], { stdio: 'ignore' });
    cleanups.push(killLater(bystander.pid!));
    await writeRecord(opts.recordFile!, {
      pid: bystander.pid!,
      ownerPid: 1,
      binary,
      port: opts.port,
      uiPort: opts.uiPort ?? null,
      dbFile: opts.dbFile ?? null,
      startedAt: new Date().toISOString(),
    });

    await expect(startDevServer(opts)).rejects.toThrow(
      `Port ${opts.port} is already in use by another program (not a Temporal dev server left behind by an earlier start with this data folder). Stop it, or set TEMPORAL_PORT to a free port, or TEMPORAL_ADDRESS to use that server.`,
    );
    expect(await isRunning(bystander.pid!)).toBe(true);
    expect(await portOpen(opts.port)).toBe(true);
  });
});
