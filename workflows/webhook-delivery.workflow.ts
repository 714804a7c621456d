/**
 * @module
 * One durable delivery loop per webhook subscription: read the next changes after the subscriber's mark,
 * deliver them one at a time in order (retrying each until the receiver accepts it), then wait for new
 * changes (a signal from the API, or a poll). Continues as new periodically to keep history short.
 */
import { condition, continueAsNew, proxyActivities, setHandler } from '@temporalio/workflow';
import type { WebhookActivities } from '../activities/index.ts';
import { changesAvailableSignal, stopDeliverySignal } from './messages.ts';

export interface WebhookDeliveryInput {
  subscriptionId: string;
  /** How long to wait for a signal before looking for changes anyway. */
  pollInterval?: string;
  /** Cap of the retry backoff: a receiver back after an outage gets its changes within this long. */
  maxRetryInterval?: string;
}

const ROUNDS_BEFORE_CONTINUE_AS_NEW = 100;

export async function webhookDeliveryWorkflow(input: WebhookDeliveryInput): Promise<void> {
  const { nextWebhookBatch, deliverWebhookChange } = proxyActivities<WebhookActivities>({
    startToCloseTimeout: '20 seconds',
    retry: {
      initialInterval: '1 second',
      backoffCoefficient: 2,
      maximumInterval: input.maxRetryInterval ?? '1 minute',
    },
  });
  let poked = false;
  let stopped = false;
  setHandler(changesAvailableSignal, () => {
    poked = true;
  });
  setHandler(stopDeliverySignal, () => {
    stopped = true;
  });

  for (let round = 0; round < ROUNDS_BEFORE_CONTINUE_AS_NEW; round++) {
    if (stopped) return;
    const batch = await nextWebhookBatch({ subscriptionId: input.subscriptionId, limit: 20 });
    if (!batch.active) return;
    if (batch.changes.length === 0) {
      await condition(() => poked || stopped, input.pollInterval ?? '1 minute');
      poked = false;
      continue;
    }
    // Strictly one at a time: a receiver sees changes in feed order, and an outage holds back the rest.
    for (const change of batch.changes) {
      if (stopped) return;
      await deliverWebhookChange({ subscriptionId: input.subscriptionId, change });
    }
  }
  await continueAsNew<typeof webhookDeliveryWorkflow>(input);
}
