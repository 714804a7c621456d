// Registry, settings, calendar, auth and operational routes: every route's denials, bad input, and the
// documents a new user reads (OpenAPI, reference page).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.ts';
import { expectJson, expectProblem, USERS } from '../support/api-helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

describe('agencies and memberships', () => {
  it('lists agencies for any signed-in user, never anonymously', async () => {
    await expectProblem(await h.call('GET', '/agencies'), 401);
    const list = await expectJson<{ items: { id: string; level: string }[] }>(
      await h.call('GET', '/agencies?provinceId=quang-tri', { as: USERS.reporter }),
      200,
    );
    expect(list.items.map((a) => a.id)).toContain('qt-so-yte');
    expect(list.items.every((a) => a.level !== 'central')).toBe(true);
  });

  it('lets only an administrator of the province create agencies', async () => {
    const agency = {
      id: 'qt-so-tai-chinh',
      name: 'Sở Tài chính tỉnh Quảng Trị',
      level: 'province',
      kind: 'department',
      parentId: 'quang-tri',
      provinceId: 'quang-tri',
    };
    for (const as of [USERS.reporter, USERS.clerk, USERS.head, USERS.supervisor]) {
      await expectProblem(await h.call('POST', '/agencies', { as, body: agency }), 403, 'role_required');
    }
    await expectJson(await h.call('POST', '/agencies', { as: USERS.admin, body: agency }), 201);
    await expectProblem(
      await h.call('POST', '/agencies', { as: USERS.admin, body: agency }),
      409,
      'already_exists',
    );
    await expectProblem(
      await h.call('POST', '/agencies', {
        as: USERS.admin,
        body: { ...agency, id: 'hue-so-moi', provinceId: 'hue' },
      }),
      403,
      'outside_your_province',
    );
    await expectProblem(
      await h.call('POST', '/agencies', { as: USERS.admin, body: { ...agency, id: 'Bad Id!' } }),
      422,
      'invalid_input',
    );
    await expectProblem(
      await h.call('POST', '/agencies', {
        as: USERS.admin,
        body: { ...agency, id: 'x-1', level: 'district' },
      }),
      422,
      'invalid_input',
    );
  });

  it('shows an agency’s members to itself and its supervisors only', async () => {
    const members = await expectJson<{ items: { sub: string }[] }>(
      await h.call('GET', '/agencies/qt-so-yte/members', { as: USERS.clerk }),
      200,
    );
    expect(members.items.map((m) => m.sub)).toEqual(expect.arrayContaining([USERS.officer, USERS.head]));
    await expectJson(await h.call('GET', '/agencies/qt-so-yte/members', { as: USERS.supervisor }), 200);
    for (const as of [USERS.reporter, USERS.foreignClerk]) {
      await expectProblem(await h.call('GET', '/agencies/qt-so-yte/members', { as }), 403, 'not_your_agency');
    }
    await expectProblem(await h.call('GET', '/agencies/nowhere/members', { as: USERS.clerk }), 404);
  });

  it('lets administrators add memberships', async () => {
    const m = { sub: 'yte-new', name: 'Người mới', agencyId: 'qt-so-yte', role: 'agency_staff' };
    await expectProblem(await h.call('POST', '/memberships', { as: USERS.head, body: m }), 403);
    await expectJson(await h.call('POST', '/memberships', { as: USERS.admin, body: m }), 201);
    await expectProblem(await h.call('POST', '/memberships', { as: USERS.admin, body: m }), 409);
    await expectProblem(
      await h.call('POST', '/memberships', { as: USERS.admin, body: { ...m, agencyId: 'hue-so-yte' } }),
      403,
      'outside_your_province',
    );
    await expectProblem(
      await h.call('POST', '/memberships', { as: USERS.admin, body: { ...m, role: 'king' } }),
      422,
    );
  });
});

