/**
 * One real Temporal dev server for the whole test run (in memory, headless, on a free port), shared by the
 * integration and browser projects through Vitest's `provide`/`inject`.
 */
import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';
import { startDevServer } from '../../server/temporal-dev-server.ts';
import { findTemporalCli } from '../../server/temporal-binary.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

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
