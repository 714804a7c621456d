/**
 * @module
 * Who has read which notification (issue 11, the in-app channel). A notification may be addressed to a group —
 * an agency's clerks, a province's supervisors — so read state belongs to the person, not to the notification:
 * one row per (notification, person), written once (`on conflict do nothing`: reading twice keeps the first
 * `read_at`). No row means unread. Written and read by `api/services/notifications.ts`.
 */
import { defineEntity, p } from '@mikro-orm/core';

export const NotificationRead = defineEntity({
  name: 'NotificationRead',
  tableName: 'notification_read',
  primaryKeys: ['notificationId', 'sub'],
  properties: {
    /** `notification.id`. */
    notificationId: p.bigint('number').primary(),
    /** The reader's identity-provider subject. */
    sub: p.string().length(200).primary(),
    readAt: p.datetime(),
  },
});
