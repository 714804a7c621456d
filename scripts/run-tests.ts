/**
 * Runs Vitest with the project's temp folder (Node's compile cache and browser profiles otherwise pile up
 * in /tmp). Extra arguments pass through, e.g. `node scripts/run-tests.ts --project unit`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tmp = path.join(root, '.tmp');
mkdirSync(tmp, { recursive: true });
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const result = spawnSync(process.execPath, [vitest, 'run', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TMPDIR: tmp },
});
process.exit(result.status ?? 1);
