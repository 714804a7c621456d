// A workflow bundle built at deployment (`npm run build:workflows`, `WORKFLOW_BUNDLE`) runs the same workflow
// code as bundling at start: the newest committed history replays against it. Anything else is refused.
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { parseWorkflowCode, Worker } from '@temporalio/worker/lib/worker.js';
import { ReusableVMWorkflowCreator } from '@temporalio/worker/lib/workflow/reusable-vm.js';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { buildWorkflowBundle } from '../../scripts/build-workflows.ts';
import { bundleWorkflows, loadWorkflowBundle } from '../../worker/worker.ts';
import { testDataConverter } from '../support/payload-encryption.ts';

const histories = fileURLToPath(new URL('../replay/histories/', import.meta.url));

describe('a prebuilt workflow bundle', () => {
  it('replays the newest recorded history', async () => {
    const dir = await mkdtemp(path.join(process.env.TMPDIR ?? '/tmp', 'pl-bundle-'));
    const file = path.join(dir, 'workflow-bundle.js');
    expect(await buildWorkflowBundle(file)).toBeGreaterThan(100_000);
    const newest = (await readdir(histories))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .at(-1)!;
    const history = historyFromJSON(
      JSON.parse(await readFile(path.join(histories, newest), 'utf8')) as Parameters<
        typeof historyFromJSON
      >[0],
    );
    const workflowBundle = await loadWorkflowBundle(file);
    await Worker.runReplayHistory({ workflowBundle, dataConverter: testDataConverter }, history, newest);
  });

  it('holds one build of each package: every new workflow evaluates the modules it holds', async () => {
    const { code } = await bundleWorkflows();
    // Webpack names each module by its path: `./node_modules/<package>/<build folder>/…`.
    const builds = new Map<string, Set<string>>();
    for (const [, pkg, build] of code.matchAll(
      /^\/\*\*\*\/ "\.\/node_modules\/((?:@[^/"]+\/)?[^/"]+)\/((?:build|dist)\/[^/"]+)\//gm,
    ))
      builds.set(pkg!, (builds.get(pkg!) ?? new Set()).add(build!));
    // The tracing SDK is one the bundle holds (the workflow interceptors), so the check checks something.
    expect(builds.get('@opentelemetry/sdk-trace-base')?.size).toBe(1);
    const twice = [...builds]
      .filter(([, set]) => set.size > 1)
      .map(([pkg, set]) => `${pkg}: ${[...set].join(', ')}`);
    expect(twice).toEqual([]);
  });

  it('refuses a missing file and a file that is not a bundle, naming WORKFLOW_BUNDLE', async () => {
    const dir = await mkdtemp(path.join(process.env.TMPDIR ?? '/tmp', 'pl-bundle-'));
    await expect(loadWorkflowBundle(path.join(dir, 'missing.js'))).rejects.toThrow(
      /WORKFLOW_BUNDLE: cannot read/,
    );
    const other = path.join(dir, 'other.js');
    await writeFile(other, 'export const x = 1;\n');
    await expect(loadWorkflowBundle(other)).rejects.toThrow(/WORKFLOW_BUNDLE: .* is not a workflow bundle/);
  });
});

/** The SDK's reusable context creator, with its V8 context in reach of the test. */
class InspectableCreator extends ReusableVMWorkflowCreator {
  get sandbox(): vm.Context {
    return this.context;
  }
}

describe('the workflow sandbox', () => {
  it("keeps WORKFLOW_STACK_FRAMES stack frames, set before any workflow and beyond a workflow's reach", async () => {
    const { code } = await bundleWorkflows({ WORKFLOW_STACK_FRAMES: '3' });
    // The SDK's own reusable context, as a worker thread builds it: preloaded modules run, then globals freeze.
    const creator = await InspectableCreator.create(
      parseWorkflowCode(code, 'workflow-bundle-stack-frames.js'),
      5_000,
      new Set<string>(),
    );
    try {
      expect(vm.runInContext('Error.stackTraceLimit', creator.sandbox)).toBe(3);
      expect(vm.runInContext('Error.stackTraceLimit = 50; Error.stackTraceLimit', creator.sandbox)).toBe(3);
      const frames = vm.runInContext(
        '(function a() { return (function b() { return (function c() { return (function d() { return new Error().stack; })(); })(); })(); })()',
        creator.sandbox,
      ) as string;
      expect(frames.split('\n').filter((line) => line.trim().startsWith('at '))).toHaveLength(3);
    } finally {
      await creator.destroy();
    }
  });
});
