/**
 * @module
 * Starts a bench entry (bench/product-part.ts, bench/bare-worker.ts) as a child Node process with its own
 * environment, waits for its `READY …` line, and stops it with SIGTERM. Its output goes to a log file under
 * TMPDIR, named in any failure, so a part that dies says why.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface PartProcess {
  pid: number;
  /** What followed `READY ` (the API's base URL, or `worker`). */
  ready: string;
  log: string;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 120_000;

export async function spawnPart(
  entry: string,
  name: string,
  env: Record<string, string | undefined>,
): Promise<PartProcess> {
  const log = path.join(tmpdir(), `bench-${name}-${process.pid}.log`);
  const out = createWriteStream(log);
  // BENCH_CPU_PROF=<dir>: each part writes a V8 CPU profile there when it stops (open it in Chrome DevTools).
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF]
    : [];
  const child = spawn(process.execPath, [...profile, fileURLToPath(new URL(entry, import.meta.url))], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr.pipe(out);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} not ready in time; see ${log}`)),
      READY_TIMEOUT_MS,
    );
    createInterface({ input: child.stdout }).on('line', (line) => {
      out.write(`${line}\n`);
      if (line.startsWith('READY ')) {
        clearTimeout(timer);
        resolve(line.slice('READY '.length));
      }
    });
    void exited.then(async (code) => {
      clearTimeout(timer);
      reject(
        new Error(
          `${name} exited (${code}) before it was ready: ${(await readFile(log, 'utf8')).slice(-2000)}`,
        ),
      );
    });
  });
  return {
    pid: child.pid!,
    ready,
    log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(killer);
      }
      out.end();
    },
  };
}
