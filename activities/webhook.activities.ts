/**
 * @module
 * Delivering the spokesperson change feed to webhook subscribers. Each change is POSTed with an HMAC
 * signature; a non-2xx answer fails the activity so Temporal retries it with backoff until the receiver is
 * back. Idempotent: a change at or below the subscription's delivered mark is not sent again (receivers must
 * still tolerate a repeat after a crash between their 2xx and our bookkeeping: `X-PL-Change-Id` identifies it).
 * The secret never enters workflow history: it is read here.
 *
 * Every POST goes through `safeFetch` (outbound/safe-fetch.ts), which judges the target again at delivery time
 * (DNS may have changed since registration, or the row may not have come through the API). A refused target
 * is not retried: the subscription is switched off with the reason in `lastError`, and the activity fails
 * with the non-retryable type `UnsafeWebhookTarget`, which ends the delivery workflow visibly.
 */
import { createHmac } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { WebhookSubscription } from '../db/entities/index.ts';
import type { Em, Orm } from '../db/orm.ts';
import { readChanges, type FeedChange } from '../db/repositories/spokesperson-changes.ts';
import { createSafeFetch, UnsafeOutboundTargetError, type OutboundPolicy } from './outbound/safe-fetch.ts';

export interface WebhookBatch {
  active: boolean;
  changes: FeedChange[];
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` — receivers recompute and compare. */
export function signWebhook(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/** The failure type of a delivery refused by the outbound policy (never retried). */
export const UNSAFE_WEBHOOK_TARGET = 'UnsafeWebhookTarget';

/** A receiver's answer beyond this is not read: it only tells us 2xx or not. */
const MAX_RESPONSE_BYTES = 16 * 1024;

export function createWebhookActivities(deps: { orm: Orm; outbound?: OutboundPolicy }) {
  const send = createSafeFetch(deps.outbound);
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
          timeoutMs: 10_000,
          maxResponseBytes: MAX_RESPONSE_BYTES,
        });
        if (res.status >= 300 && res.status < 400)
          failure = `HTTP ${res.status} (redirects are not followed)`;
        else if (res.status < 200 || res.status >= 300) failure = `HTTP ${res.status}`;
      } catch (error) {
        if (error instanceof UnsafeOutboundTargetError)
          throw await refuse(em, subscriptionId, change.id, error);
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

/**
 * Records a refused target where operators look (the subscription's `lastError`, switched off; a log line with
 * the host but not the URL, whose path or query may hold a receiver's token) and builds the non-retryable
 * failure. Switching off keeps `GET /webhooks` truthful: nothing will be delivered until someone registers a
 * URL that passes (or lists this host:port in `OUTBOUND_ALLOW_HOSTS` and registers again).
 */
async function refuse(
  em: Em,
  subscriptionId: string,
  changeId: number,
  error: UnsafeOutboundTargetError,
): Promise<ApplicationFailure> {
  const { reason, host, address } = error;
  await em.nativeUpdate(
    WebhookSubscription,
    { id: subscriptionId },
    {
      active: false,
      lastError: `${new Date().toISOString()} change ${changeId}: refused, ${error.message}; delivery stopped (register a URL at a public address)`,
    },
  );
  console.error(
    JSON.stringify({
      level: 'warn',
      msg: 'webhook target refused',
      subscriptionId,
      changeId,
      reason,
      host,
      address,
    }),
  );
  return ApplicationFailure.nonRetryable(
    `Webhook ${subscriptionId} target refused: ${error.message}`,
    UNSAFE_WEBHOOK_TARGET,
    { reason, host, address: address ?? null },
  );
}
