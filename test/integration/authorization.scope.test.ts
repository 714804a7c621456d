// Issue 6, defect 3: an admin token whose agency_id named no agency in the registry (or that named none)
// acted as a central admin: it could PATCH another province's agency, export every province's spokespersons
// and read the national change feed. Authority now comes from the registry: such tokens are refused, and a
// central administrator is an administrator of an agency the registry records as central.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agency } from '../../db/entities/index.ts';
import { agenciesInExport } from '../support/import-helpers.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { expectJson, expectProblem, USERS } from '../support/api-helpers.ts';

const CENTRAL_ADMIN = 'admin-trung-uong';
let h: Harness;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  h = await startHarness({ withWorker: false });
  const mint = async (sub: string, roles: ('admin' | 'supervisor' | 'agency_staff')[], agencyId?: string) =>
    (await h.issuer.mint({ sub, name: sub, roles, agencyId })).token;
  tokens.forged = await mint('forged-admin', ['admin'], 'no-such-agency');
  tokens.agencyless = await mint('agencyless-admin', ['admin']);
  tokens.agencylessSupervisor = await mint('agencyless-supervisor', ['supervisor']);
  tokens.dissolved = await mint('old-admin', ['admin'], 'qt-so-cu');
  tokens.provinceless = await mint('lost-admin', ['admin'], 'so-khong-tinh');
  tokens.centralSupervisor = await mint('cuc-bao-chi-giam-sat', ['supervisor'], 'bo-vhttdl');
  const em = h.orm.em.fork();
  // A department merged into another before today, and a provincial agency the register gives no province.
  em.create(Agency, {
    id: 'qt-so-cu',
    name: 'Sở cũ tỉnh Quảng Trị',
    nameEn: null,
    level: 'province',
    kind: 'department',
    parentId: 'quang-tri',
    provinceId: 'quang-tri',
    legacyDistrict: null,
    dissolvedOn: '2025-09-01',
    mergedIntoId: 'qt-so-yte',
  });
  em.create(Agency, {
    id: 'so-khong-tinh',
    name: 'Sở không có tỉnh',
    nameEn: null,
    level: 'province',
    kind: 'department',
    parentId: null,
    provinceId: null,
    legacyDistrict: null,
    dissolvedOn: null,
    mergedIntoId: null,
  });
  await em.flush();
});
afterAll(async () => h?.close());

async function withToken(token: string, method: string, path: string, body?: unknown): Promise<Response> {
  return await h.app.request(`/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const rename = { name: 'Sở Y tế (đổi tên trái phép)', effectiveFrom: '2026-12-01', reason: 'renamed' };
const feedProvinces = async (response: Response) =>
  new Set(
    (await expectJson<{ items: { provinceId: string | null }[] }>(response, 200)).items.map(
      (i) => i.provinceId,
    ),
  );

describe('tokens whose agency the registry does not vouch for', () => {
  it('cannot rename another province’s agency, export spokespersons or read the change feed', async () => {
    const cases = [
      [tokens.forged!, 'unknown_agency'],
      [tokens.agencyless!, 'agency_required'],
      [tokens.agencylessSupervisor!, 'agency_required'],
      [tokens.dissolved!, 'agency_dissolved'],
      [tokens.provinceless!, 'agency_without_province'],
    ] as const;
    for (const [token, code] of cases) {
      await expectProblem(await withToken(token, 'PATCH', '/agencies/hue-so-yte', rename), 403, code);
      await expectProblem(await withToken(token, 'GET', '/exports/spokespersons.csv'), 403, code);
      await expectProblem(await withToken(token, 'GET', '/exports/journalists.csv'), 403, code);
      await expectProblem(await withToken(token, 'GET', '/spokespersons/changes'), 403, code);
      await expectProblem(
        await withToken(token, 'POST', '/webhooks', { url: 'https://example.org/hook', provinceId: null }),
        403,
        code,
      );
      await expectProblem(await withToken(token, 'GET', '/journalists'), 403, code);
    }
    const history = await expectJson<{ items: { name: string }[] }>(
      await h.call('GET', '/agencies/hue-so-yte/history', { as: USERS.admin }),
      200,
    );
    expect(history.items.map((v) => v.name)).toEqual(['Sở Y tế thành phố Huế']);
  });

  it('still lets journalists in without an agency', async () => {
    const { token } = await h.issuer.mint({ sub: 'pv-khach', name: 'Phóng viên', roles: ['journalist'] });
    const me = await expectJson<{ provinceId: string | null }>(await withToken(token, 'GET', '/me'), 200);
    expect(me.provinceId).toBeNull();
  });
});

describe('the central administrator (an admin of the ministry, a central agency)', () => {
  it('manages and reads every province; a provincial administrator only theirs', async () => {
    await expectProblem(
      await h.call('PATCH', '/agencies/hue-so-yte', { as: USERS.admin, body: rename }),
      403,
      'outside_your_province',
    );
    const me = await expectJson<{ provinceId: string | null; agencyLevel: string | null }>(
      await h.call('GET', '/me', { as: CENTRAL_ADMIN }),
      200,
    );
    expect(me).toMatchObject({ provinceId: null, agencyLevel: 'central' });
    const renamed = await expectJson<{ name: string }>(
      await h.call('PATCH', '/agencies/hue-so-yte', {
        as: CENTRAL_ADMIN,
        body: { ...rename, name: 'Sở Y tế thành phố Huế (mới)' },
      }),
      200,
    );
    expect(renamed.name).toBe('Sở Y tế thành phố Huế (mới)');

    const everywhere = await agenciesInExport(
      await h.call('GET', '/exports/spokespersons.csv', { as: CENTRAL_ADMIN }),
    );
    expect(everywhere.has('hue-so-yte') && everywhere.has('qt-so-yte')).toBe(true);
    const province = await agenciesInExport(
      await h.call('GET', '/exports/spokespersons.csv', { as: USERS.admin }),
    );
    expect(province.has('qt-so-yte') && !province.has('hue-so-yte')).toBe(true);

    const url = '/spokespersons/changes?limit=1000';
    expect(await feedProvinces(await h.call('GET', url, { as: CENTRAL_ADMIN }))).toEqual(
      new Set(['quang-tri', 'hue']),
    );
    expect(await feedProvinces(await h.call('GET', url, { as: USERS.admin }))).toEqual(
      new Set(['quang-tri']),
    );
  });

  it('is an administrator: a ministry supervisor reads no province’s feed and cannot subscribe to all', async () => {
    expect(
      await feedProvinces(await withToken(tokens.centralSupervisor!, 'GET', '/spokespersons/changes')),
    ).toEqual(new Set());
    await expectProblem(
      await withToken(tokens.centralSupervisor!, 'POST', '/webhooks', {
        url: 'https://example.org/hook',
        provinceId: null,
      }),
      403,
      'outside_your_province',
    );
  });
});
