// Who may import and export what: every route of api/routes/imports.ts for every role, including a commune
// clerk who must not touch another commune's spokespersons and a central administrator who may touch all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.ts';
import { expectJson, expectProblem, USERS } from '../support/api-helpers.ts';
import {
  agenciesInExport,
  csv,
  runImport,
  SPOKESPERSON_HEADERS as H,
  upload,
} from '../support/import-helpers.ts';

let h: Harness;
const tokens: Record<'communeClerk' | 'centralAdmin', string> = { communeClerk: '', centralAdmin: '' };
beforeAll(async () => {
  h = await startHarness({ withWorker: false });
  const mint = async (sub: string, roles: ('agency_staff' | 'admin')[], agencyId?: string) =>
    (await h.issuer.mint({ sub, name: sub, roles, agencyId })).token;
  tokens.communeClerk = await mint('bo-trach-van-thu', ['agency_staff'], 'qt-xa-bo-trach');
  // Central because the registry records the ministry as central (issue 6: a token without agency is refused).
  tokens.centralAdmin = await mint('admin-trung-uong', ['admin'], 'bo-vhttdl');
});
afterAll(async () => h?.close());

let n = 0;
const rowFor = (agency: string) => {
  n += 1;
  return [
    '',
    agency,
    `Người Thử ${n}`,
    'Người phát ngôn',
    'Phó Chủ tịch',
    '0912 000 000',
    '',
    '2025-07-01',
    '',
    '',
    '',
    '',
  ];
};
const spokespersons = (...agencies: string[]) => csv([H, ...agencies.map(rowFor)]);
const journalists = csv([
  ['Họ và tên', 'Cơ quan báo chí', 'Số thẻ nhà báo', 'Hạn thẻ nhà báo'],
  ['Ngô Thị Quyền', 'Báo Lao Động', 'LD-4242', '2031-01-01'],
]);

describe('POST /imports/{kind}', () => {
  it('refuses the anonymous, journalists and supervisors before reading the file', async () => {
    await expectProblem(await upload(h, 'spokespersons', spokespersons('qt-so-yte')), 401, 'unauthorized');
    for (const as of [USERS.reporter, USERS.supervisor]) {
      await expectProblem(await upload(h, 'spokespersons', 'garbage', { as }), 403, 'role_required');
      await expectProblem(await upload(h, 'journalists', 'garbage', { as }), 403, 'role_required');
    }
  });

  it('lets agency users import their own agency only: other agencies are row errors', async () => {
    for (const as of [USERS.clerk, USERS.spokesperson, USERS.head]) {
      const job = await runImport(h, 'spokespersons', spokespersons('qt-so-yte', 'qt-so-xay-dung'), { as });
      expect(job.report?.rows.map((r) => r.action)).toEqual(['create', 'error']);
      expect(job.report?.rows[1]?.errors).toEqual([
        {
          column: 'Cơ quan (mã)',
          message: 'you may not manage agency qt-so-xay-dung',
          code: 'agency_not_allowed',
          params: { agencyId: 'qt-so-xay-dung' },
        },
      ]);
    }
    const foreign = await runImport(h, 'spokespersons', spokespersons('qt-so-yte'), {
      as: USERS.foreignClerk,
      mode: 'apply',
    });
    expect(foreign).toMatchObject({ status: 'failed', report: { summary: { error: 1 } } });
    expect(foreign.report?.rows[0]?.errors?.[0]?.message).toBe('you may not manage agency qt-so-yte');
  });

  it("a commune clerk cannot add or edit another commune's spokespersons", async () => {
    const token = tokens.communeClerk;
    const job = await runImport(h, 'spokespersons', spokespersons('qt-xa-bo-trach', 'qt-phuong-dong-hoi'), {
      token,
    });
    expect(job.report?.rows.map((r) => r.errors?.[0]?.message ?? r.action)).toEqual([
      'create',
      'you may not manage agency qt-phuong-dong-hoi',
    ]);
    // An update by Id of the other commune's entry (created by an administrator) is refused as well.
    const created = await runImport(h, 'spokespersons', spokespersons('qt-phuong-dong-hoi'), {
      as: USERS.admin,
      mode: 'apply',
    });
    const id = created.report!.rows[0]!.id!;
    const edit = await runImport(
      h,
      'spokespersons',
      csv([
        ['Id', 'Phone'],
        [id, '0999 999 999'],
      ]),
      {
        token,
        mode: 'apply',
      },
    );
    expect(edit).toMatchObject({ status: 'failed' });
    expect(edit.report?.rows[0]?.errors?.[0]?.message).toBe('you may not manage agency qt-phuong-dong-hoi');
  });

  it("administrators manage their province's agencies; central administrators all", async () => {
    const provincial = await runImport(h, 'spokespersons', spokespersons('qt-thue', 'hue-so-yte'), {
      as: USERS.admin,
    });
    expect(provincial.report?.rows.map((r) => r.errors?.[0]?.message ?? r.action)).toEqual([
      'create',
      'you may not manage agency hue-so-yte',
    ]);
    const central = await runImport(h, 'spokespersons', spokespersons('qt-thue', 'hue-so-yte'), {
      token: tokens.centralAdmin,
      mode: 'apply',
    });
    expect(central).toMatchObject({ status: 'done', report: { summary: { create: 2 } } });
  });

  it('journalists are imported by administrators only', async () => {
    for (const as of [USERS.clerk, USERS.head, USERS.spokesperson]) {
      await expectProblem(await upload(h, 'journalists', journalists, { as }), 403, 'role_required');
    }
    const job = await runImport(h, 'journalists', journalists, { as: USERS.admin, mode: 'apply' });
    expect(job).toMatchObject({ status: 'done', report: { summary: { create: 1 } } });
  });
});