describe('journalists and resident reporters', () => {
  it('shows journalists to agencies, with phones and e-mails only for supervisors and admins', async () => {
    await expectProblem(await h.call('GET', '/journalists', { as: USERS.reporter }), 403);
    const forClerk = await expectJson<{ items: Record<string, unknown>[] }>(
      await h.call('GET', '/journalists?residentIn=quang-tri', { as: USERS.clerk }),
      200,
    );
    expect(forClerk.items.map((j) => j.fullName)).toEqual(['Nguyễn Văn An']);
    expect(forClerk.items[0]).not.toHaveProperty('phone');
    const forSupervisor = await expectJson<{ items: Record<string, unknown>[] }>(
      await h.call('GET', '/journalists', { as: USERS.supervisor }),
      200,
    );
    expect(forSupervisor.items[0]).toHaveProperty('phone');
  });

  it('registers a journalist as a resident reporter, who may then ask for information', async () => {
    const j = {
      id: 'nb-0100',
      sub: 'pv-le-van-minh',
      fullName: 'Lê Văn Minh',
      pressOrganisation: 'Báo Quảng Trị',
      pressCardNumber: 'QT-00100',
      pressCardExpiresOn: '2029-12-31',
      email: 'minh@example.vn',
    };
    await expectProblem(await h.call('POST', '/journalists', { as: USERS.clerk, body: j }), 403);
    await expectProblem(
      await h.call('POST', '/journalists', { as: USERS.admin, body: { ...j, email: 'not-an-email' } }),
      422,
    );
    await expectJson(await h.call('POST', '/journalists', { as: USERS.admin, body: j }), 201);
    await expectProblem(
      await h.call('POST', '/journalists', { as: USERS.admin, body: { ...j, id: 'nb-0101', sub: null } }),
      409,
    );
    const reg = { provinceId: 'quang-tri', validFrom: '2026-01-01', validTo: '2027-12-31' };
    await expectProblem(
      await h.call('POST', '/journalists/nb-0100/resident-registrations', {
        as: USERS.admin,
        body: { ...reg, validTo: '2025-01-01' },
      }),
      422,
    );
    await expectProblem(
      await h.call('POST', '/journalists/nb-0100/resident-registrations', {
        as: USERS.admin,
        body: { ...reg, provinceId: 'qt-so-yte' },
      }),
      404,
    );
    await expectProblem(
      await h.call('POST', '/journalists/nb-0100/resident-registrations', {
        as: USERS.admin,
        body: { ...reg, provinceId: 'hue' },
      }),
      403,
      'outside_your_province',
    );
    await expectProblem(
      await h.call('POST', '/journalists/nobody/resident-registrations', { as: USERS.admin, body: reg }),
      404,
    );
    await expectJson(
      await h.call('POST', '/journalists/nb-0100/resident-registrations', { as: USERS.admin, body: reg }),
      201,
    );

    const { token } = await h.issuer.mint({ sub: j.sub, name: j.fullName, roles: ['journalist'] });
    const res = await h.app.request('/api/v1/contacts', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': 'minh-0001',
      },
      body: JSON.stringify({
        kind: 'information_request',
        agencyId: 'qt-phuong-dong-hoi',
        subject: 'Chỉnh trang đô thị',
        question: 'Tiến độ chỉnh trang bờ sông Nhật Lệ?',
      }),
    });
    expect(res.status).toBe(201);
    const me = await expectJson<{ journalist: { residentProvinces: unknown[] } }>(
      await h.app.request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } }),
      200,
    );
    expect(me.journalist.residentProvinces).toHaveLength(1);
  });
});

// Review finding: each administrator's create checks for an existing record, then inserts: a double-submitted
// form passed the check twice, and the second insert's unique violation was answered 500 instead of 409.
describe('double-submitted creates', () => {
  const creates: [path: string, body: (round: number) => Record<string, unknown>][] = [
    [
      '/journalists',
      (n) => ({
        id: `nb-kep-${n}`,
        fullName: 'Phan Văn Kép',
        pressOrganisation: 'Báo Quảng Trị',
        pressCardNumber: `QT-KEP-${n}`,
        pressCardExpiresOn: '2029-12-31',
      }),
    ],
    [
      '/memberships',
      (n) => ({
        sub: `yte-kep-${n}`,
        name: 'Người bấm hai lần',
        agencyId: 'qt-so-yte',
        role: 'agency_staff',
      }),
    ],
    [
      '/agencies',
      (n) => ({
        id: `qt-ban-kep-${n}`,
        name: `Ban Thử Nghiệm ${n}`,
        level: 'province',
        kind: 'department',
        parentId: 'quang-tri',
        provinceId: 'quang-tri',
      }),
    ],
    ['/press-organisations', (n) => ({ id: `bao-kep-${n}`, name: 'Báo Bấm Hai Lần', kind: 'newspaper' })],
  ];
  for (const [path, body] of creates)
    it(`answers the second of two simultaneous POST ${path} with 409, not 500`, async () => {
      for (let round = 1; round <= 3; round += 1) {
        const answers = await Promise.all(
          [1, 2].map(() => h.call('POST', path, { as: USERS.admin, body: body(round) })),
        );
        expect(answers.map((r) => r.status).sort(), `round ${round}`).toEqual([201, 409]);
        await expectProblem(
          answers.find((r) => r.status === 409)!,
          409,
          'already_exists',
        );
      }
    });
});

