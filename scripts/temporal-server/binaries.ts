/**
 * @module
 * The Temporal server itself and its SQL schema tool, for the production-like run (`npm run load`,
 * `npm run chaos`): not the dev server the CLI embeds, but `go.temporal.io/server` built from its Go module,
 * pinned to the version CLI v1.5.1 embeds, and cached outside the project like the CLI.
 *
 * Found in `TEMPORAL_SERVER_DIR` (default `~/.cache/press-liaison/temporal-server`) as `server` and `sql`, the
 * names `go install` gives them; when absent and Go is installed they are built there (minutes the first time).
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { isExecutable, onPath } from '../../server/temporal-binary.ts';

/** The server version Temporal CLI v1.5.1 embeds; it has no `replace` directive, so `go install` takes it. */
export const TEMPORAL_SERVER_VERSION = 'v1.29.1';
const PACKAGES = {
  server: 'go.temporal.io/server/cmd/server',
  sql: 'go.temporal.io/server/cmd/tools/sql',
} as const;

export interface ServerBinaries {
  /** `temporal-server`: `server --root … --config … --env … start`. */
  server: string;
  /** `temporal-sql-tool`: creates the databases and sets up and updates their schemas. */
  sql: string;
}

export function serverCacheDir(): string {
  return process.env.TEMPORAL_SERVER_DIR || path.join(homedir(), '.cache/press-liaison/temporal-server');
}

/** `go install <package>@<version>` into `dir`; its output goes to `logFile` (shown when it fails). */
function goInstall(go: string, pkg: string, dir: string, logFile: string, log: (m: string) => void) {
  return new Promise<boolean>((resolve) => {
    const out = createWriteStream(logFile, { flags: 'a' });
    const child = spawn(go, ['install', `${pkg}@${TEMPORAL_SERVER_VERSION}`], {
      env: { ...process.env, GOBIN: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    const started = Date.now();
    const tick = setInterval(
      () => log(`  … still building ${pkg} (${Math.round((Date.now() - started) / 60_000)} min; ${logFile})`),
      60_000,
    );
    const done = (ok: boolean) => {
      clearInterval(tick);
      out.end();
      resolve(ok);
    };
    child.on('error', () => done(false));
    child.on('exit', (code) => done(code === 0));
  });
}

/** The server and SQL tool binaries, built into the cache with Go if they are not there yet. */
export async function findServerBinaries(log: (m: string) => void = console.log): Promise<ServerBinaries> {
  const dir = serverCacheDir();
  const binaries: ServerBinaries = { server: path.join(dir, 'server'), sql: path.join(dir, 'sql') };
  const missing: (keyof ServerBinaries)[] = [];
  for (const name of Object.keys(PACKAGES) as (keyof ServerBinaries)[]) {
    if (!(await isExecutable(binaries[name]))) missing.push(name);
  }
  if (!missing.length) return binaries;

  const go = await onPath('go');
  const manual = missing.map((n) => `  GOBIN=${dir} go install ${PACKAGES[n]}@${TEMPORAL_SERVER_VERSION}`);
  if (!go)
    throw new Error(
      [
        `The Temporal server binaries are not in ${dir} (missing: ${missing.join(', ')}) and Go is not installed.`,
        'Install Go (https://go.dev/dl/), then run again, or build them yourself:',
        ...manual,
        'or set TEMPORAL_SERVER_DIR to a folder holding `server` and `sql` built from those packages.',
      ].join('\n'),
    );
  await mkdir(dir, { recursive: true });
  const logFile = path.join(dir, 'build.log');
  for (const name of missing) {
    log(
      `Building ${PACKAGES[name]}@${TEMPORAL_SERVER_VERSION} into ${dir} with ${go} (first time only: several minutes)…`,
    );
    if (!(await goInstall(go, PACKAGES[name], dir, logFile, log)) || !(await isExecutable(binaries[name]))) {
      const tail = (await readFile(logFile, 'utf8').catch(() => '')).split('\n').slice(-20).join('\n');
      throw new Error(
        [
          `Building ${PACKAGES[name]}@${TEMPORAL_SERVER_VERSION} failed (log: ${logFile}):`,
          tail,
          'If the installed Go is too old for the module, GOTOOLCHAIN=go1.25.<n> makes go fetch a newer toolchain.',
          'Or build it yourself:',
          ...manual,
        ].join('\n'),
      );
    }
  }
  return binaries;
}