describe('GET /imports/{jobId}', () => {
  it('shows a job to its creator and administrators only', async () => {
    const job = await runImport(h, 'spokespersons', spokespersons('qt-so-yte'), { as: USERS.clerk });
    const path = `/imports/${job.id}`;
    await expectProblem(await h.call('GET', path), 401);
    for (const as of [USERS.clerk, USERS.admin]) await expectJson(await h.call('GET', path, { as }), 200);
    for (const as of [USERS.officer, USERS.foreignClerk, USERS.reporter, USERS.supervisor])
      await expectProblem(await h.call('GET', path, { as }), 404, 'not_found');
    await expectProblem(await h.call('GET', '/imports/imp-none', { as: USERS.admin }), 404, 'not_found');
  });
});

describe('GET /exports/{file}', () => {
  it('spokespersons: agency users get their agency, administrators their province, central all', async () => {
    await expectProblem(await h.call('GET', '/exports/spokespersons.csv'), 401);
    for (const as of [USERS.reporter, USERS.supervisor])
      await expectProblem(await h.call('GET', '/exports/spokespersons.csv', { as }), 403, 'role_required');
    for (const as of [USERS.clerk, USERS.head]) {
      const own = await agenciesInExport(await h.call('GET', '/exports/spokespersons.csv', { as }));
      expect([...own]).toEqual(['qt-so-yte']);
    }
    await expectProblem(
      await h.call('GET', '/exports/spokespersons.csv?agencyId=qt-so-xay-dung', { as: USERS.clerk }),
      403,
      'not_your_agency',
    );
    const province = await agenciesInExport(
      await h.call('GET', '/exports/spokespersons.csv', { as: USERS.admin }),
    );
    expect(province.has('qt-so-yte') && province.has('qt-thue') && !province.has('hue-so-yte')).toBe(true);
    for (const query of ['provinceId=hue', 'agencyId=hue-so-yte'])
      await expectProblem(
        await h.call('GET', `/exports/spokespersons.csv?${query}`, { as: USERS.admin }),
        403,
        'outside_your_province',
      );
    const central = await h.app.request('/api/v1/exports/spokespersons.csv?provinceId=hue', {
      headers: { authorization: `Bearer ${tokens.centralAdmin}` },
    });
    const hue = [...(await agenciesInExport(central))];
    expect(hue).toContain('hue-so-yte');
    expect(hue.every((id) => id?.startsWith('hue'))).toBe(true);
  });

  it('journalists (with phones and e-mails): administrators and supervisors only', async () => {
    await expectProblem(await h.call('GET', '/exports/journalists.xlsx'), 401);
    for (const as of [USERS.reporter, USERS.clerk, USERS.head, USERS.spokesperson])
      await expectProblem(await h.call('GET', '/exports/journalists.csv', { as }), 403, 'role_required');
    for (const as of [USERS.supervisor, USERS.admin]) {
      const response = await h.call('GET', '/exports/journalists.csv', { as });
      expect(await response.text()).toContain('an.nguyen@example.vn');
    }
    await expectProblem(await h.call('GET', '/exports/contacts.csv', { as: USERS.admin }), 400);
  });
});
