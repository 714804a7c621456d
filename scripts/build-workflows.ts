/**
 * `npm run build:workflows [file]`: bundles the workflow code once, at deployment, into `file` (default
 * `dist/workflows/workflow-bundle.js`), for workers started with `WORKFLOW_BUNDLE=<file>`. Build it from the
 * same checkout the workers run: a bundle from other code would run other workflow code.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflows } from '../worker/worker.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Writes the bundle to `file`; returns its size in bytes. */
export async function buildWorkflowBundle(file: string): Promise<number> {
  const { code } = await bundleWorkflows();
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, code);
  return Buffer.byteLength(code);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = path.resolve(process.argv[2] ?? path.join(root, 'dist/workflows/workflow-bundle.js'));
  const started = performance.now();
  const bytes = await buildWorkflowBundle(file);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Workflow bundle: ${file} (${(bytes / 1024 / 1024).toFixed(1)} MB, ${seconds} s).`);
  console.log(`Start workers with WORKFLOW_BUNDLE=${file}`);
}
