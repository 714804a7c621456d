/**
 * @module
 * The e-mail a notification becomes (issue 11): a subject naming the type and the contact, a plain-text part
 * and an HTML part, in the recipient's language (Vietnamese unless they chose English), with a link back to
 * the contact. Pure: the SMTP channel (`activities/notifications/email-channel.ts`) sends what this returns.
 *
 * The notification's own text is Vietnamese (it is written once, for every recipient); an English e-mail
 * labels it as such rather than pretending to translate it.
 */
import type { NotificationRecipient, StoredNotification } from './channel.ts';
import { notificationLabel } from './labels.ts';
import { isUrgent } from './types.ts';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  /** The link back to what the notification is about. */
  link: string;
}

/** Where a recipient opens what a notification is about, under `baseUrl` (`PUBLIC_BASE_URL`). */
export function notificationLink(
  baseUrl: string,
  notification: Pick<StoredNotification, 'contactId' | 'link'>,
  recipient: Pick<NotificationRecipient, 'kind'>,
): string {
  const base = baseUrl.replace(/\/+$/, '');
  const page = recipient.kind === 'journalist' ? 'portal.html' : 'ioffice.html';
  if (notification.contactId)
    return `${base}/demo/${page}?contact=${encodeURIComponent(notification.contactId)}`;
  if (notification.link?.startsWith('registry:'))
    return `${base}/demo/ioffice.html?agency=${encodeURIComponent(notification.link.slice('registry:'.length))}#registry`;
  return `${base}/demo/${page}`;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const WORDS = {
  vi: {
    product: 'Liên hệ báo chí',
    urgent: 'KHẨN',
    greeting: (name: string | undefined) => (name ? `Kính gửi ${name},` : 'Kính gửi anh/chị,'),
    contact: 'Hồ sơ',
    open: 'Mở hồ sơ',
    openRegistry: 'Mở danh bạ',
    textLabel: 'Nội dung',
    footer:
      'Thư này được gửi tự động từ hệ thống Liên hệ báo chí. Anh/chị có thể chọn kênh nhận thông báo trong phần cài đặt thông báo.',
  },
  en: {
    product: 'Press Liaison',
    urgent: 'URGENT',
    greeting: (name: string | undefined) => (name ? `Dear ${name},` : 'Hello,'),
    contact: 'Contact',
    open: 'Open the contact',
    openRegistry: 'Open the registry',
    textLabel: 'Notification (in Vietnamese)',
    footer:
      'This message was sent automatically by Press Liaison. You can choose how you are notified in your notification preferences.',
  },
} as const;

/**
 * The e-mail for `notification` to `recipient`.
 *
 * @example
 * ```ts
 * renderEmail(n, { sub: 'a', locale: 'vi' }, 'http://127.0.0.1:3000').subject;
 * // '[Liên hệ báo chí] Báo cáo Sở giám sát: c-2026-0001'
 * ```
 */
export function renderEmail(
  notification: StoredNotification,
  recipient: NotificationRecipient,
  baseUrl: string,
): RenderedEmail {
  const w = WORDS[recipient.locale];
  const label = notificationLabel(notification.type, recipient.locale);
  const urgent = isUrgent(notification.type);
  const about = notification.contactId ? `: ${notification.contactId}` : '';
  const subject = `[${w.product}]${urgent ? ` ${w.urgent}` : ''} ${label}${about}`;
  const link = notificationLink(baseUrl, notification, recipient);
  const action = notification.contactId ? w.open : w.openRegistry;
  const text = [
    w.greeting(recipient.name),
    '',
    `${urgent ? `${w.urgent}: ` : ''}${label}`,
    ...(notification.contactId ? [`${w.contact}: ${notification.contactId}`] : []),
    `${w.textLabel}: ${notification.text}`,
    '',
    `${action}: ${link}`,
    '',
    '-- ',
    w.footer,
    '',
  ].join('\n');
  const html = `<!doctype html>
<html lang="${recipient.locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: Arial, sans-serif; line-height: 1.5">
<p>${escapeHtml(w.greeting(recipient.name))}</p>
<h1 style="font-size: 1.2em">${urgent ? `<strong style="color:#b00020">${w.urgent}</strong> ` : ''}${escapeHtml(label)}</h1>
${notification.contactId ? `<p>${w.contact}: <strong>${escapeHtml(notification.contactId)}</strong></p>\n` : ''}<p lang="vi">${escapeHtml(notification.text)}</p>
<p><a href="${escapeHtml(link)}">${escapeHtml(action)}</a></p>
<hr><p style="color:#555; font-size: 0.9em">${escapeHtml(w.footer)}</p>
</body></html>
`;
  return { subject, text, html, link };
}
