// Issue 11: each person chooses the channels of each notification type. `GET/PUT /me/notification-preferences`
// answers only the caller (401 without a token, whatever the body), refuses unknown types and channels with a
// 422 problem, and the delivery planner honours what was chosen.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotificationDeliveryActivities } from '../../activities/notification-delivery.activities.ts';
import type { NotificationChannel } from '../../domain/notifications/index.ts';
import { expectJson, expectProblem, USERS } from '../support/api-helpers.ts';
import { startHarness, type Harness } from '../support/harness.ts';

interface Preferences {
  locale: 'vi' | 'en';
  email: string | null;
  types: { type: string; urgent: boolean; channels: string[]; isDefault: boolean }[];
}

let h: Harness;
const PATH = '/me/notification-preferences';

beforeAll(async () => {
  h = await startHarness({ withWorker: false });
});
afterAll(async () => {
  await h?.close();
});

const typeOf = (p: Preferences, type: string) => p.types.find((t) => t.type === type);

describe('notification preferences', () => {
  it('needs a signed-in caller, before looking at the body', async () => {
    await expectProblem(await h.call('GET', PATH), 401);
    await expectProblem(await h.call('PUT', PATH, { body: { types: { message: ['email'] } } }), 401);
    await expectProblem(await h.call('PUT', PATH, { body: { types: { nonsense: ['pigeon'] } } }), 401);
  });

  it('lists every type with sensible defaults and the e-mail address the registry has', async () => {
    const prefs = await expectJson<Preferences>(await h.call('GET', PATH, { as: USERS.head }), 200);
    expect(prefs.locale).toBe('vi');
    expect(prefs.email).toBe('yte-giam-doc@demo.press-liaison.local');
    expect(typeOf(prefs, 'escalated')).toEqual({
      type: 'escalated',
      urgent: true,
      channels: ['in_app', 'email'],
      isDefault: true,
    });
    expect(typeOf(prefs, 'message')?.channels).toEqual(['in_app']);
    expect(prefs.types).toHaveLength(39);
    // A journalist's address comes from the journalist registry.
    const reporter = await expectJson<Preferences>(await h.call('GET', PATH, { as: USERS.reporter }), 200);
    expect(reporter.email).toBe('an.nguyen@example.vn');
  });

  it('changes the types given, keeps the others, and keeps in-app on', async () => {
    const changed = await expectJson<Preferences>(
      await h.call('PUT', PATH, {
        as: USERS.officer,
        body: { locale: 'en', types: { message: ['email', 'webhook'], escalated: [] } },
      }),
      200,
    );
    expect(changed.locale).toBe('en');
    expect(typeOf(changed, 'message')).toMatchObject({
      channels: ['in_app', 'email', 'webhook'],
      isDefault: false,
    });
    expect(typeOf(changed, 'escalated')).toMatchObject({ channels: ['in_app'], isDefault: false });
    const again = await expectJson<Preferences>(
      await h.call('PUT', PATH, { as: USERS.officer, body: { types: { escalated: ['in_app', 'email'] } } }),
      200,
    );
    expect(again.locale).toBe('en');
    expect(typeOf(again, 'escalated')).toMatchObject({ channels: ['in_app', 'email'], isDefault: true });
    expect(typeOf(again, 'message')?.channels).toEqual(['in_app', 'email', 'webhook']);
    // Someone else's preferences are untouched.
    const other = await expectJson<Preferences>(await h.call('GET', PATH, { as: USERS.clerk }), 200);
    expect(typeOf(other, 'message')?.channels).toEqual(['in_app']);
  });

  it('refuses unknown types, unknown channels and anything else with 422 problems', async () => {
    for (const body of [
      { types: { nonsense: ['email'] } },
      { types: { message: ['pigeon'] } },
      { types: { message: 'email' } },
      { locale: 'fr' },
      { types: { message: ['email'] }, colour: 'blue' },
    ]) {
      const problem = await expectProblem(await h.call('PUT', PATH, { as: USERS.clerk, body }), 422);
      expect(problem.code).toBe('invalid_input');
    }
    const unchanged = await expectJson<Preferences>(await h.call('GET', PATH, { as: USERS.clerk }), 200);
    expect(unchanged.types.every((t) => t.isDefault)).toBe(true);
  });

  it('is honoured when deliveries are planned', async () => {
    await expectJson(
      await h.call('PUT', PATH, { as: USERS.spokesperson, body: { types: { new_request: [] } } }),
      200,
    );
    const sent: string[] = [];
    const email: NotificationChannel = {
      name: 'email',
      deliver: (_n, r) => {
        sent.push(r.sub);
        return Promise.resolve({ status: 'delivered', at: Date.now() });
      },
    };
    const activities = createNotificationDeliveryActivities({
      orm: h.orm,
      notifications: { channels: [email], officeHours: 'always' },
    });
    const contactId = `c-2026-${randomBytes(3).toString('hex')}`;
    const [row] = await h.orm.em.fork().execute<{ id: string }[]>(
      `insert into notification (key, contact_id, type, text, recipient_agency_id, recipient_roles, created_at)
       values (?, ?, 'new_request', 'Yêu cầu mới', 'qt-so-yte', '{agency_staff,spokesperson,agency_head}', now()) returning id`,
      [`${contactId}:1:0`, contactId],
    );
    await activities.planNotificationDeliveries({ limit: 100 });
    const planned = await h.orm.em
      .fork()
      .execute<{ recipient_sub: string }[]>(
        `select recipient_sub from notification_delivery where notification_id = ? order by recipient_sub`,
        [row!.id],
      );
    expect(planned.map((p) => p.recipient_sub)).toEqual(['yte-chuyen-vien', 'yte-giam-doc', 'yte-van-thu']);
  });
});