describe('deadline rules and calendar', () => {
  it('lets only administrators read and change rules, and validates them', async () => {
    for (const as of [USERS.clerk, USERS.supervisor, USERS.reporter])
      await expectProblem(await h.call('GET', '/deadline-rules', { as }), 403);
    // A province's administrator reads their province; the national default is for central administrators.
    await expectProblem(
      await h.call('GET', '/deadline-rules', { as: USERS.admin }),
      403,
      'central_admin_required',
    );
    const rules = await expectJson<{ items: unknown[]; inForce: unknown[] }>(
      await h.call('GET', '/deadline-rules?provinceId=quang-tri', { as: USERS.admin }),
      200,
    );
    expect(rules.inForce.length).toBeGreaterThanOrEqual(2);
    const national = await expectJson<{ items: unknown[] }>(
      await h.call('GET', '/deadline-rules', { as: USERS.centralAdmin }),
      200,
    );
    expect(national.items.length).toBeGreaterThanOrEqual(2);
    const bad = {
      kind: 'information_request',
      clock: 'answer',
      span: { unit: 'fortnights', amount: 1 },
      warnBefore: { unit: 'hours', amount: 1 },
      grace: { unit: 'hours', amount: 1 },
      effectiveFrom: '2026-01-01',
    };
    const problem = await expectProblem(
      await h.call('PUT', '/deadline-rules?provinceId=quang-tri', {
        as: USERS.admin,
        body: { items: [bad] },
      }),
      422,
    );
    expect(problem.issues?.[0]?.path).toBe('items.0.span');
    await expectProblem(
      await h.call('PUT', '/deadline-rules', { as: USERS.head, body: { items: [bad] } }),
      403,
    );
  });

  it('serves the 2026 calendar and computes Civil Code deadlines', async () => {
    const year = await expectJson<{ daysOff: { date: string }[]; workingWeekendDays: { date: string }[] }>(
      await h.call('GET', '/calendar/2026'),
      200,
    );
    expect(year.daysOff.map((d) => d.date)).toEqual(
      expect.arrayContaining(['2026-02-16', '2026-02-20', '2026-04-27']),
    );
    expect(year.workingWeekendDays.map((d) => d.date)).toContain('2026-01-10');
    await expectProblem(await h.call('GET', '/calendar/1999'), 400);
    const due = await expectJson<{ dueLocalDate: string }>(
      await h.call(
        'GET',
        `/calendar/deadline?start=${encodeURIComponent('2026-02-13T10:00:00+07:00')}&amount=1&unit=working_days`,
      ),
      200,
    );
    expect(due.dueLocalDate).toBe('2026-02-23');
    await expectProblem(
      await h.call('GET', '/calendar/deadline?start=yesterday&amount=1&unit=working_days'),
      400,
    );
    await expectProblem(
      await h.call('GET', '/calendar/deadline?start=2026-02-13T10:00:00Z&amount=PT5S&unit=working_days'),
      400,
    );
  });
});

describe('auth and operations', () => {
  it('mints dev tokens only for known roles', async () => {
    await expectProblem(
      await h.call('POST', '/auth/dev-token', { body: { sub: 'x', roles: ['emperor'] } }),
      422,
    );
    const { token } = await expectJson<{ token: string }>(
      await h.call('POST', '/auth/dev-token', { body: { sub: 'x', roles: ['journalist'] } }),
      200,
    );
    expect(token.split('.')).toHaveLength(3);
    const users = await expectJson<{ items: { roles: string[] }[] }>(await h.call('GET', '/demo/users'), 200);
    expect(new Set(users.items.flatMap((u) => u.roles))).toEqual(
      new Set([
        'journalist',
        'agency_staff',
        'spokesperson',
        'agency_head',
        'supervisor',
        'auditor',
        'admin',
      ]),
    );
  });

  it('reports health and readiness', async () => {
    await expectJson(await h.call('GET', '/healthz'), 200);
    const ready = await expectJson<{ checks: { database: boolean; temporal: boolean } }>(
      await h.call('GET', '/readyz'),
      200,
    );
    expect(ready.checks).toEqual({ database: true, temporal: true });
  });

  it('publishes an OpenAPI document generated from the validating schemas, and a reference page', async () => {
    const doc = await expectJson<{
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    }>(await h.call('GET', '/openapi.json'), 200);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/contacts',
        '/contacts/{id}',
        // One documented route per action, with that action's request body.
        '/contacts/{id}/actions/assign',
        '/contacts/{id}/actions/accept',
        '/contacts/{id}/actions/record_result',
        '/contacts/{id}/calendar.ics',
        '/deadline-rules',
        '/calendar/{year}',
        '/calendar/deadline',
        '/agencies',
      ]),
    );
    expect(doc.components.schemas).toHaveProperty('ContactView');
    const accept = doc.paths['/contacts/{id}/actions/accept'] as {
      post: { requestBody: { content: { 'application/json': { schema: { properties?: object } } } } };
    };
    expect(Object.keys(accept.post.requestBody.content['application/json'].schema.properties ?? {})).toEqual(
      expect.arrayContaining(['slot', 'place', 'hostId']),
    );
    const page = await h.call('GET', '/docs');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('openapi.json');
  });

  it('answers unknown routes and oversized bodies with problems', async () => {
    await expectProblem(await h.call('GET', '/nope'), 404, 'not_found');
    const res = await h.app.request('/api/v1/contacts', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await h.tokenFor(USERS.reporter)}`,
        'content-type': 'application/json',
        'idempotency-key': 'big-1',
      },
      body: JSON.stringify({ question: 'x'.repeat(300_000) }),
    });
    await expectProblem(res, 413, 'payload_too_large');
  });
});
