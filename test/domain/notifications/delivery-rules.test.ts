import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../../domain/calendar/index.ts';
import {
  channelsFor,
  defaultChannels,
  mergePreferences,
  NOTIFICATION_KINDS,
  notificationLabel,
  preferencesView,
  renderEmail,
  sendAt,
  type StoredNotification,
} from '../../../domain/notifications/index.ts';

/** An instant given as Vietnam local time (UTC+7). */
const vn = (local: string) => Date.parse(`${local}+07:00`);

describe('quiet hours (sendAt)', () => {
  const cal = defaultCalendar();

  it('sends at once within office hours', () => {
    expect(sendAt(cal, 'message', vn('2026-12-01T10:15:00'))).toBe(vn('2026-12-01T10:15:00'));
    expect(sendAt(cal, 'message', vn('2026-12-01T07:30:00'))).toBe(vn('2026-12-01T07:30:00'));
  });

  it('holds a Friday evening notice until Monday 07:30', () => {
    expect(sendAt(cal, 'message', vn('2026-12-04T19:00:00'))).toBe(vn('2026-12-07T07:30:00'));
    expect(sendAt(cal, 'new_request', vn('2026-12-04T17:00:01'))).toBe(vn('2026-12-07T07:30:00'));
  });

  it('holds an early-morning notice until 07:30 the same working day', () => {
    expect(sendAt(cal, 'assigned', vn('2026-12-02T06:00:00'))).toBe(vn('2026-12-02T07:30:00'));
  });

  it('holds a notice raised during Tết until the first working day after it', () => {
    // Tết Bính Ngọ 2026: off Saturday 14 – Sunday 22 February.
    expect(sendAt(cal, 'overdue', vn('2026-02-17T10:00:00'))).toBe(vn('2026-02-23T07:30:00'));
    expect(sendAt(cal, 'overdue', vn('2026-02-13T18:00:00'))).toBe(vn('2026-02-23T07:30:00'));
  });

  it('sends urgent types at once, any hour of any day', () => {
    for (const type of ['escalated', 'new_difficulty_report'])
      for (const at of [vn('2026-12-05T03:00:00'), vn('2026-02-17T22:00:00'), vn('2026-12-04T19:00:00')])
        expect(sendAt(cal, type, at)).toBe(at);
  });

  it('never holds in-app notifications, and holds nothing with office hours "always"', () => {
    expect(sendAt(cal, 'message', vn('2026-12-05T03:00:00'), 'in_app')).toBe(vn('2026-12-05T03:00:00'));
    const always = { ...cal, officeHours: 'always' as const };
    expect(sendAt(always, 'message', vn('2026-12-05T03:00:00'))).toBe(vn('2026-12-05T03:00:00'));
  });

  it('treats a type this version does not know as not urgent', () => {
    expect(sendAt(cal, 'from_the_future', vn('2026-12-04T19:00:00'))).toBe(vn('2026-12-07T07:30:00'));
  });
});

describe('channel preferences', () => {
  it('defaults urgent types and work landing on the desk to e-mail, the rest to in-app only', () => {
    expect(defaultChannels('escalated')).toEqual(['in_app', 'email']);
    expect(defaultChannels('new_difficulty_report')).toEqual(['in_app', 'email']);
    expect(defaultChannels('new_request')).toEqual(['in_app', 'email']);
    expect(defaultChannels('message')).toEqual(['in_app']);
    expect(defaultChannels('unknown_type')).toEqual(['in_app']);
  });

  it('honours a person’s choices, in-app always on', () => {
    const overrides = mergePreferences({}, { message: ['email', 'webhook'], escalated: [] });
    expect(channelsFor('message', overrides)).toEqual(['in_app', 'email', 'webhook']);
    expect(channelsFor('escalated', overrides)).toEqual(['in_app']);
    expect(channelsFor('overdue', overrides)).toEqual(['in_app', 'email']);
  });

  it('forgets a type set back to its defaults, and ignores in_app in an update', () => {
    const once = mergePreferences({}, { message: ['email'] });
    expect(once).toEqual({ message: ['email'] });
    expect(mergePreferences(once, { message: ['in_app'] })).toEqual({});
  });

  it('lists every type with its urgency', () => {
    const view = preferencesView({ message: ['webhook'] });
    expect(view.map((v) => v.type)).toEqual(NOTIFICATION_KINDS);
    expect(view.find((v) => v.type === 'message')).toEqual({
      type: 'message',
      urgent: false,
      channels: ['in_app', 'webhook'],
      isDefault: false,
    });
    expect(view.find((v) => v.type === 'escalated')?.urgent).toBe(true);
  });
});

describe('e-mail templates', () => {
  const notification: StoredNotification = {
    id: '42',
    key: 'c-2026-0001:3:0',
    type: 'escalated',
    text: 'Hồ sơ c-2026-0001 quá hạn đã được báo cáo Sở <Thông tin>',
    contactId: 'c-2026-0001',
    link: null,
    createdAt: vn('2026-12-04T19:00:00'),
    recipient: { kind: 'person', sub: 'syt-giam-doc' },
  };

  it('writes Vietnamese with the contact in the subject and a link back in both parts', () => {
    const mail = renderEmail(
      notification,
      { sub: 'a', locale: 'vi', name: 'Nguyễn Thị Hoa' },
      'http://127.0.0.1:3000/',
    );
    expect(mail.subject).toBe('[Liên hệ báo chí] KHẨN Báo cáo Sở giám sát: c-2026-0001');
    expect(mail.link).toBe('http://127.0.0.1:3000/demo/ioffice.html?contact=c-2026-0001');
    expect(mail.text).toContain('Kính gửi Nguyễn Thị Hoa,');
    expect(mail.text).toContain(notification.text);
    expect(mail.text).toContain(mail.link);
    expect(mail.html).toContain('<html lang="vi">');
    expect(mail.html).toContain('&lt;Thông tin&gt;');
    expect(mail.html).toContain(`href="${mail.link}"`);
  });

  it('writes English for a person who chose it, and links journalists to the portal', () => {
    const mail = renderEmail(
      { ...notification, type: 'answered' },
      { sub: 'pv', locale: 'en', kind: 'journalist' },
      'https://pl.example.vn',
    );
    expect(mail.subject).toBe('[Press Liaison] Answered: c-2026-0001');
    expect(mail.text).toContain('Hello,');
    expect(mail.text).toContain('Notification (in Vietnamese)');
    expect(mail.link).toBe('https://pl.example.vn/demo/portal.html?contact=c-2026-0001');
  });

  it('labels every type in both languages', () => {
    for (const type of NOTIFICATION_KINDS) {
      expect(notificationLabel(type, 'vi')).not.toBe('');
      expect(notificationLabel(type, 'en')).not.toBe('');
    }
  });
});
