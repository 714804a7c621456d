import { defineConfig } from 'vitest/config';

/**
 * Three projects, one per layer of the test pyramid:
 * - unit: pure `domain/` logic, milliseconds each, no services;
 * - integration: workflows, activities and the API against a real Temporal dev server and PostgreSQL;
 * - browser: the demo pages in Chromium.
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/domain/**/*.test.ts', 'test/documents/**/*.test.ts'] } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/replay/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
