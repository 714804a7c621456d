// Every recorded history must replay against the current workflow code: a change that would break running
// workflows fails here before it lands. Record new histories with `RECORD_HISTORIES=1 npm run test:integration`.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { describe, expect, it } from 'vitest';
import { WORKFLOWS_PATH, workflowBundle } from '../../worker/worker.ts';
import { testDataConverter } from '../support/payload-encryption.ts';

const dir = fileURLToPath(new URL('./histories/', import.meta.url));
const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();

async function loadHistory(file: string) {
  return historyFromJSON(
    JSON.parse(await readFile(path.join(dir, file), 'utf8')) as Parameters<typeof historyFromJSON>[0],
  );
}

describe('workflow replay', () => {
  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it.each(files)('replays %s against the current workflow code', async (file) => {
    // The tests' data converter: histories from before payload encryption pass through it unchanged, and
    // histories recorded since (encrypted with the test keys) are decrypted.
    const options = { workflowBundle: await workflowBundle(), dataConverter: testDataConverter };
    await Worker.runReplayHistory(options, await loadHistory(file), file);
  });

  it('catches an incompatible change', async () => {
    const changed = await bundleWorkflowCode({
      workflowsPath: fileURLToPath(new URL('./fixtures/changed.workflow.ts', import.meta.url)),
      logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} },
    });
    const history = await loadHistory(files[0]!);
    await expect(
      Worker.runReplayHistory({ workflowBundle: changed }, history, 'changed'),
    ).rejects.toBeInstanceOf(DeterminismViolationError);
    expect(WORKFLOWS_PATH).toMatch(/workflows[/\\]index\.ts$/);
  });
});
