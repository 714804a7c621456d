// Issue 6, defect 10: a supervisor of one province exported every province's journalists with phones and
// e-mails, and overwrote another province's press-card verification (the previous record was replaced).
// Journalists are now scoped by province (a resident registration there, or a press contact with one of its
// agencies); verifications are an append-only history, each record scoped to the verifier's province.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.ts';
import { csv, runImport } from '../support/import-helpers.ts';
import { expectJson, expectProblem, USERS } from '../support/api-helpers.ts';

const CENTRAL_ADMIN = 'admin-trung-uong';
let h: Harness;
const tokens: Record<'hueSupervisor' | 'hueAdmin', string> = { hueSupervisor: '', hueAdmin: '' };

interface JournalistView {
  id: string;
  phone?: string | null;
  email?: string | null;
  verification?: { result: string; provinceId: string | null } | null;
}
interface Verification {
  id: number;
  result: string;
  method: string;
  note: string | null;
  provinceId: string | null;
  agencyId: string | null;
  verifiedBy: string;
  verifiedAt: string;
}

beforeAll(async () => {
  h = await startHarness({ withWorker: false });
  tokens.hueSupervisor = (
    await h.issuer.mint({ sub: 'hue-giam-sat', name: 'Giám sát Huế', roles: ['supervisor'], agencyId: 'hue' })
  ).token;
  tokens.hueAdmin = (
    await h.issuer.mint({ sub: 'admin-hue', name: 'Admin Huế', roles: ['admin'], agencyId: 'hue' })
  ).token;
  // A reporter resident in Huế, registered by the central administrator.
  await expectJson(
    await h.call('POST', '/journalists', {
      as: CENTRAL_ADMIN,
      body: {
        id: 'nb-hue-1',
        fullName: 'Hồ Thị Hương',
        pressOrganisation: 'Báo Thừa Thiên Huế',
        pressCardNumber: 'TTH-0001',
        pressCardExpiresOn: '2030-12-31',
        email: 'huong@baohue.vn',
        phone: '0234 000 001',
      },
    }),
    201,
  );
  await expectJson(
    await h.call('POST', '/journalists/nb-hue-1/resident-registrations', {
      as: CENTRAL_ADMIN,
      body: { provinceId: 'hue', validFrom: '2026-01-01', validTo: '2027-12-31' },
    }),
    201,
  );
});
afterAll(async () => h?.close());

