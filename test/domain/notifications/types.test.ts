/**
 * The notification types and their urgency (issue 11): escalations and new difficulty reports are urgent, every
 * other type waits for office hours on channels that wait; a type this version does not know is not urgent.
 * The in-app channel delivers by storing; a delivery's key names the channel, the notification and the person.
 */
import { describe, expect, it } from 'vitest';
import {
  deliveryKey,
  inAppChannel,
  isNotificationKind,
  isUrgent,
  NOTIFICATION_KINDS,
  NOTIFICATION_TYPES,
  type StoredNotification,
} from '../../../domain/notifications/index.ts';

describe('notification types', () => {
  it('makes escalations and new difficulty reports urgent, and nothing else', () => {
    expect(NOTIFICATION_KINDS.filter(isUrgent)).toEqual(['new_difficulty_report', 'escalated']);
    expect(isUrgent('message')).toBe(false);
    expect(isUrgent('overdue')).toBe(false);
  });

  it('treats a type it does not know as not urgent, and as unknown', () => {
    expect(isUrgent('major_event_from_a_newer_worker')).toBe(false);
    expect(isNotificationKind('toString')).toBe(false);
    expect(isNotificationKind('spokespersons_stale')).toBe(true);
  });

  it('says what each type is about: registry notices carry a link, the others a contact', () => {
    expect(NOTIFICATION_KINDS.filter((k) => NOTIFICATION_TYPES[k].about === 'registry')).toEqual([
      'spokespersons_stale',
    ]);
  });
});

describe('channels', () => {
  const notification: StoredNotification = {
    id: '42',
    key: 'c-1:4:0',
    type: 'message',
    text: 'Tin nhắn mới',
    contactId: 'c-1',
    link: null,
    createdAt: Date.UTC(2026, 11, 2, 3),
    recipient: { kind: 'agency_role', agencyId: 'qt-so-yte', roles: ['agency_staff'] },
  };

  it('keys a delivery by channel, notification and person', () => {
    expect(deliveryKey('email', notification, { sub: 'yte-van-thu' })).toBe('email:c-1:4:0:yte-van-thu');
    expect(deliveryKey('webhook', notification, { sub: 'yte-van-thu' })).not.toBe(
      deliveryKey('email', notification, { sub: 'yte-van-thu' }),
    );
  });

  it('delivers in-app by the stored row itself, at its creation', async () => {
    expect(inAppChannel.name).toBe('in_app');
    expect(await inAppChannel.deliver(notification, { sub: 'yte-van-thu', locale: 'vi' })).toEqual({
      status: 'delivered',
      at: notification.createdAt,
    });
  });
});
