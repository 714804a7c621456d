/**
 * @module
 * The webhook channel for notifications (issue 11): POSTs a notification to one of the recipient's agency's
 * subscriptions (`notification_webhook`) — an IOffice, a Zalo OA relay, an SMS gateway — signed like the
 * spokesperson change feed (`signWebhook`: `X-PL-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`),
 * through the outbound policy (`safeFetch`: public addresses only, unless allow-listed).
 *
 * A 2xx is delivered; anything else is a retryable failure (the delivery table backs off, and the subscriber's
 * later notifications wait: in order per subscriber). A target the outbound policy refuses is a permanent
 * failure, recorded on the subscription. A person without an id at a Zalo OA is skipped (`no_address`).
 */
import {
  deliveryKey,
  genericPayload,
  notificationLink,
  toZaloOaMessage,
  type DeliveryResult,
  type NotificationChannel,
} from '../../domain/notifications/index.ts';
import type { Orm } from '../../db/orm.ts';
import { createSafeFetch, UnsafeOutboundTargetError, type OutboundPolicy } from '../outbound/safe-fetch.ts';
import { signWebhook } from '../webhook.activities.ts';

interface SubscriptionRow {
  id: string;
  kind: string;
  url: string;
  secret: string;
  active: boolean;
  recipient_ids: Record<string, string> | string | null;
}

/** The key of one webhook delivery: the notification, the person and the subscription. */
export function webhookDeliveryKey(notificationKey: string, sub: string, webhookId: string): string {
  return `${deliveryKey('webhook', { key: notificationKey }, { sub })}:${webhookId}`;
}

export function createWebhookChannel(deps: {
  orm: Orm;
  outbound?: OutboundPolicy | undefined;
  publicBaseUrl: string;
}): NotificationChannel {
  const send = createSafeFetch(deps.outbound);
  return {
    name: 'webhook',
    async deliver(notification, recipient): Promise<DeliveryResult> {
      const em = deps.orm.em.fork();
      const [sub] = recipient.webhookId
        ? await em.execute<SubscriptionRow[]>(
            `select id, kind, url, secret, active, recipient_ids from notification_webhook where id = ?`,
            [recipient.webhookId],
          )
        : [];
      if (!sub?.active) return { status: 'skipped', reason: 'no_address' };
      const ids =
        typeof sub.recipient_ids === 'string'
          ? (JSON.parse(sub.recipient_ids) as Record<string, string>)
          : (sub.recipient_ids ?? {});
      const externalId = Object.hasOwn(ids, recipient.sub) ? ids[recipient.sub] : undefined;
      const link = notificationLink(deps.publicBaseUrl, notification, recipient);
      const key = webhookDeliveryKey(notification.key, recipient.sub, sub.id);
      let body: string;
      if (sub.kind === 'zalo_oa') {
        if (!externalId) return { status: 'skipped', reason: 'no_address' };
        body = JSON.stringify(toZaloOaMessage(notification, recipient, { userId: externalId, link }));
      } else {
        body = JSON.stringify(
          genericPayload(notification, recipient, { deliveryKey: key, link, externalId }),
        );
      }
      try {
        const res = await send(sub.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'press-liaison-notifications/1',
            'x-pl-delivery-key': key,
            'x-pl-notification-id': notification.id,
            'x-pl-signature': signWebhook(sub.secret, body, Math.floor(Date.now() / 1000)),
          },
          body,
          timeoutMs: 10_000,
          maxResponseBytes: 16 * 1024,
        });
        if (res.status >= 200 && res.status < 300) {
          await em.execute(
            `update notification_webhook set last_error = null where id = ? and last_error is not null`,
            [sub.id],
          );
          return { status: 'delivered', at: Date.now(), reference: `${sub.id} HTTP ${res.status}` };
        }
        const reason =
          res.status >= 300 && res.status < 400
            ? `HTTP ${res.status} (redirects are not followed)`
            : `HTTP ${res.status}`;
        await noteError(sub.id, notification.id, reason);
        return { status: 'failed', retryable: true, reason };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        await noteError(sub.id, notification.id, reason);
        if (error instanceof UnsafeOutboundTargetError)
          return { status: 'failed', retryable: false, reason: `refused by the outbound policy: ${reason}` };
        return { status: 'failed', retryable: true, reason };
      }

      async function noteError(id: string, notificationId: string, reason: string) {
        await em.execute(`update notification_webhook set last_error = ? where id = ?`, [
          `${new Date().toISOString()} notification ${notificationId}: ${reason}`.slice(0, 2000),
          id,
        ]);
      }
    },
  };
}
