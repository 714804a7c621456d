// Spreadsheet imports and exports against a real database: dry runs with row-by-row reports, all-or-nothing
// applies, round trips through CSV and XLSX, and every kind of bad file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Journalist,
  ResidentRegistration,
  Spokesperson,
  SpokespersonChange,
} from '../../db/entities/index.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { expectProblem, USERS } from '../support/api-helpers.ts';
import {
  actions,
  csv,
  download,
  readXlsx,
  runImport,
  SPOKESPERSON_HEADERS as H,
  upload,
  xlsx,
} from '../support/import-helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ withWorker: false });
});
afterAll(async () => h?.close());

const counts = async () => {
  const em = h.orm.em.fork();
  return { people: await em.count(Spokesperson), feed: await em.count(SpokespersonChange) };
};
const person = (name: string, extra: Partial<Record<'id' | 'title' | 'start' | 'agency', string>> = {}) => [
  extra.id ?? '',
  extra.agency ?? 'qt-so-yte',
  name,
  'Người phát ngôn',
  extra.title ?? 'Phó Giám đốc',
  '0912 345 678',
  '',
  extra.start ?? '01/08/2025',
  '',
  '',
  '',
  '',
];

describe('spokesperson imports', () => {
  it('dry run: reports every row with its row number and reason, and changes nothing', async () => {
    const before = await counts();
    const file = csv([
      H,
      person('Trần Văn Một'),
      person('Trần Văn Hai', { start: '31/02/2025' }),
      person('Trần Văn Ba', { title: '=HYPERLINK("http://evil","x")' }),
      person('Trần Văn Bốn', { agency: 'khong-co' }),
      [
        '',
        'qt-so-yte',
        'Trần Văn Năm',
        'Người được ủy quyền',
        'Chuyên viên',
        '',
        'a@b.vn',
        '2025-08-01',
        '',
        '',
        '',
        '',
      ],
    ]);
    const job = await runImport(h, 'spokespersons', `\uFEFF${file}`, { as: USERS.clerk });
    expect(job).toMatchObject({ status: 'done', total: 5, processed: 5 });
    expect(job.report?.summary).toEqual({ total: 5, create: 1, update: 0, unchanged: 0, error: 4 });
    const [one, two, three, four, five] = job.report!.rows;
    expect(one).toEqual({ row: 2, action: 'create' });
    expect(two).toMatchObject({
      row: 3,
      errors: [{ column: 'Từ ngày', message: expect.stringMatching(/date/) }],
    });
    expect(three!.errors![0]).toMatchObject({ column: 'Chức vụ', message: expect.stringMatching(/formula/) });
    expect(four!.errors![0]).toEqual({ column: 'Cơ quan (mã)', message: "no agency 'khong-co'" });
    expect(five!.errors!.map((e) => e.column)).toEqual(['Đến ngày', 'Số văn bản', 'Người ủy quyền (mã)']);
    expect(await counts()).toEqual(before);
  });

  it('apply: one bad row and nothing is written; corrected, every row is written with its feed entry', async () => {
    const before = await counts();
    const rows = [H, person('Lê Thị A1'), person('Lê Thị A2'), person('Lê Thị A3', { start: 'hôm qua' })];
    const failed = await runImport(h, 'spokespersons', csv(rows), { as: USERS.clerk, mode: 'apply' });
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/1 row\(s\) have errors; nothing was written/);
    expect(actions(failed)).toEqual(['create', 'create', 'error']);
    expect(await counts()).toEqual(before);

    rows[3] = person('Lê Thị A3', { start: '2025-08-02' });
    const done = await runImport(h, 'spokespersons', csv(rows), { as: USERS.clerk, mode: 'apply' });
    expect(done).toMatchObject({ status: 'done', error: null, processed: 3 });
    expect(done.report!.rows.every((r) => r.action === 'create' && r.id?.startsWith('sp-'))).toBe(true);
    expect(await counts()).toEqual({ people: before.people + 3, feed: before.feed + 3 });

    // The same file again matches the entries it created (agency, name, role type, term start).
    const again = await runImport(h, 'spokespersons', csv(rows), { as: USERS.clerk });
    expect(actions(again)).toEqual(['unchanged', 'unchanged', 'unchanged']);
  });

  it('creates a head and a person they authorize in one file, then updates by Id', async () => {
    const head = [
      'sp-test-head',
      'qt-so-yte',
      'Võ Văn Trưởng',
      'Thủ trưởng',
      'Giám đốc',
      '',
      'gd@yte.vn',
      '2025-07-01',
      '',
      '',
      '',
      '',
    ];
    const authorized = [
      'sp-test-uq',
      'qt-so-yte',
      'Phan Thị Ủy',
      'Người được ủy quyền',
      'Chuyên viên',
      '0912000111',
      '',
      '2025-08-01',
      '2025-12-31',
      '12/QĐ-SYT',
      '30/07/2025',
      'sp-test-head',
    ];
    const job = await runImport(h, 'spokespersons', csv([H, authorized, head]), {
      as: USERS.head,
      mode: 'apply',
    });
    expect(job.report?.rows).toEqual([
      { row: 2, action: 'create', id: 'sp-test-uq' },
      { row: 3, action: 'create', id: 'sp-test-head' },
    ]);
    const update = await runImport(
      h,
      'spokespersons',
      csv([
        ['Id', 'Phone'],
        ['sp-test-uq', '+84 912 000 222'],
      ]),
      {
        as: USERS.head,
        mode: 'apply',
      },
    );
    expect(update.report?.rows).toEqual([{ row: 2, action: 'update', id: 'sp-test-uq', changes: ['Phone'] }]);
    const row = await h.orm.em.fork().findOneOrFail(Spokesperson, { id: 'sp-test-uq' });
    expect(row).toMatchObject({ phone: '+84 912 000 222', version: 2, delegatedById: 'sp-test-head' });
    const moved = await runImport(
      h,
      'spokespersons',
      csv([
        ['Id', 'Agency id'],
        ['sp-test-uq', 'qt-so-xay-dung'],
      ]),
      {
        as: USERS.admin,
      },
    );
    expect(moved.report?.rows[0]?.errors?.[0]?.message).toMatch(/cannot move to another agency/);
  });

  it('round-trips: an export (XLSX or CSV, either language) re-imports with every row unchanged', async () => {
    await runImport(h, 'spokespersons', csv([H, person('Đỗ Văn Dấu', { title: "'- Phụ trách báo chí" })]), {
      as: USERS.admin,
      mode: 'apply',
    });
    for (const path of ['/exports/spokespersons.xlsx', '/exports/spokespersons.csv?lang=en']) {
      const file = await download(h, path, USERS.admin);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="spokespersons-.*"/);
      const job = await runImport(h, 'spokespersons', file.bytes, { as: USERS.admin });
      expect(job.report!.summary.total).toBeGreaterThan(5);
      expect(job.report!.summary.unchanged).toBe(job.report!.summary.total);
    }
  });

  it('exports neutralise formula-like text (a leading apostrophe) in CSV and XLSX', async () => {
    const { bytes } = await download(h, '/exports/spokespersons.csv', USERS.admin);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM, so Excel reads UTF-8
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith('Mã,Cơ quan (mã),Họ và tên')).toBe(true);
    expect(text).toContain(",'- Phụ trách báo chí,");
    expect(text).not.toMatch(/,[=+\-@]/);
    const rows = await readXlsx((await download(h, '/exports/spokespersons.xlsx', USERS.admin)).bytes);
    expect(rows.flat()).toContain("'- Phụ trách báo chí");
    expect(rows.flat().some((v) => typeof v === 'string' && /^[=+\-@]/.test(v))).toBe(false);
    expect(rows[1]?.some((v) => v instanceof Date)).toBe(true);
  });

  it('refuses real formulas in XLSX cells', async () => {
    const file = await xlsx([H, [...person('Bùi Văn Công').slice(0, 4), { formula: 'CONCAT("a","b")' }]]);
    const job = await runImport(h, 'spokespersons', file, { as: USERS.admin });
    expect(job.report?.rows[0]?.errors).toContainEqual({
      column: 'Chức vụ',
      message: expect.stringMatching(/looks like a spreadsheet formula/) as string,
    });
  });
});

