/**
 * @module
 * Lets a child process die with us on Linux. The kernel's parent-death signal (`prctl(PR_SET_PDEATHSIG)`)
 * is what we want, but Node has no binding for it and we take no native dependency. util-linux's `setpriv`
 * (part of every Debian/Ubuntu base system) sets it and then execs the real program, keeping the pid, so
 * `setpriv --pdeathsig TERM -- temporal …` gives us the same thing with no code of ours in between.
 *
 * Limits: Linux only (macOS has no equivalent); the signal fires when the *thread* that spawned the child
 * ends, so spawn from the main thread (a worker thread's children die with that thread). Where it is not
 * available, the next start reclaims what a crash left behind (see `dev-server-record.ts`).
 */
import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import path from 'node:path';

export interface SpawnPrefix {
  command: string;
  args: string[];
}

let probed: Promise<SpawnPrefix | undefined> | undefined;

async function findSetpriv(): Promise<string | undefined> {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/bin', '/bin'].filter(Boolean);
  for (const dir of dirs) {
    const candidate = path.join(dir, 'setpriv');
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  return undefined;
}

/** SIGTERM rather than SIGKILL: the dev server then closes its SQLite file cleanly. */
const SIGNAL = 'TERM';

async function probe(): Promise<SpawnPrefix | undefined> {
  if (process.platform !== 'linux') return undefined;
  const setpriv = await findSetpriv();
  if (!setpriv) return undefined;
  // Old util-linux builds lack --pdeathsig: try it once on setpriv itself before relying on it.
  const works = await new Promise<boolean>((resolve) =>
    execFile(setpriv, ['--pdeathsig', SIGNAL, '--', setpriv, '--version'], (error) => resolve(!error)),
  );
  return works ? { command: setpriv, args: ['--pdeathsig', SIGNAL, '--'] } : undefined;
}

/**
 * The command prefix that makes a spawned program receive SIGTERM when this process dies, or `undefined`
 * where there is none (not Linux, or no usable `setpriv`).
 *
 * @example
 * const prefix = await dieWithParentPrefix();
 * const child = prefix ? spawn(prefix.command, [...prefix.args, binary, ...args]) : spawn(binary, args);
 */
export function dieWithParentPrefix(): Promise<SpawnPrefix | undefined> {
  probed ??= probe();
  return probed;
}
