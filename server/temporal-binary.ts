/**
 * @module
 * Finds the Temporal CLI (dev server + web UI), in this order: `TEMPORAL_CLI`, `PATH`, the project's cache
 * (`.cache/temporal/`), the SDK's own download (works where the internet is reachable), a build from the
 * pinned Go module when Go is installed; otherwise it explains how to install one.
 */
import { spawn } from 'node:child_process';
import { access, constants, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Temporal CLI 1.5.1 = Temporal Server 1.29; later tags carry a `replace` directive `go install` refuses. */
export const TEMPORAL_CLI_GO_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';
export const CACHE_DIR = fileURLToPath(new URL('../.cache/temporal/', import.meta.url));

type Log = (message: string) => void;

/** Whether `file` exists and this process may run it. */
export async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable `name` on `PATH`, if any. */
export async function onPath(name: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** Any `temporal` executable below `dir` (the SDK's download keeps versioned names). */
async function findIn(dir: string): Promise<string | undefined> {
  try {
    for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
      const full = path.join(entry.parentPath, entry.name);
      if (
        entry.isFile() &&
        /^temporal(-cli)?([-_.][\w.-]*)?$/.test(entry.name) &&
        !entry.name.endsWith('.tar.gz') &&
        (await isExecutable(full))
      )
        return full;
    }
  } catch {
    // no cache yet
  }
  return undefined;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, log: Log): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const tick = setInterval(
      () => log('  … still building the Temporal CLI (the first build takes a few minutes)'),
      30_000,
    );
    child.stderr.on('data', () => undefined);
    child.stdout.on('data', () => undefined);
    child.on('error', () => {
      clearInterval(tick);
      resolve(false);
    });
    child.on('exit', (code) => {
      clearInterval(tick);
      resolve(code === 0);
    });
  });
}

async function trySdkDownload(log: Log): Promise<string | undefined> {
  const downloadDir = path.join(CACHE_DIR, 'sdk-download');
  log('Temporal CLI not found; trying the Temporal SDK download…');
  try {
    const { TestWorkflowEnvironment } = await import('@temporalio/testing');
    const env = await TestWorkflowEnvironment.createLocal({
      server: { executable: { type: 'cached-download', downloadDir } },
    });
    await env.teardown();
  } catch {
    log('  the download is not reachable from here.');
  }
  return findIn(downloadDir);
}

async function tryGoBuild(log: Log): Promise<string | undefined> {
  const go = await onPath('go');
  if (!go) return undefined;
  log(`Building the Temporal CLI from ${TEMPORAL_CLI_GO_MODULE} with ${go} (first time only)…`);
  const ok = await run(go, ['install', TEMPORAL_CLI_GO_MODULE], { ...process.env, GOBIN: CACHE_DIR }, log);
  return ok ? findIn(CACHE_DIR) : undefined;
}

/** The path of a usable Temporal CLI, fetching or building one into the cache if needed. */
export async function findTemporalCli(log: Log = console.log): Promise<string> {
  const fromEnv = process.env.TEMPORAL_CLI;
  if (fromEnv) {
    if (await isExecutable(fromEnv)) return fromEnv;
    throw new Error(`TEMPORAL_CLI points to '${fromEnv}', which is not an executable file.`);
  }
  const found = (await onPath('temporal')) ?? (await findIn(CACHE_DIR));
  if (found) return found;
  await mkdir(CACHE_DIR, { recursive: true });
  const fetched = (await trySdkDownload(log)) ?? (await tryGoBuild(log));
  if (fetched) return fetched;
  throw new Error(
    [
      'No Temporal CLI found. Install one of these and run again:',
      '  - macOS: brew install temporal',
      '  - Linux/macOS: curl -sSf https://temporal.download/cli.sh | sh   (then add it to PATH)',
      `  - with Go installed: GOBIN=${CACHE_DIR} go install ${TEMPORAL_CLI_GO_MODULE}`,
      '  - or set TEMPORAL_CLI=/path/to/temporal, or TEMPORAL_ADDRESS to use an existing Temporal server.',
    ].join('\n'),
  );
}