async function asHue(who: 'hueSupervisor' | 'hueAdmin', method: string, path: string, body?: unknown) {
  return await h.app.request(`/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${tokens[who]}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
const ids = async (response: Response) =>
  (await expectJson<{ items: JournalistView[] }>(response, 200)).items.map((j) => j.id);

describe('journalists by province', () => {
  it('lists only the province’s journalists, with phones for supervisors; central administrators see all', async () => {
    const forQt = await expectJson<{ items: JournalistView[] }>(
      await h.call('GET', '/journalists', { as: USERS.supervisor }),
      200,
    );
    expect(forQt.items.map((j) => j.id)).toEqual(['nb-0001']);
    expect(forQt.items[0]).toMatchObject({ phone: '0912 000 001', email: 'an.nguyen@example.vn' });
    expect(await ids(await asHue('hueSupervisor', 'GET', '/journalists'))).toEqual(['nb-hue-1']);
    expect(await ids(await h.call('GET', '/journalists?residentIn=hue', { as: USERS.supervisor }))).toEqual(
      [],
    );
    expect(await ids(await h.call('GET', '/journalists?residentIn=hue', { as: USERS.admin }))).toEqual([]);
    const forClerk = await expectJson<{ items: JournalistView[] }>(
      await h.call('GET', '/journalists', { as: USERS.clerk }),
      200,
    );
    expect(forClerk.items.map((j) => j.id)).toEqual(['nb-0001']);
    expect(forClerk.items[0]).not.toHaveProperty('phone');
    expect(new Set(await ids(await h.call('GET', '/journalists', { as: CENTRAL_ADMIN })))).toEqual(
      new Set(['nb-0001', 'nb-0002', 'nb-hue-1']),
    );
    await expectProblem(await h.call('GET', '/journalists', { as: USERS.reporter }), 403, 'role_required');
  });

  it('shows one journalist only to their province (and the centre)', async () => {
    const own = await expectJson<JournalistView>(
      await h.call('GET', '/journalists/nb-0001', { as: USERS.supervisor }),
      200,
    );
    expect(own).toMatchObject({ id: 'nb-0001', phone: '0912 000 001' });
    await expectProblem(
      await h.call('GET', '/journalists/nb-hue-1', { as: USERS.supervisor }),
      403,
      'outside_your_province',
    );
    await expectProblem(
      await asHue('hueSupervisor', 'GET', '/journalists/nb-0001'),
      403,
      'outside_your_province',
    );
    await expectProblem(await asHue('hueAdmin', 'GET', '/journalists/nb-0001'), 403, 'outside_your_province');
    await expectJson(await h.call('GET', '/journalists/nb-hue-1', { as: CENTRAL_ADMIN }), 200);
    const forClerk = await expectJson<JournalistView>(
      await h.call('GET', '/journalists/nb-0001', { as: USERS.clerk }),
      200,
    );
    expect(forClerk).not.toHaveProperty('phone');
    expect(forClerk).not.toHaveProperty('verification');
    await expectProblem(await h.call('GET', '/journalists/nobody', { as: CENTRAL_ADMIN }), 404, 'not_found');
    for (const path of ['/journalists/nb-0001', '/journalists/nb-0001/verifications']) {
      await expectProblem(await h.call('GET', path), 401);
      await expectProblem(await h.call('GET', path, { as: USERS.reporter }), 403, 'role_required');
    }
  });

  it('exports only the province’s journalists; another province on request is refused', async () => {
    const hue = await (await asHue('hueSupervisor', 'GET', '/exports/journalists.csv')).text();
    expect(hue).toContain('huong@baohue.vn');
    expect(hue).not.toContain('an.nguyen@example.vn');
    expect(hue).not.toContain('binh.tran@example.vn');
    const qt = await (await h.call('GET', '/exports/journalists.csv', { as: USERS.supervisor })).text();
    expect(qt).toContain('an.nguyen@example.vn');
    expect(qt).not.toContain('huong@baohue.vn');
    for (const as of [USERS.supervisor, USERS.admin])
      await expectProblem(
        await h.call('GET', '/exports/journalists.csv?provinceId=hue', { as }),
        403,
        'outside_your_province',
      );
    const central = await (await h.call('GET', '/exports/journalists.csv', { as: CENTRAL_ADMIN })).text();
    for (const email of ['an.nguyen@example.vn', 'binh.tran@example.vn', 'huong@baohue.vn'])
      expect(central).toContain(email);
    const centralHue = await (
      await h.call('GET', '/exports/journalists.csv?provinceId=hue', { as: CENTRAL_ADMIN })
    ).text();
    expect(centralHue).toContain('huong@baohue.vn');
    expect(centralHue).not.toContain('an.nguyen@example.vn');
  });

  it('counts a press contact with the province’s agencies', async () => {
    // The projection row a contact of nb-0002 with a Huế agency leaves (only resident reporters can open
    // one through today's kinds, so it is written as the projection activity would write it).
    await h.orm.em.fork().execute(
      `insert into contact (id, kind, agency_id, province_id, journalist_sub, journalist_name, subject, status, escalation_level,
           submitted_at, updated_at, last_seq, search_text, state)
         values ('ct-hue-1', 'information_request', 'hue-so-yte', 'hue', 'pv-tran-thi-binh', 'Trần Thị Bình', 'Hỏi', 'closed', 0,
           now(), now(), 1, 'hoi', '{}')`,
    );
    expect(await ids(await asHue('hueSupervisor', 'GET', '/journalists'))).toEqual(['nb-hue-1', 'nb-0002']);
    expect(await ids(await h.call('GET', '/journalists', { as: USERS.supervisor }))).toEqual(['nb-0001']);
  });

  it('lets a province administrator import changes only to the province’s journalists', async () => {
    const job = await runImport(
      h,
      'journalists',
      csv([
        ['Id', 'Phone'],
        ['nb-hue-1', '0999 999 999'],
        ['nb-0001', '0912 000 111'],
      ]),
      { as: USERS.admin },
    );
    expect(job.report?.rows.map((r) => r.errors?.[0]?.message ?? r.action)).toEqual([
      "journalist nb-hue-1 is not one of your province's",
      'update',
    ]);
    // Registering someone as a resident reporter of one's own province stays possible.
    const register = await runImport(
      h,
      'journalists',
      csv([
        ['Id', 'Resident province', 'Resident from', 'Resident to'],
        ['nb-hue-1', 'quang-tri', '2026-01-01', '2026-12-31'],
      ]),
      { as: USERS.admin },
    );
    expect(register.report?.rows[0]).toMatchObject({ action: 'update', changes: ['Resident province'] });
  });
});

describe('press-card verifications', () => {
  const history = async (as: string) =>
    expectJson<{ items: Verification[]; current: Verification | null }>(
      await h.call('GET', '/journalists/nb-0001/verifications', { as }),
      200,
    );

  it('are kept as a history that another province can add to but never replace', async () => {
    const qt = await expectJson<Verification>(
      await h.call('POST', '/journalists/nb-0001/verifications', {
        as: USERS.supervisor,
        body: { method: 'ministry_register', note: 'Tra cứu ngày 20/11' },
      }),
      201,
    );
    expect(qt).toMatchObject({
      result: 'verified',
      method: 'ministry_register',
      provinceId: 'quang-tri',
      agencyId: 'qt-so-vhttdl',
      verifiedBy: USERS.supervisor,
    });

    // Huế does not deal with nb-0001: refused, and nothing is written.
    for (const [method, path] of [
      ['PUT', '/journalists/nb-0001/verification'],
      ['POST', '/journalists/nb-0001/verifications'],
    ] as const)
      await expectProblem(
        await asHue('hueSupervisor', method, path, { method: 'press_card_seen', result: 'not_verified' }),
        403,
        'outside_your_province',
      );
    await expectProblem(
      await asHue('hueSupervisor', 'GET', '/journalists/nb-0001/verifications'),
      403,
      'outside_your_province',
    );
    expect((await history(USERS.supervisor)).items).toEqual([qt]);

    // Once nb-0001 is also resident in Huế, Huế's finding is a second record; Quảng Trị's stays as it was.
    await expectJson(
      await h.call('POST', '/journalists/nb-0001/resident-registrations', {
        as: CENTRAL_ADMIN,
        body: { provinceId: 'hue', validFrom: '2026-06-01', validTo: '2027-05-31' },
      }),
      201,
    );
    const hue = await expectJson<Verification>(
      await asHue('hueSupervisor', 'PUT', '/journalists/nb-0001/verification', {
        method: 'press_card_seen',
        result: 'not_verified',
        note: 'Thẻ đã hết hạn\ntheo bản gốc',
      }),
      200,
    );
    expect(hue).toMatchObject({ result: 'not_verified', provinceId: 'hue', agencyId: 'hue' });
    const both = await history(USERS.supervisor);
    expect(both.items).toEqual([qt, hue]);
    expect(both.current).toEqual(hue);
    const detail = await expectJson<JournalistView>(
      await h.call('GET', '/journalists/nb-0001', { as: USERS.admin }),
      200,
    );
    expect(detail.verification).toMatchObject({ result: 'not_verified', provinceId: 'hue' });

    const central = await expectJson<Verification>(
      await h.call('POST', '/journalists/nb-0001/verifications', {
        as: CENTRAL_ADMIN,
        body: { method: 'letter_from_press_organisation', documentUrl: 'https://example.org/thu.pdf' },
      }),
      201,
    );
    expect(central).toMatchObject({ provinceId: null, agencyId: 'bo-vhttdl' });
    expect((await history(CENTRAL_ADMIN)).items.map((v) => v.id)).toEqual([qt.id, hue.id, central.id]);
  });

  it('are recorded and read by supervisors and administrators only, with checked input', async () => {
    for (const as of [USERS.clerk, USERS.head, USERS.reporter]) {
      await expectProblem(
        await h.call('GET', '/journalists/nb-0001/verifications', { as }),
        403,
        'role_required',
      );
      await expectProblem(
        await h.call('POST', '/journalists/nb-0001/verifications', {
          as,
          body: { method: 'press_card_seen' },
        }),
        403,
        'role_required',
      );
    }
    await expectProblem(
      await h.call('POST', '/journalists/nobody/verifications', {
        as: USERS.supervisor,
        body: { method: 'press_card_seen' },
      }),
      404,
    );
    for (const body of [
      { method: 'guessed' },
      { method: 'press_card_seen', result: 'maybe' },
      { method: 'press_card_seen', documentUrl: 'javascript:alert(1)' },
      { method: 'press_card_seen', documentUrl: 'https://example.org/a\nb' },
      { method: 'press_card_seen', note: 'x'.repeat(1001) },
      { method: 'press_card_seen', extra: true },
    ])
      await expectProblem(
        await h.call('POST', '/journalists/nb-0001/verifications', { as: USERS.supervisor, body }),
        422,
      );
  });
});
