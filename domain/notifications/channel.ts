/**
 * @module
 * One interface for every way a notification reaches a person (SPEC C7, issue 11): in-app, e-mail over SMTP and
 * outgoing webhooks (IOffice, Zalo OA, SMS gateways).
 *
 * The notification is written once, as a row of the `notification` table, in the same transaction as what
 * caused it (the contact's event in `activities/contact.activities.ts`, a message in `api/services/messages.ts`,
 * a registry notice in `activities/registry.activities.ts`); its `key` makes that write idempotent. Channels
 * then deliver the stored row:
 *
 * - **in-app** is the store itself: the row is listed by `GET /api/v1/notifications` and pushed over the live
 *   stream, read state is kept per person (`notification_read`). {@link inAppChannel} only says so.
 * - **e-mail** and **webhooks** (to come) run one idempotent activity per notification, recipient and channel,
 *   keyed by {@link deliveryKey}, never by Temporal's activity id. A channel answers with a
 *   {@link DeliveryResult} instead of throwing for what is not a fault (no address, not wanted, quiet hours);
 *   a failing channel is retried by its own activity and never blocks or fails the contact's workflow.
 * - Each person chooses channels per notification type; a channel that waits for office hours sends an urgent
 *   type at once (`isUrgent`, `domain/notifications/types.ts`).
 *
 * A group recipient (an agency's clerks, a province's supervisors) is expanded to persons before delivery, by
 * the same rule the in-app list uses (`api/services/notifications.ts`, `receivesNotification` in
 * `api/change-stream.ts`).
 */
import type { Recipient } from '../contact/notifications.ts';

/** The channels, in the order a preferences screen would show them. */
export const CHANNEL_NAMES = ['in_app', 'email', 'webhook'] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

/** A notification as stored: what every channel delivers. */
export interface StoredNotification {
  /** The row's id (a serial, as a string). */
  id: string;
  /** The idempotency key of the notification itself: `<contact>:<seq>:<n>`, `<contact>:message:<id>:<n>`, `stale:<agency>:<day>`. */
  key: string;
  /** One of `NOTIFICATION_TYPES`, or a type a newer version wrote. */
  type: string;
  /** Vietnamese text, shown as is; it never quotes a message or personal data beyond names and subjects. */
  text: string;
  /** The contact it is about; null for registry notices. */
  contactId: string | null;
  /** Where a registry notice leads (`registry:<agency>`); null for contact notifications. */
  link: string | null;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Whom it was addressed to: a person, an agency's roles or a province's supervisors. */
  recipient: Recipient;
}

/** One person a notification is delivered to, with what a channel may need to reach them. */
export interface NotificationRecipient {
  sub: string;
  name?: string | undefined;
  /** The language of templates (Vietnamese unless the person chose English). */
  locale: 'vi' | 'en';
  /** The e-mail address, for the e-mail channel. */
  email?: string | undefined;
  /** Whether the person works for an agency or is a journalist (where a link back leads). */
  kind?: 'agency' | 'journalist' | undefined;
  /** The person's agency, when they work for one (whose webhook subscriptions reach them). */
  agencyId?: string | undefined;
  /** For the webhook channel: the subscription (`notification_webhook.id`) this delivery goes to. */
  webhookId?: string | undefined;
}

/** What one delivery came to. */
export type DeliveryResult =
  /** Sent (or, in-app, stored); `reference` is the channel's own id (an SMTP message id, a webhook delivery). */
  | { status: 'delivered'; at: number; reference?: string | undefined }
  /** Not sent, and never will be: the person did not choose this channel for the type, or has no address. */
  | { status: 'skipped'; reason: 'not_chosen' | 'no_address' }
  /** Held until `until` (epoch ms): outside office hours for a type that is not urgent. */
  | { status: 'deferred'; until: number }
  /** Failed; a `retryable` failure is tried again by the delivering activity. */
  | { status: 'failed'; retryable: boolean; reason: string };

/** A way to deliver notifications. Implementations live outside `domain/` (they do I/O), except in-app's. */
export interface NotificationChannel {
  readonly name: ChannelName;
  /**
   * Delivers `notification` to `recipient`. Must be idempotent under {@link deliveryKey}: called again with the
   * same notification and recipient (an activity retried), it sends nothing twice.
   */
  deliver(notification: StoredNotification, recipient: NotificationRecipient): Promise<DeliveryResult>;
}

/**
 * The business key of one delivery: the same notification, recipient and channel never send twice.
 *
 * @example
 * ```ts
 * deliveryKey('email', { key: 'c-1:4:0' }, { sub: 'yte-van-thu' }); // 'email:c-1:4:0:yte-van-thu'
 * ```
 */
export function deliveryKey(
  channel: ChannelName,
  notification: Pick<StoredNotification, 'key'>,
  recipient: Pick<NotificationRecipient, 'sub'>,
): string {
  return `${channel}:${notification.key}:${recipient.sub}`;
}

/**
 * The in-app channel: storing the row was the delivery (the list and the live stream read it), so there is
 * nothing left to send.
 */
export const inAppChannel: NotificationChannel = {
  name: 'in_app',
  deliver: (notification) => Promise.resolve({ status: 'delivered', at: notification.createdAt }),
};
