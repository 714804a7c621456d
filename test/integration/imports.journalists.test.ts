// Journalist imports and exports: press cards checked (expiry, uniqueness), e-mails, resident registrations
// in the administrator's province only, round trips, updates matched by press card number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Journalist, ResidentRegistration } from '../../db/entities/index.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { USERS } from '../support/api-helpers.ts';
import { csv, download, runImport } from '../support/import-helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ withWorker: false });
});
afterAll(async () => h?.close());

describe('journalist imports', () => {
  const JH = [
    'Mã',
    'Họ và tên',
    'Cơ quan báo chí',
    'Số thẻ nhà báo',
    'Hạn thẻ nhà báo',
    'Email',
    'Điện thoại',
    'Thường trú tại tỉnh (mã)',
    'Thường trú từ ngày',
    'Thường trú đến ngày',
  ];

  it('creates journalists with their registrations, checking cards, e-mails and provinces', async () => {
    const rows = [
      JH,
      [
        '',
        'Phạm Thị Tin',
        'Báo Quảng Trị',
        'QT-0001',
        '31/12/2030',
        'tin@baoqt.vn',
        '0912 111 222',
        'quang-tri',
        '01/01/2026',
        '31/12/2026',
      ],
      ['', 'Phạm Văn Cũ', 'Báo Quảng Trị', 'QT-0002', '31/12/2020', 'cu@baoqt', '', '', '', ''],
      ['nb-moi', 'Trùng Thẻ', 'Báo X', 'ND-12345', '31/12/2030', '', '', 'hue', '01/01/2026', '31/12/2026'],
      ['', 'Phạm Thị Tin 2', 'Báo Quảng Trị', 'QT-0001', '31/12/2030', '', '', '', '', ''],
    ];
    const failed = await runImport(h, 'journalists', csv(rows), { as: USERS.admin, mode: 'apply' });
    expect(failed.status).toBe('failed');
    expect(failed.report!.rows.map((r) => r.errors?.map((e) => e.column) ?? [])).toEqual([
      [],
      ['Email', 'Hạn thẻ nhà báo'],
      ['Số thẻ nhà báo', 'Thường trú tại tỉnh (mã)'],
      ['Số thẻ nhà báo'],
    ]);
    // Each error has a stable code beside its English message, and the values the message names.
    expect(failed.report!.rows[1]!.errors).toEqual([
      { column: 'Email', message: 'not an e-mail address', code: 'bad_email' },
      {
        column: 'Hạn thẻ nhà báo',
        message: 'the press card expired on 2020-12-31',
        code: 'card_expired',
        params: { date: '2020-12-31' },
      },
    ]);
    expect(failed.report!.rows[2]!.errors).toEqual([
      {
        column: 'Số thẻ nhà báo',
        message: 'already belongs to journalist nb-0001',
        code: 'already_taken',
        params: { journalistId: 'nb-0001' },
      },
      {
        column: 'Thường trú tại tỉnh (mã)',
        message: 'you may register resident reporters only in quang-tri',
        code: 'province_not_allowed',
        params: { provinceId: 'quang-tri' },
      },
    ]);
    expect(failed.report!.rows[3]!.errors![0]).toEqual({
      column: 'Số thẻ nhà báo',
      message: 'the same value is already on row 2',
      code: 'duplicate_in_file',
      params: { row: 2 },
    });
    expect(failed.report!.failure).toEqual({ code: 'import_rows_invalid', params: { errors: 3 } });
    expect(await h.orm.em.fork().count(Journalist, { pressCardNumber: 'QT-0001' })).toBe(0);
    const job = await runImport(h, 'journalists', csv(rows.slice(0, 2)), { as: USERS.admin, mode: 'apply' });
    expect(job.status).toBe('done');
    const em = h.orm.em.fork();
    const created = await em.findOneOrFail(Journalist, { pressCardNumber: 'QT-0001' });
    expect(created).toMatchObject({ fullName: 'Phạm Thị Tin', email: 'tin@baoqt.vn' });
    expect(await em.find(ResidentRegistration, { journalistId: created.id })).toMatchObject([
      { provinceId: 'quang-tri', validFrom: '2026-01-01', validTo: '2026-12-31' },
    ]);
  });

  it('round-trips its export and updates by press card number', async () => {
    for (const path of ['/exports/journalists.xlsx', '/exports/journalists.csv']) {
      const file = await download(h, path, USERS.supervisor);
      const job = await runImport(h, 'journalists', file.bytes, { as: USERS.admin });
      expect(job.report!.summary.unchanged).toBe(job.report!.summary.total);
    }
    const job = await runImport(
      h,
      'journalists',
      csv([
        ['Press card number', 'Phone'],
        ['QT-0001', '0912 999 999'],
      ]),
      {
        as: USERS.admin,
        mode: 'apply',
      },
    );
    expect(job.report?.rows[0]).toMatchObject({ action: 'update', changes: ['Phone'] });
  });
});
