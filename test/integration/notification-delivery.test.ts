// Issue 11: stored notifications reach people by e-mail. A real SMTP server (smtp-server, the catch-all of
// `npm start`) listens on 127.0.0.1 at a random port; the worker's e-mail channel sends to it with nodemailer.
// Recipients are expanded to persons through the registry's memberships, each person's channel preferences and
// language are honoured, quiet hours hold non-urgent mail, and a delivery retried or planned again sends once.
import { randomBytes } from 'node:crypto';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import {
  createNotificationDeliveryActivities,
  type NotificationDeliveryConfig,
} from '../../activities/notification-delivery.activities.ts';
import { createEmailChannel, notificationMessageId } from '../../activities/notifications/email-channel.ts';
import { devMailRoutes } from '../../api/routes/dev-mail.ts';
import { mailFrom } from '../../server/config.ts';
import { startMailCatcher, type MailCatcher } from '../../server/mail-catcher.ts';
import { createWorker } from '../../worker/worker.ts';
import { notificationDeliveryWorkflow } from '../../workflows/notification-delivery.workflow.ts';
import { eventually } from '../support/api-helpers.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { testDataConverter } from '../support/payload-encryption.ts';

let h: Harness;
let mail: MailCatcher;
let worker: { worker: Worker; connection: { close(): Promise<void> } } | undefined;
let running: Promise<void> | undefined;
const FROM = 'Liên hệ báo chí <thongbao@press-liaison.local>';
const BASE = 'http://127.0.0.1:3999';

interface Row {
  key: string;
  type: string;
  text: string;
  contactId?: string | null;
  sub?: string | null;
  agencyId?: string | null;
  roles?: string[] | null;
  provinceId?: string | null;
  createdAt?: Date;
}

async function insertNotification(row: Row): Promise<string> {
  const [inserted] = await h.orm.em.fork().execute<{ id: string | number }[]>(
    `insert into notification (key, contact_id, type, text, recipient_sub, recipient_agency_id, recipient_roles,
       recipient_province_id, created_at) values (?, ?, ?, ?, ?, ?, ?::text[], ?, ?) returning id`,
    [
      row.key,
      row.contactId ?? null,
      row.type,
      row.text,
      row.sub ?? null,
      row.agencyId ?? null,
      row.roles ? `{${row.roles.join(',')}}` : null,
      row.provinceId ?? null,
      row.createdAt ?? new Date(),
    ],
  );
  return String(inserted!.id);
}

const deliveriesOf = (notificationId: string) =>
  h.orm.em.fork().execute<
    {
      recipient_sub: string;
      channel: string;
      status: string;
      attempts: number;
      address: string | null;
      not_before: Date;
      last_error: string | null;
    }[]
  >(`select * from notification_delivery where notification_id = ? order by recipient_sub, channel`, [notificationId]);

const mailTo = (address: string) => mail.messages.filter((m) => m.envelope.to.includes(address));
const unique = () => randomBytes(3).toString('hex');

beforeAll(async () => {
  mail = await startMailCatcher();
  h = await startHarness({ withWorker: false });
  worker = await createWorker({
    address: inject('temporalAddress'),
    namespace: 'default',
    orm: h.orm,
    taskQueue: h.taskQueue,
    dataConverter: testDataConverter,
    notifications: {
      channels: [createEmailChannel({ smtpUrl: mail.url, from: FROM, publicBaseUrl: BASE })],
      officeHours: 'always',
    },
  });
  running = worker.worker.run();
});

afterAll(async () => {
  worker?.worker.shutdown();
  await running;
  await worker?.connection.close();
  await h?.close();
  await mail?.close();
});

