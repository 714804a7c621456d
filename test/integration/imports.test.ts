// Spokesperson imports and exports against a real database: dry runs with row-by-row reports, all-or-nothing
// applies, round trips through CSV and XLSX, formulas refused and neutralised. Bad files and journalists are
// in imports.files.test.ts and imports.journalists.test.ts; who may do what in imports.authorization.test.ts.
import { bulkWriteSpokespersons } from '../../db/repositories/spokespersons.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failInterruptedImports } from '../../api/services/imports.ts';
import { ImportJob, Spokesperson, SpokespersonChange } from '../../db/entities/index.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { eventually, expectJson, USERS } from '../support/api-helpers.ts';
import {
  actions,
  csv,
  download,
  readXlsx,
  runImport,
  SPOKESPERSON_HEADERS as H,
  upload,
  type JobView,
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
    expect(two?.row).toBe(3);
    // Each error has a stable code beside its English message, and the values the message names.
    expect(two?.errors).toEqual([
      { column: 'Từ ngày', message: 'expected a date YYYY-MM-DD or DD/MM/YYYY', code: 'bad_date' },
    ]);
    expect(three?.errors?.[0]).toMatchObject({ column: 'Chức vụ', code: 'formula' });
    expect(three?.errors?.[0]?.message).toMatch(/^looks like a spreadsheet formula/);
    expect(four!.errors![0]).toEqual({
      column: 'Cơ quan (mã)',
      message: "no agency 'khong-co'",
      code: 'unknown_agency',
      params: { agencyId: 'khong-co' },
    });
    expect(five!.errors!.map((e) => e.column)).toEqual(['Đến ngày', 'Số văn bản', 'Người ủy quyền (mã)']);
    // The registry's rules are worded by the domain in both languages; the message stays Vietnamese.
    expect(five!.errors![0]).toEqual({
      column: 'Đến ngày',
      message: 'Việc ủy quyền phải có thời hạn: nhập ngày kết thúc.',
      code: 'spokesperson_rule',
      params: {
        vi: 'Việc ủy quyền phải có thời hạn: nhập ngày kết thúc.',
        en: 'an authorization is for a fixed period',
      },
    });
    expect(job.report?.failure).toBeUndefined();
    expect(await counts()).toEqual(before);
  });

  it('apply: one bad row and nothing is written; corrected, every row is written with its feed entry', async () => {
    const before = await counts();
    const rows = [H, person('Lê Thị A1'), person('Lê Thị A2'), person('Lê Thị A3', { start: 'hôm qua' })];
    const failed = await runImport(h, 'spokespersons', csv(rows), { as: USERS.clerk, mode: 'apply' });
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/1 row\(s\) have errors; nothing was written/);
    // The failure's code travels with the report that shows which rows to fix.
    expect(failed.report?.failure).toEqual({ code: 'import_rows_invalid', params: { errors: 1 } });
    expect(actions(failed)).toEqual(['create', 'create', 'error']);
    expect(failed.report?.rows[2]?.errors).toEqual([
      { column: 'Từ ngày', message: 'expected a date YYYY-MM-DD or DD/MM/YYYY', code: 'bad_date' },
    ]);
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
    expect(moved.report?.rows[0]?.errors?.[0]?.code).toBe('agency_change');
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
      code: 'formula',
    });
  });
});

describe('jobs', () => {
  // PGlite has one connection, held by the apply's transaction: there progress shows only at the end.
  it('applies a large file in bulk, reporting progress as it goes', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => person(`Người Số ${i}`, { agency: 'qt-thue' }));
    const response = await upload(h, 'spokespersons', csv([H, ...rows]), { as: USERS.admin, mode: 'apply' });
    const { jobId } = await expectJson<{ jobId: string }>(response, 202);
    const job = await eventually(
      () => h.call('GET', `/imports/${jobId}`, { as: USERS.admin }).then((r) => expectJson<JobView>(r, 200)),
      (j) => j.status === 'done' || j.status === 'failed',
      120_000,
    );
    expect(job).toMatchObject({ status: 'done', processed: 1200, total: 1200 });
    // The bulk path reports after each chunk of rows (the job row shows it on PostgreSQL; PGlite's single
    // connection only shows the end), and every entry still reaches the change feed, in order.
    const progress: number[] = [];
    const more = Array.from({ length: 900 }, (_, i) => ({
      kind: 'create' as const,
      record: {
        id: `bulk-${i}`,
        agencyId: 'qt-thue',
        fullName: `Người Thêm ${i}`,
        roleType: 'spokesperson' as const,
        title: 'Chuyên viên',
        phone: '0232 3822 777',
        email: null,
        termStart: '2026-01-01',
        termEnd: null,
        authorizedCase: null,
        delegatedById: null,
        documentNumber: null,
        documentDate: null,
        documentUrl: null,
        topics: null,
      },
    }));
    await h.orm.em.fork().transactional((tx) =>
      bulkWriteSpokespersons(
        tx,
        more,
        { sub: USERS.admin, name: 'Admin', roles: ['admin'] },
        new Date(),
        (n) => {
          progress.push(n);
          return Promise.resolve();
        },
      ),
    );
    expect(progress).toEqual([400, 800, 900]);
    const feed = await h.orm.em
      .fork()
      .execute<{ spokesperson_id: string }[]>(
        `select spokesperson_id from spokesperson_change where spokesperson_id like 'bulk-%' order by id`,
      );
    expect(feed.map((f) => f.spokesperson_id)).toEqual(more.map((m) => m.record.id));
  });

  it('marks jobs a stopped server left queued or running as failed', async () => {
    const em = h.orm.em.fork();
    const base = { kind: 'spokespersons', mode: 'apply', fileName: null, total: 5, processed: 2 } as const;
    const job = (id: string, status: 'queued' | 'running' | 'done') => ({
      ...base,
      id,
      status,
      report: null,
      error: null,
      createdBy: USERS.admin,
      createdAt: new Date(),
      finishedAt: null,
    });
    await em.insert(ImportJob, job('imp-left-running', 'running'));
    await em.insert(ImportJob, job('imp-left-queued', 'queued'));
    await em.insert(ImportJob, job('imp-finished', 'done'));
    expect(await failInterruptedImports(em)).toBe(2);
    const ids = ['imp-finished', 'imp-left-queued', 'imp-left-running'];
    const after = await h.orm.em.fork().find(ImportJob, { id: { $in: ids } }, { orderBy: { id: 'asc' } });
    expect(after).toMatchObject([
      { id: 'imp-finished', status: 'done' },
      { id: 'imp-left-queued', status: 'failed', error: expect.stringMatching(/server stopped/) as string },
      { id: 'imp-left-running', status: 'failed' },
    ]);
  });
});
