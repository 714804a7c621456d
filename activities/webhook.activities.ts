/**
 * @module
 * Delivering the spokesperson change feed to webhook subscribers. Each change is POSTed with an HMAC
 * signature; a non-2xx answer fails the activity so Temporal retries it with backoff until the receiver is
 * back. Idempotent: a change at or below the subscription's delivered mark is not sent again (receivers must
 * still tolerate a repeat after a crash between their 2xx and our bookkeeping: `X-PL-Change-Id` identifies it).
 * The secret never enters workflow history: it is read here.
 */
import { createHmac } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { WebhookSubscription } from '../db/entities/index.ts';
import type { Orm } from '../db/orm.ts';
import { readChanges, type FeedChange } from '../db/repositories/spokesperson-changes.ts';

export interface WebhookBatch {
  active: boolean;
  changes: FeedChange[];
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` — receivers recompute and compare. */
export function signWebhook(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

export function createWebhookActivities(deps: { orm: Orm; fetch?: typeof fetch }) {
  const send = deps.fetch ?? fetch;
  return {
    async nextWebhookBatch({
      subscriptionId,
      limit,
    }: {
      subscriptionId: string;
      limit: number;
    }): Promise<WebhookBatch> {
      const em = deps.orm.em.fork();
      const sub = await em.findOne(WebhookSubscription, { id: subscriptionId });
      if (!sub?.active) return { active: false, changes: [] };
      return {
        active: true,
        changes: await readChanges(em, Number(sub.deliveredUpTo), limit, sub.provinceId ?? undefined),
      };
    },

    async deliverWebhookChange({
      subscriptionId,
      change,
    }: {
      subscriptionId: string;
      change: FeedChange;
    }): Promise<void> {
      const em = deps.orm.em.fork();
      const sub = await em.findOne(WebhookSubscription, { id: subscriptionId });
      if (!sub?.active || Number(sub.deliveredUpTo) >= change.id) return;
      const body = JSON.stringify(change);
      let failure: string | undefined;
      try {
        const res = await send(sub.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'press-liaison-webhooks/1',
            'x-pl-change-id': String(change.id),
            'x-pl-signature': signWebhook(sub.secret, body, Math.floor(Date.now() / 1000)),
          },
          body,
          signal: AbortSignal.timeout(10_000),
          redirect: 'error',
        });
        if (!res.ok) failure = `HTTP ${res.status}`;
        await res.body?.cancel();
      } catch (error) {
        failure = error instanceof Error ? error.message : String(error);
      }
      if (failure) {
        await em.nativeUpdate(
          WebhookSubscription,
          { id: subscriptionId },
          { lastError: `${new Date().toISOString()} change ${change.id}: ${failure}` },
        );
        throw ApplicationFailure.retryable(
          `Webhook ${subscriptionId} refused change ${change.id}: ${failure}`,
          'WebhookDeliveryFailed',
        );
      }
      await em.execute(
        `update webhook_subscription set delivered_up_to = greatest(delivered_up_to, ?), last_delivered_at = now(), last_error = null where id = ?`,
        [change.id, subscriptionId],
      );
    },
  };
}