describe('bad files', () => {
  const refused = async (
    body: string | Uint8Array,
    status: number,
    code: string,
    detail: RegExp,
    type?: string,
  ) => {
    const problem = await expectProblem(
      await upload(h, 'spokespersons', body, { as: USERS.admin, type }),
      status,
      code,
    );
    expect(problem.detail).toMatch(detail);
  };

  it('says what the file is when it is no spreadsheet', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    await refused(png, 422, 'unsupported_file', /PNG image/, 'text/csv');
    await refused(
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]),
      422,
      'unsupported_file',
      /\.xls/,
    );
    await refused(new Uint8Array([7, 0, 255, 3, 0, 9]), 422, 'unsupported_file', /binary/);
    await refused(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 422, 'unsupported_file', /damaged/);
    await refused('', 422, 'empty_file', /empty/);
    await refused('Tên,Tuổi\r\nA,1', 422, 'invalid_input', /not a spokespersons list/);
  });

  it('refuses CSV that is not UTF-8, naming Windows-1258 and UTF-16', async () => {
    const cp1258 = new Uint8Array([...new TextEncoder().encode('H'), 0xf7, 0x20, 0x76, 0xe0]); // "Họ và" in Windows-1258
    await refused(cp1258, 422, 'invalid_encoding', /not valid UTF-8 .*Windows-1258 or UTF-16/);
    const utf16 = new Uint8Array([0xff, 0xfe, 0x48, 0, 0x1a, 0x1ecd]);
    await refused(utf16, 422, 'unsupported_file', /UTF-16/);
  });

  it('refuses files over 10 MB with 413, and forms with 415', async () => {
    await refused(new Uint8Array(10 * 1024 * 1024 + 1).fill(0x41), 413, 'payload_too_large', /10 MB/);
    await refused('a', 415, 'http_415', /not a form/, 'multipart/form-data; boundary=x');
  });

  it('refuses more than 20,000 rows or 30 columns', async () => {
    const many = `${H.join(',')}\r\n${'x\r\n'.repeat(20_001)}`;
    await refused(many, 422, 'too_many_rows', /more than 20000 data rows/);
    await refused(
      Array.from({ length: 31 }, (_, i) => `c${i}`).join(','),
      422,
      'too_many_columns',
      /30 columns/,
    );
  });

  it('reports an unclosed quote with its row', async () => {
    await refused(`${H.join(',')}\r\nx,"abc\r\n`, 422, 'invalid_csv', /opened on row 2/);
  });
});

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
    expect(failed.report!.rows[2]!.errors).toEqual([
      { column: 'Số thẻ nhà báo', message: 'already belongs to journalist nb-0001' },
      {
        column: 'Thường trú tại tỉnh (mã)',
        message: 'you may register resident reporters only in quang-tri',
      },
    ]);
    expect(failed.report!.rows[3]!.errors![0]!.message).toBe('the same value is already on row 2');
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