describe('the delivery workflow', () => {
  it('e-mails each person of a group the types they chose, in their language, with correct headers', async () => {
    // yte-chuyen-vien turned e-mail off for new requests; yte-van-thu reads English and wants messages by e-mail.
    const em = h.orm.em.fork();
    await em.execute(
      `insert into notification_preference (sub, locale, channels, updated_at) values
       ('yte-chuyen-vien', 'vi', '{"new_request": []}', now()), ('yte-van-thu', 'en', '{"message": ["email"]}', now())`,
    );
    const contactId = `c-2026-${unique()}`;
    const escalated = await insertNotification({
      key: `${contactId}:1:0`,
      type: 'escalated',
      text: `Hồ sơ ${contactId} quá hạn, đã báo cáo Sở Văn hóa, Thể thao và Du lịch`,
      contactId,
      provinceId: 'quang-tri',
    });
    const request = await insertNotification({
      key: `${contactId}:2:0`,
      type: 'new_request',
      text: 'Yêu cầu cung cấp thông tin mới về tiêm chủng',
      contactId,
      agencyId: 'qt-so-yte',
      roles: ['agency_staff'],
    });
    const message = await insertNotification({
      key: `${contactId}:message:1:0`,
      type: 'message',
      text: 'Tin nhắn mới từ phóng viên',
      contactId,
      sub: 'yte-van-thu',
    });
    const notMine = await insertNotification({
      key: `${contactId}:message:1:1`,
      type: 'message',
      text: 'Tin nhắn mới',
      contactId,
      sub: 'yte-giam-doc',
    });

    const handle = await h.client.workflow.start(notificationDeliveryWorkflow, {
      taskQueue: h.taskQueue,
      workflowId: `notification-delivery-${unique()}`,
      args: [{ pollInterval: '1 second' }],
    });
    try {
      const supervisor = 'vhttdl-giam-sat@demo.press-liaison.local';
      const clerk = 'yte-van-thu@demo.press-liaison.local';
      await eventually(
        () => Promise.resolve(mail.messages.length),
        () => mailTo(supervisor).length >= 1 && mailTo(clerk).length >= 2,
      );

      // The escalation: urgent, to the province's supervisor, in Vietnamese.
      const [urgent] = mailTo(supervisor);
      expect(urgent!.from).toBe(`"Liên hệ báo chí" <thongbao@press-liaison.local>`);
      expect(urgent!.to).toBe(`"Đặng Quốc Huy" <${supervisor}>`);
      expect(urgent!.rawHeaders).toMatch(/^To: =\?UTF-8\?[BQ]\?/im);
      expect(urgent!.envelope.to).toEqual([supervisor]);
      expect(urgent!.subject).toBe(`[Liên hệ báo chí] KHẨN Báo cáo Sở giám sát: ${contactId}`);
      expect(urgent!.rawHeaders).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im);
      expect(urgent!.messageId).toBe(
        notificationMessageId(
          {
            id: escalated,
            key: `${contactId}:1:0`,
            type: 'escalated',
            text: '',
            contactId,
            link: null,
            createdAt: 0,
            recipient: { kind: 'province_supervisors', provinceId: 'quang-tri' },
          },
          { sub: 'vhttdl-giam-sat', locale: 'vi' },
        ),
      );
      expect(urgent!.text).toContain('Kính gửi Đặng Quốc Huy,');
      expect(urgent!.text).toContain('đã báo cáo Sở Văn hóa, Thể thao và Du lịch');
      expect(urgent!.text).toContain(`${BASE}/demo/ioffice.html?contact=${contactId}`);
      expect(urgent!.html).toContain('<html lang="vi">');
      expect(urgent!.html).toContain(`href="${BASE}/demo/ioffice.html?contact=${contactId}"`);
      expect(urgent!.raw).toMatch(/Content-Type: multipart\/alternative/i);
      expect(urgent!.raw).toMatch(/Content-Type: text\/plain; charset=utf-8/i);
      expect(urgent!.raw).toMatch(/Content-Type: text\/html; charset=utf-8/i);
      expect(urgent!.rawHeaders).toMatch(new RegExp(`^X-PL-Contact-Id: ${contactId}$`, 'im'));
      expect(urgent!.rawHeaders).toMatch(new RegExp(`^X-PL-Notification-Id: ${escalated}$`, 'im'));

      // The clerk reads English: both the new request (default e-mail) and the message (chosen).
      const subjects = mailTo(clerk)
        .map((m) => m.subject)
        .sort();
      expect(subjects).toEqual([
        `[Press Liaison] New information request: ${contactId}`,
        `[Press Liaison] New message: ${contactId}`,
      ]);
      expect(mailTo(clerk)[0]!.text).toContain('Notification (in Vietnamese)');

      // The other clerk turned new requests off; the director did not choose messages by e-mail.
      expect(mailTo('yte-chuyen-vien@demo.press-liaison.local')).toEqual([]);
      expect(mailTo('yte-giam-doc@demo.press-liaison.local')).toEqual([]);
      expect((await deliveriesOf(request)).map((d) => [d.recipient_sub, d.status])).toEqual([
        ['yte-van-thu', 'delivered'],
      ]);
      expect(await deliveriesOf(notMine)).toEqual([]);
      expect((await deliveriesOf(message)).map((d) => d.status)).toEqual(['delivered']);
      const [dispatched] = await em.execute<{ n: number }[]>(
        `select count(*)::int as n from notification_dispatch where notification_id in (?, ?, ?, ?)`,
        [escalated, request, message, notMine],
      );
      expect(dispatched!.n).toBe(4);
    } finally {
      await handle.terminate('test over');
    }
  });
});

