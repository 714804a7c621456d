/**
 * @module
 * The e-mail channel (issue 11): a notification rendered by `renderEmail` (Vietnamese or English, plain text
 * and HTML, a link back to the contact) and sent over SMTP with nodemailer to `SMTP_URL`.
 *
 * The Message-ID is derived from the delivery key, so the same notification to the same person always carries
 * the same id: a send repeated after a crash (between the server's 250 and our bookkeeping) is recognisable as
 * a duplicate by any mail system. Exactly-once within our walls is the delivery table's job
 * (`activities/notification-delivery.activities.ts`).
 *
 * SMTP answers are sorted: 5xx (a mailbox that does not exist, a message refused) will not change by trying
 * again; connection errors and 4xx will.
 */
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import {
  deliveryKey,
  renderEmail,
  type DeliveryResult,
  type NotificationChannel,
  type NotificationRecipient,
  type StoredNotification,
} from '../../domain/notifications/index.ts';

export interface EmailChannelConfig {
  /** `smtp://host:port` or `smtps://user:pass@host:port` (`SMTP_URL`). */
  smtpUrl: string;
  /** The From header (`MAIL_FROM`). */
  from: string;
  /** Where links in the mail lead (`PUBLIC_BASE_URL`). */
  publicBaseUrl: string;
}

/** The default From header. */
export const DEFAULT_MAIL_FROM = 'Liên hệ báo chí <thongbao@press-liaison.local>';

/** The Message-ID of a notification's e-mail to a person: the same on every attempt. */
export function notificationMessageId(
  notification: StoredNotification,
  recipient: NotificationRecipient,
): string {
  const hash = createHash('sha256')
    .update(deliveryKey('email', notification, recipient))
    .digest('hex');
  return `<n${notification.id}.${hash.slice(0, 32)}@press-liaison.local>`;
}

export interface EmailChannel extends NotificationChannel {
  close(): void;
}

export function createEmailChannel(config: EmailChannelConfig): EmailChannel {
  const transport = nodemailer.createTransport(config.smtpUrl, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  } as never);
  return {
    name: 'email',
    close: () => transport.close(),
    async deliver(notification, recipient): Promise<DeliveryResult> {
      if (!recipient.email) return { status: 'skipped', reason: 'no_address' };
      const mail = renderEmail(notification, recipient, config.publicBaseUrl);
      const messageId = notificationMessageId(notification, recipient);
      try {
        await transport.sendMail({
          from: config.from,
          to: recipient.name ? { name: recipient.name, address: recipient.email } : recipient.email,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId,
          date: new Date(notification.createdAt),
          headers: {
            'X-PL-Notification-Id': notification.id,
            'X-PL-Notification-Type': notification.type,
            ...(notification.contactId ? { 'X-PL-Contact-Id': notification.contactId } : {}),
          },
        });
        return { status: 'delivered', at: Date.now(), reference: messageId };
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        const reason = error instanceof Error ? error.message : String(error);
        return { status: 'failed', retryable: !(code !== undefined && code >= 500), reason };
      }
    },
  };
}
