/**
 * @module
 * The durable loop that sends notifications outside the app (issue 11): plan what is new (recipients,
 * preferences, quiet hours), then send what is due, a few at a time, then wait for a poke or the next poll.
 * One instance per namespace (`NOTIFICATION_DELIVERY_WORKFLOW_ID`); continues as new to keep history short.
 *
 * Every step is an idempotent activity keyed in the database (`activities/notification-delivery.activities.ts`),
 * so a retried activity or a replayed loop sends nothing twice. A channel's failure is recorded by the activity,
 * not thrown: this loop never stops for one receiver, and contacts' workflows never wait for it.
 */
import { condition, continueAsNew, proxyActivities, setHandler } from '@temporalio/workflow';
import type { NotificationDeliveryActivities } from '../activities/notification-delivery.activities.ts';
import { notificationsAvailableSignal, stopDeliverySignal } from './messages.ts';

export interface NotificationDeliveryInput {
  /** How long to wait for a poke before looking again (default 5 seconds). */
  pollInterval?: string;
  /** Deliveries sent at the same time (default 4). */
  concurrency?: number;
}

const ROUNDS_BEFORE_CONTINUE_AS_NEW = 200;

export async function notificationDeliveryWorkflow(input: NotificationDeliveryInput = {}): Promise<void> {
  const { planNotificationDeliveries, dueNotificationDeliveries, deliverNotification } =
    proxyActivities<NotificationDeliveryActivities>({
      startToCloseTimeout: '1 minute',
      // Retries cover the database or the worker going away; a channel's failure is never thrown.
      retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
    });
  let poked = false;
  let stopped = false;
  setHandler(notificationsAvailableSignal, () => {
    poked = true;
  });
  setHandler(stopDeliverySignal, () => {
    stopped = true;
  });
  const concurrency = Math.max(1, input.concurrency ?? 4);

  for (let round = 0; round < ROUNDS_BEFORE_CONTINUE_AS_NEW; round++) {
    if (stopped) return;
    const plan = await planNotificationDeliveries({ limit: 50 });
    const due = await dueNotificationDeliveries({ limit: 50 });
    for (let i = 0; i < due.ids.length && !stopped; i += concurrency)
      await Promise.all(due.ids.slice(i, i + concurrency).map((id) => deliverNotification({ id })));
    // Something was sent: the next of a subscriber's queue may be due now.
    if (plan.more || due.ids.length > 0) continue;
    await condition(() => poked || stopped, input.pollInterval ?? '5 seconds');
    poked = false;
  }
  await continueAsNew<typeof notificationDeliveryWorkflow>(input);
}
