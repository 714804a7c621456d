/**
 * @module
 * The API's side of webhook delivery: start a subscription's delivery workflow, stop it, and nudge every
 * active one after a change commits (a lost nudge only delays delivery until the workflow's next poll).
 */
import type { Client } from '@temporalio/client';
import { WebhookSubscription } from '../db/entities/index.ts';
import type { Orm } from '../db/orm.ts';
import { changesAvailableSignal, stopDeliverySignal, TASK_QUEUE } from '../workflows/messages.ts';
import type { WebhookDeliveryInput } from '../workflows/webhook-delivery.workflow.ts';
import { translateTemporalError } from './contact-workflows.ts';

export const webhookWorkflowId = (subscriptionId: string) => `webhook-${subscriptionId}`;

export class WebhookDeliveries {
  readonly #client: Client;
  readonly #orm: Orm;
  readonly #taskQueue: string;
  readonly #startTimeoutMs: number;
  readonly #options: Omit<WebhookDeliveryInput, 'subscriptionId'>;

  constructor(
    client: Client,
    orm: Orm,
    options: {
      taskQueue?: string;
      /** How long starting a delivery may wait for Temporal before the API answers 503. */
      startTimeoutMs?: number;
    } & Omit<WebhookDeliveryInput, 'subscriptionId'> = {},
  ) {
    this.#client = client;
    this.#orm = orm;
    const { taskQueue, startTimeoutMs, ...rest } = options;
    this.#taskQueue = taskQueue ?? TASK_QUEUE;
    this.#startTimeoutMs = startTimeoutMs ?? 10_000;
    this.#options = rest;
  }

  /**
   * Starts the subscription's delivery workflow (or finds it started).
   * @throws ServiceUnavailableError when Temporal cannot be reached in time.
   */
  async start(subscriptionId: string): Promise<void> {
    try {
      await this.#client.withDeadline(Date.now() + this.#startTimeoutMs, () =>
        this.#client.workflow.start('webhookDeliveryWorkflow', {
          workflowId: webhookWorkflowId(subscriptionId),
          taskQueue: this.#taskQueue,
          args: [{ subscriptionId, ...this.#options } satisfies WebhookDeliveryInput],
          workflowIdConflictPolicy: 'USE_EXISTING',
          staticSummary: `Webhook delivery for subscription ${subscriptionId}`,
        }),
      );
    } catch (error) {
      throw translateTemporalError(error);
    }
  }

  async stop(subscriptionId: string): Promise<void> {
    await this.#client.workflow
      .getHandle(webhookWorkflowId(subscriptionId))
      .signal(stopDeliverySignal)
      .catch(() => undefined);
  }

  /** Wakes every active subscription's delivery loop. Never throws: delivery also polls. */
  async poke(): Promise<void> {
    try {
      const subs = await this.#orm.em.fork().find(WebhookSubscription, { active: true }, { fields: ['id'] });
      await Promise.all(
        subs.map((s) =>
          this.#client.workflow
            .getHandle(webhookWorkflowId(s.id))
            .signal(changesAvailableSignal)
            .catch(() => undefined),
        ),
      );
    } catch (error) {
      console.error(JSON.stringify({ level: 'warn', msg: 'webhook poke failed', error: String(error) }));
    }
  }
}
