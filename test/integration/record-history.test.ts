// Issue 7: `npm run replay:record` pointed at a script that did not exist. scripts/record-history.ts records a
// scenario's history; what it writes must replay exactly as the replay test replays the committed histories.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { nextPrefix, recordScenario, SCENARIOS } from '../../scripts/record-history.ts';
import { testDataConverter } from '../support/payload-encryption.ts';

let out: string;
beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'record-history-'));
});
afterAll(async () => rm(out, { recursive: true, force: true }));

describe('scripts/record-history.ts', () => {
  it('has a scenario for every committed history', async () => {
    const committed = await readdir(new URL('../replay/histories/', import.meta.url));
    const names = committed.map((f) => /^v\d+-(.*)\.json$/.exec(f)?.[1]).filter(Boolean);
    expect(new Set(names)).toEqual(new Set(Object.keys(SCENARIOS)));
    expect(await nextPrefix(out)).toBe('v1');
  });

  it('records a scenario that replays against the current workflow code', async () => {
    const file = await recordScenario('follow-up', {
      prefix: 'vtest',
      outDir: out,
      address: inject('temporalAddress'),
    });
    expect(file).toBe(path.join(out, 'vtest-follow-up.json'));
    const history = historyFromJSON(
      JSON.parse(await readFile(file, 'utf8')) as Parameters<typeof historyFromJSON>[0],
    );
    const types = (history.events ?? []).map((e) => e.eventType);
    expect(types.length).toBeGreaterThan(10);
    // Loaded after the recording, as the replay test loads it: the product's modules in the order it loads them.
    const { workflowBundle } = await import('../../worker/worker.ts');
    const options = { workflowBundle: await workflowBundle(), dataConverter: testDataConverter };
    await Worker.runReplayHistory(options, history, 'vtest-follow-up');
  }, 120_000);
});
