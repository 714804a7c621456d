/**
 * @module
 * Which Temporal dev server belongs to this data folder. `npm start` writes a small record next to the data
 * (its pid, binary, ports, SQLite file, the pid of the `npm start` that owns it, start time). After a crash
 * (`kill -9` of node) the next start reads it to find the dev server left behind and stop it — and only
 * that one: pids are reused, so the recorded pid must still run the recorded binary as
 * `server start-dev` on the recorded port and SQLite file, and its owner must be gone.
 */
import { execFile } from 'node:child_process';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';

export interface DevServerRecord {
  pid: number;
  /** The `npm start` (node) process that started it. */
  ownerPid: number;
  binary: string;
  port: number;
  uiPort: number | null;
  /** `null` for an in-memory dev server. */
  dbFile: string | null;
  /** ISO time of the start, for people reading the file. */
  startedAt: string;
}

export async function writeRecord(file: string, record: DevServerRecord): Promise<void> {
  // Write-then-rename, so a crash mid-write never leaves half a record for the next start to misread.
  const partial = `${file}.${process.pid}.tmp`;
  await writeFile(partial, `${JSON.stringify(record, null, 2)}\n`);
  await rename(partial, file);
}

/** The record, or `undefined` when there is none or it is not one of ours (then it is ignored). */
export async function readRecord(file: string): Promise<DevServerRecord | undefined> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
  const r = parsed as Partial<DevServerRecord> | null;
  const valid =
    !!r &&
    Number.isInteger(r.pid) &&
    Number.isInteger(r.ownerPid) &&
    Number.isInteger(r.port) &&
    typeof r.binary === 'string' &&
    (r.dbFile === null || typeof r.dbFile === 'string');
  return valid ? (r as DevServerRecord) : undefined;
}

/** Removes the record if it still names `pid` (a newer start may have replaced it). */
export async function removeRecord(file: string, pid: number): Promise<void> {
  if ((await readRecord(file))?.pid === pid) await rm(file, { force: true });
}

const run = promisify(execFile);

/** Zombies count as gone: they hold no port and no file, and only their parent can reap them. */
export async function isRunning(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  // `pid (comm) S ppid …`: comm may contain spaces and parentheses, so read after the last ')'.
  return stat === undefined || stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}

/** argv and parent pid of a process: `/proc` on Linux, `ps` elsewhere (macOS). */
async function inspect(pid: number): Promise<{ argv: string[]; ppid: number } | undefined> {
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
  if (cmdline !== undefined) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return { argv: cmdline.replace(/\0$/, '').split('\0'), ppid };
  }
  try {
    const { stdout } = await run('ps', ['-ww', '-o', 'ppid=,args=', '-p', String(pid)]);
    const [ppid, ...argv] = stdout.trim().split(/\s+/);
    // `ps` joins arguments with spaces: a path with spaces will not match below, and we then refuse
    // rather than stop a process we cannot identify.
    return { argv, ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

function flagValue(argv: string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** True when `argv` is the recorded binary running `server start-dev` on the recorded port and file. */
export function isRecordedDevServer(record: DevServerRecord, argv: readonly string[]): boolean {
  const args = [...argv];
  return (
    args[0] === record.binary &&
    args[1] === 'server' &&
    args[2] === 'start-dev' &&
    flagValue(args, '--port') === String(record.port) &&
    (flagValue(args, '--db-filename') ?? null) === record.dbFile
  );
}

export type RecordedServerState =
  /** No record, or its process has ended, or the pid now belongs to another program. */
  | { kind: 'gone' }
  /** The `npm start` that owns it still runs: it is in use, not left behind. */
  | { kind: 'owned'; pid: number; ownerPid: number }
  /** Left behind by a start that crashed: safe to stop. */
  | { kind: 'orphaned'; pid: number };

export async function recordedServerState(record: DevServerRecord | undefined): Promise<RecordedServerState> {
  if (!record || !(await isRunning(record.pid))) return { kind: 'gone' };
  const info = await inspect(record.pid);
  if (!info || !isRecordedDevServer(record, info.argv)) return { kind: 'gone' };
  // An orphan is re-parented (to init or a subreaper): a parent equal to the live owner means "in use".
  if (info.ppid === record.ownerPid && (await isRunning(record.ownerPid))) {
    return { kind: 'owned', pid: record.pid, ownerPid: record.ownerPid };
  }
  return { kind: 'orphaned', pid: record.pid };
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!(await isRunning(pid))) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !(await isRunning(pid));
}

/** SIGTERM (the dev server closes its SQLite file cleanly), then SIGKILL after `graceMs`. */
export async function stopProcess(pid: number, graceMs: number): Promise<void> {
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(pid, name);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  if (await waitUntilGone(pid, graceMs)) return;
  signal('SIGKILL');
  if (!(await waitUntilGone(pid, 5_000))) throw new Error(`Process ${pid} did not stop after SIGKILL.`);
}
