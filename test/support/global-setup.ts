/**
 * One real Temporal dev server for the whole test run (in memory, headless, on a free port), shared by the
 * integration and browser projects through Vitest's `provide`/`inject`.
 */
import { freePort } from '../../scripts/product-process.ts';
import type { TestProject } from 'vitest/node';
import { startDevServer } from '../../server/temporal-dev-server.ts';
import { findTemporalCli } from '../../server/temporal-binary.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
  }
}

/** Re-exported for the tests that start servers of their own. */
export { freePort };

export default async function setup(project: TestProject) {
  const external = process.env.TEMPORAL_ADDRESS;
  if (external) {
    project.provide('temporalAddress', external);
    return;
  }
  const server = await startDevServer({ binary: await findTemporalCli(), port: await freePort() });
  project.provide('temporalAddress', server.address);
  return async () => server.stop();
}