describe('the delivery activities', () => {
  const activities = (
    config: Partial<NotificationDeliveryConfig> & { smtpUrl?: string },
    now?: () => number,
  ) =>
    createNotificationDeliveryActivities({
      orm: h.orm,
      now,
      notifications: {
        channels: [
          createEmailChannel({ smtpUrl: config.smtpUrl ?? mail.url, from: FROM, publicBaseUrl: BASE }),
        ],
        officeHours: 'always',
        ...config,
      },
    });

  it('plans once and sends once, however often planning and delivery are retried', async () => {
    const a = activities({});
    const contactId = `c-2026-${unique()}`;
    const id = await insertNotification({
      key: `${contactId}:1:0`,
      type: 'new_difficulty_report',
      text: 'Phóng viên bị cản trở khi tác nghiệp tại bệnh viện',
      contactId,
      provinceId: 'quang-tri',
    });
    // Planning again (a retried activity, or two loops) adds nothing.
    await a.planNotificationDeliveries({ limit: 100 });
    await a.planNotificationDeliveries({ limit: 100 });
    const planned = await deliveriesOf(id);
    expect(planned.map((d) => [d.recipient_sub, d.channel, d.status])).toEqual([
      ['vhttdl-giam-sat', 'email', 'pending'],
    ]);
    const { ids } = await a.dueNotificationDeliveries({ limit: 100 });
    const [deliveryId] = (
      await h.orm.em
        .fork()
        .execute<{ id: number }[]>(`select id from notification_delivery where notification_id = ?`, [id])
    ).map((r) => Number(r.id));
    expect(ids).toContain(deliveryId);

    const before = mail.messages.length;
    // The same delivery three times, two of them at once: one message.
    const outcomes = await Promise.all([
      a.deliverNotification({ id: deliveryId! }),
      a.deliverNotification({ id: deliveryId! }),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['delivered', 'unchanged']);
    expect(await a.deliverNotification({ id: deliveryId! })).toEqual({ id: deliveryId, status: 'unchanged' });
    await new Promise((r) => setTimeout(r, 300));
    expect(mail.messages.length - before).toBe(1);
    expect(mail.messages.at(-1)!.subject).toBe(`[Liên hệ báo chí] KHẨN Phản ánh khó khăn mới: ${contactId}`);
    expect((await deliveriesOf(id))[0]).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('records a failing SMTP server, backs off, gives up after the last attempt, and never throws', async () => {
    // A port nobody listens on: the catcher's, after it is closed.
    const gone = await startMailCatcher();
    await gone.close();
    let clock = Date.now();
    const a = activities({ smtpUrl: gone.url, maxAttempts: 2, backoffMs: () => 60_000 }, () => clock);
    const contactId = `c-2026-${unique()}`;
    const id = await insertNotification({
      key: `${contactId}:1:0`,
      type: 'escalated',
      text: 'Quá hạn',
      contactId,
      sub: 'yte-giam-doc',
      createdAt: new Date(clock),
    });
    await a.planNotificationDeliveries({ limit: 100 });
    const [row] = await h.orm.em
      .fork()
      .execute<{ id: number }[]>(`select id from notification_delivery where notification_id = ?`, [id]);
    const deliveryId = Number(row!.id);

    expect(await a.deliverNotification({ id: deliveryId })).toEqual({ id: deliveryId, status: 'pending' });
    let [d] = await deliveriesOf(id);
    expect(d).toMatchObject({ status: 'pending', attempts: 1 });
    expect(d!.last_error).toMatch(/attempt 1: .*(ECONNREFUSED|connect)/i);
    // Not due again before the backoff.
    expect(await a.deliverNotification({ id: deliveryId })).toEqual({ id: deliveryId, status: 'unchanged' });
    clock += 61_000;
    expect(await a.deliverNotification({ id: deliveryId })).toEqual({ id: deliveryId, status: 'dead' });
    [d] = await deliveriesOf(id);
    expect(d).toMatchObject({ status: 'dead', attempts: 2 });
  });

  it('takes again a delivery claimed by a worker that died mid-send, once its lease has run out', async () => {
    let clock = Date.now();
    const a = activities({ leaseMs: 60_000 }, () => clock);
    const contactId = `c-2026-${unique()}`;
    const id = await insertNotification({
      key: `${contactId}:1:0`,
      type: 'escalated',
      text: 'Quá hạn, báo cáo Sở',
      contactId,
      sub: 'yte-giam-doc',
      createdAt: new Date(clock),
    });
    await a.planNotificationDeliveries({ limit: 100 });
    const em = h.orm.em.fork();
    // A worker claimed it and was killed before sending.
    await em.execute(
      `update notification_delivery set status = 'sending', attempts = 1, claimed_at = ? where notification_id = ?`,
      [new Date(clock), id],
    );
    const [row] = await em.execute<{ id: number }[]>(
      `select id from notification_delivery where notification_id = ?`,
      [id],
    );
    const deliveryId = Number(row!.id);
    expect((await a.dueNotificationDeliveries({ limit: 100 })).ids).not.toContain(deliveryId);
    expect(await a.deliverNotification({ id: deliveryId })).toEqual({ id: deliveryId, status: 'unchanged' });
    clock += 61_000;
    expect((await a.dueNotificationDeliveries({ limit: 100 })).ids).toContain(deliveryId);
    const before = mail.messages.length;
    expect(await a.deliverNotification({ id: deliveryId })).toEqual({ id: deliveryId, status: 'delivered' });
    expect(mail.messages.length - before).toBe(1);
    expect((await deliveriesOf(id))[0]).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('holds non-urgent mail raised on a Friday evening until Monday 07:30, and sends urgent mail at once', async () => {
    const friday19 = Date.parse('2026-12-04T19:00:00+07:00');
    const a = activities({ officeHours: undefined }, () => friday19);
    const contactId = `c-2026-${unique()}`;
    const request = await insertNotification({
      key: `${contactId}:1:0`,
      type: 'new_request',
      text: 'Yêu cầu mới',
      contactId,
      sub: 'yte-giam-doc',
      createdAt: new Date(friday19),
    });
    const urgent = await insertNotification({
      key: `${contactId}:2:0`,
      type: 'escalated',
      text: 'Quá hạn, báo cáo Sở',
      contactId,
      sub: 'yte-giam-doc',
      createdAt: new Date(friday19),
    });
    await a.planNotificationDeliveries({ limit: 100 });
    expect(new Date((await deliveriesOf(request))[0]!.not_before).getTime()).toBe(
      Date.parse('2026-12-07T07:30:00+07:00'),
    );
    expect(new Date((await deliveriesOf(urgent))[0]!.not_before).getTime()).toBe(friday19);
  });
});

describe('npm start’s mail set-up', () => {
  it('lists what the catch-all received at GET /dev/mail, newest first', async () => {
    const res = await devMailRoutes(mail).request('/dev/mail?limit=2');
    const body = (await res.json()) as {
      smtpUrl: string;
      count: number;
      items: { id: number; subject: string; text: string }[];
    };
    expect(body.smtpUrl).toBe(mail.url);
    expect(body.count).toBe(mail.messages.length);
    expect(body.items.map((i) => i.id)).toEqual([mail.messages.at(-1)!.id, mail.messages.at(-2)!.id]);
    expect(body.items[0]!.subject).toBe(mail.messages.at(-1)!.subject);
  });

  it('reads SMTP_URL, MAIL_FROM and PUBLIC_BASE_URL, refusing what is not a mail server or a web address', () => {
    expect(mailFrom({}, '127.0.0.1', 3000)).toEqual({
      smtpUrl: undefined,
      from: FROM,
      publicBaseUrl: 'http://127.0.0.1:3000',
    });
    expect(mailFrom({}, '0.0.0.0', 8080).publicBaseUrl).toBe('http://127.0.0.1:8080');
    expect(
      mailFrom(
        { SMTP_URL: 'smtp://127.0.0.1:2525', PUBLIC_BASE_URL: 'https://pl.quangtri.gov.vn/' },
        '0.0.0.0',
        3000,
      ),
    ).toMatchObject({ smtpUrl: 'smtp://127.0.0.1:2525', publicBaseUrl: 'https://pl.quangtri.gov.vn' });
    expect(() => mailFrom({ SMTP_URL: 'http://mail' }, '127.0.0.1', 3000)).toThrow(/SMTP_URL/);
    expect(() => mailFrom({ PUBLIC_BASE_URL: 'pl.gov.vn' }, '127.0.0.1', 3000)).toThrow(/PUBLIC_BASE_URL/);
  });
});
