/**
 * @module
 * The product's own entry points (`worker/main.ts`, `server/api-main.ts`) as child processes for integration
 * tests: start one with an environment, collect what it prints, wait for its ready line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface Child {
  process: ChildProcess;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  exited: Promise<number | null>;
}

/** Starts `script` (relative to the project) with the test's environment plus `env`. */
export function start(script: string, env: Record<string, string>): Child {
  const child = spawn(process.execPath, [script], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr.on('data', (d: Buffer) => (text += d.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { process: child, output: () => text, exited };
}

/**
 * Waits until the child prints `line`. Several processes starting at once (workers bundle the workflow code,
 * APIs build the widgets) have taken over a minute on a busy two-core machine, hence the long default.
 */
export async function ready(child: Child, line: string, timeoutMs = 150_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!child.output().includes(line)) {
    if (child.process.exitCode !== null) throw new Error(`exited early:\n${child.output()}`);
    if (Date.now() > deadline) throw new Error(`not ready:\n${child.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
