/**
 * Runs Vitest with the project's temp folder (Node's compile cache and browser profiles otherwise pile up
 * in /tmp), then prints one plain summary line, `N passed, N failed, N skipped`, that any CI can read.
 * Extra arguments pass through, e.g. `node scripts/run-tests.ts --project unit`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tmp = path.join(root, '.tmp');
mkdirSync(tmp, { recursive: true });
const report = path.join(tmp, 'vitest-report.json');
rmSync(report, { force: true });
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const result = spawnSync(
  process.execPath,
  [
    vitest,
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, TMPDIR: tmp } },
);

try {
  const totals = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  console.log(
    `\n${totals.numPassedTests} passed, ${totals.numFailedTests} failed, ${totals.numPendingTests + totals.numTodoTests} skipped`,
  );
} catch {
  console.log('\nNo test report was written: Vitest did not finish.');
}
process.exit(result.status ?? 1);
