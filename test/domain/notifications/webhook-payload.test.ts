/**
 * Outgoing notification webhooks (issue 11): the generic JSON and Zalo OA's consultation message with a button.
 */
import { describe, expect, it } from 'vitest';
import {
  genericPayload,
  toZaloOaMessage,
  ZALO_LIMITS,
  type StoredNotification,
} from '../../../domain/notifications/index.ts';

const notification: StoredNotification = {
  id: '17',
  key: 'c-2026-0007:5:0',
  type: 'escalated',
  text: 'Hồ sơ c-2026-0007 quá hạn 3 ngày làm việc, đã báo cáo Sở Văn hóa, Thể thao và Du lịch',
  contactId: 'c-2026-0007',
  link: null,
  createdAt: Date.parse('2026-12-04T12:00:00Z'),
  recipient: { kind: 'province_supervisors', provinceId: 'quang-tri' },
};
const link = 'https://pl.quangtri.gov.vn/demo/ioffice.html?contact=c-2026-0007';

describe('Zalo OA adapter', () => {
  it('maps a notification to a text message with a button opening the contact', () => {
    expect(
      toZaloOaMessage(notification, { sub: 'vhttdl-giam-sat', locale: 'vi' }, { userId: '8412345', link }),
    ).toEqual({
      recipient: { user_id: '8412345' },
      message: {
        text: `[KHẨN] Báo cáo Sở giám sát (c-2026-0007)\n${notification.text}`,
        attachment: {
          type: 'template',
          payload: { buttons: [{ title: 'Mở hồ sơ', type: 'oa.open.url', payload: { url: link } }] },
        },
      },
    });
  });

  it('speaks English to a person who chose it, marks only urgent types, and links registry notices', () => {
    const message = toZaloOaMessage(
      {
        ...notification,
        type: 'spokespersons_stale',
        contactId: null,
        link: 'registry:qt-so-yte',
        text: 'Cần xác nhận lại',
      },
      { sub: 'a', locale: 'en' },
      { userId: '1', link: 'https://x/registry' },
    );
    expect(message.message.text).toBe('Spokespersons to re-confirm\nCần xác nhận lại');
    expect(message.message.attachment.payload.buttons[0]).toEqual({
      title: 'Open the registry',
      type: 'oa.open.url',
      payload: { url: 'https://x/registry' },
    });
  });

  it('keeps within Zalo’s text limit', () => {
    const long = toZaloOaMessage(
      { ...notification, text: 'ư'.repeat(5000) },
      { sub: 'a', locale: 'vi' },
      { userId: '1', link },
    );
    expect(long.message.text).toHaveLength(ZALO_LIMITS.text);
    expect(long.message.text.endsWith('…')).toBe(true);
  });
});

describe('generic payload', () => {
  it('carries the notification, its label and urgency, the link back and the person', () => {
    expect(
      genericPayload(
        notification,
        { sub: 'vhttdl-giam-sat', locale: 'vi', name: 'Đặng Quốc Huy', email: 'h@example.vn' },
        { deliveryKey: 'webhook:c-2026-0007:5:0:vhttdl-giam-sat:nwh-1', link },
      ),
    ).toEqual({
      deliveryKey: 'webhook:c-2026-0007:5:0:vhttdl-giam-sat:nwh-1',
      notification: {
        id: '17',
        type: 'escalated',
        label: 'Báo cáo Sở giám sát',
        urgent: true,
        text: notification.text,
        contactId: 'c-2026-0007',
        link,
        createdAt: '2026-12-04T12:00:00.000Z',
      },
      recipient: { sub: 'vhttdl-giam-sat', name: 'Đặng Quốc Huy', email: 'h@example.vn', externalId: null },
    });
  });
});
