/**
 * @module
 * The daily sweep that prompts agencies to re-confirm spokesperson entries, started by a Temporal Schedule
 * (not a cron in the API process): it runs once whichever process is up, and its runs are visible in the UI.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { RegistryActivities } from '../activities/index.ts';

const { promptStaleSpokespersons } = proxyActivities<RegistryActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', maximumInterval: '10 minutes' },
});

export async function spokespersonStalenessWorkflow(input: {
  months: number;
}): Promise<{ agencies: number; entries: number }> {
  return promptStaleSpokespersons({ months: input.months, at: Date.now() });
}
