/**
 * @module
 * What an outgoing notification webhook carries (issue 11), by the receiver's kind:
 *
 * - `generic` — this product's JSON, for an IOffice, an SMS gateway or any relay: the notification (type,
 *   label, urgency, Vietnamese text, contact, link back) and the person it is for.
 * - `zalo_oa` — the body of Zalo OA's consultation message API (`POST /v3.0/oa/message/cs`): a text message to
 *   the follower's Zalo `user_id` with one button opening the contact (`oa.open.url`). The subscription's URL
 *   is the OA's relay, which adds the OA access token; the person's Zalo user id comes from the subscription.
 *
 * Pure: the webhook channel (`activities/notifications/webhook-channel.ts`) signs and sends what this returns.
 */
import type { NotificationRecipient, StoredNotification } from './channel.ts';
import { notificationLabel } from './labels.ts';
import { isUrgent } from './types.ts';

export const WEBHOOK_KINDS = ['generic', 'zalo_oa'] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

/** The `generic` body. */
export interface GenericNotificationPayload {
  /** The delivery's key: the same on every attempt, for receivers to drop repeats. */
  deliveryKey: string;
  notification: {
    id: string;
    type: string;
    label: string;
    urgent: boolean;
    text: string;
    contactId: string | null;
    link: string;
    createdAt: string;
  };
  recipient: { sub: string; name: string | null; email: string | null; externalId: string | null };
}

export function genericPayload(
  notification: StoredNotification,
  recipient: NotificationRecipient,
  options: { deliveryKey: string; link: string; externalId?: string | undefined },
): GenericNotificationPayload {
  return {
    deliveryKey: options.deliveryKey,
    notification: {
      id: notification.id,
      type: notification.type,
      label: notificationLabel(notification.type, 'vi'),
      urgent: isUrgent(notification.type),
      text: notification.text,
      contactId: notification.contactId,
      link: options.link,
      createdAt: new Date(notification.createdAt).toISOString(),
    },
    recipient: {
      sub: recipient.sub,
      name: recipient.name ?? null,
      email: recipient.email ?? null,
      externalId: options.externalId ?? null,
    },
  };
}

/** Zalo OA's consultation message with a button (the `message/cs` body). */
export interface ZaloOaMessage {
  recipient: { user_id: string };
  message: {
    text: string;
    attachment: {
      type: 'template';
      payload: { buttons: { title: string; type: 'oa.open.url'; payload: { url: string } }[] };
    };
  };
}

/** Zalo limits a text message to 2,000 characters and a button title to 100. */
export const ZALO_LIMITS = { text: 2000, buttonTitle: 100 } as const;

const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/**
 * The Zalo OA message for `notification` to the follower `userId`: the label (urgent ones marked), the contact
 * and the Vietnamese text, with a button opening `link`.
 *
 * @example
 * ```ts
 * toZaloOaMessage(n, { sub: 'a', locale: 'vi' }, { userId: '2468', link: 'https://…?contact=c-1' });
 * // { recipient: { user_id: '2468' }, message: { text: '…', attachment: { type: 'template', payload: { buttons: [ … ] } } } }
 * ```
 */
export function toZaloOaMessage(
  notification: StoredNotification,
  recipient: NotificationRecipient,
  options: { userId: string; link: string },
): ZaloOaMessage {
  const locale = recipient.locale;
  const label = notificationLabel(notification.type, locale);
  const urgent = isUrgent(notification.type) ? (locale === 'vi' ? '[KHẨN] ' : '[URGENT] ') : '';
  const about = notification.contactId ? ` (${notification.contactId})` : '';
  const text = clip(`${urgent}${label}${about}\n${notification.text}`, ZALO_LIMITS.text);
  const title = notification.contactId
    ? locale === 'vi'
      ? 'Mở hồ sơ'
      : 'Open the contact'
    : locale === 'vi'
      ? 'Mở danh bạ'
      : 'Open the registry';
  return {
    recipient: { user_id: options.userId },
    message: {
      text,
      attachment: {
        type: 'template',
        payload: {
          buttons: [
            {
              title: clip(title, ZALO_LIMITS.buttonTitle),
              type: 'oa.open.url',
              payload: { url: options.link },
            },
          ],
        },
      },
    },
  };
}
