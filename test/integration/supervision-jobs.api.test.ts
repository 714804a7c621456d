// The department's long jobs (issue 8): a bulk reminder that issues one letter per agency with overdue
// contacts and records it on each of them, and province reports in XLSX and CSV, both as durable jobs with
// progress, refused to those who may not start or read them.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactView } from '../../domain/information-request/index.ts';
import { eventually, expectJson, expectProblem, openRequest, USERS } from '../support/api-helpers.ts';
import { durationRule, PROVINCE_RULES } from '../support/rules.ts';
import { startHarness, type Harness } from '../support/harness.ts';

let h: Harness;
const overdue: { yte: string[]; xd: string[] } = { yte: [], xd: [] };

interface Job {
  id: string;
  provinceId: string | null;
  status: string;
  progress: { done: number; total: number };
  error: string | null;
}
interface BulkJob extends Job {
  letters: { agencyId: string; documentId: string; number: string; contactIds: string[]; reminded: number }[];
}
interface ReportJob extends Job {
  period: string;
  format: string;
  downloadUrl: string | null;
  overdueUrl: string | null;
}

const rule = (clock: string, span: string) =>
  durationRule('information_request', clock, span, 'PT1S', 'PT1H');

const read = async (id: string) =>
  expectJson<ContactView>(await h.call('GET', `/contacts/${id}`, { as: USERS.supervisor }), 200);

async function finished<T extends Job>(path: string, as: string = USERS.supervisor): Promise<T> {
  return eventually(
    async () => expectJson<T>(await h.call('GET', path, { as }), 200),
    (job) => job.status === 'done' || job.status === 'failed',
    60_000,
  );
}

beforeAll(async () => {
  h = await startHarness();
  // First responses due two seconds after submission: the contacts below are overdue within seconds.
  await expectJson(
    await h.call('PUT', PROVINCE_RULES, {
      as: USERS.admin,
      body: { items: [rule('first_response', 'PT2S'), rule('answer', 'PT1H')] },
    }),
    200,
  );
  for (let i = 0; i < 2; i++) overdue.yte.push((await openRequest(h, { subject: `Quá hạn Y tế ${i}` })).id);
  overdue.xd.push((await openRequest(h, { agencyId: 'qt-so-xay-dung', subject: 'Quá hạn Xây dựng' })).id);
  for (const id of [...overdue.yte, ...overdue.xd])
    await eventually(
      () => read(id),
      (v) => v.overdue === true,
    );
}, 180_000);
afterAll(async () => h?.close());

describe('a bulk reminder', () => {
  it('issues one letter per agency naming its overdue contacts, and records it on each of them', async () => {
    const started = await h.call('POST', '/reminders/bulk', {
      as: USERS.supervisor,
      headers: { 'idempotency-key': 'bulk-reminder-test-1' },
      body: { message: 'Đề nghị các cơ quan trả lời ngay các yêu cầu quá hạn.' },
    });
    const job = await expectJson<BulkJob>(started, 202);
    // The same key is the same job.
    const again = await expectJson<BulkJob>(
      await h.call('POST', '/reminders/bulk', {
        as: USERS.supervisor,
        headers: { 'idempotency-key': 'bulk-reminder-test-1' },
        body: { message: 'Đề nghị các cơ quan trả lời ngay các yêu cầu quá hạn.' },
      }),
      202,
    );
    expect(again.id).toBe(job.id);
    // The same key for another message is a mistake, not a retry (review finding: it got the first job, 202).
    await expectProblem(
      await h.call('POST', '/reminders/bulk', {
        as: USERS.supervisor,
        headers: { 'idempotency-key': 'bulk-reminder-test-1' },
        body: { message: 'Một lời nhắc khác.' },
      }),
      409,
      'idempotency_key_reused',
    );

    const done = await finished<BulkJob>(`/reminders/bulk/${job.id}`);
    expect(done.status).toBe('done');
    expect(done.progress.done).toBe(done.progress.total);
    const byAgency = Object.fromEntries(done.letters.map((l) => [l.agencyId, l]));
    expect([...byAgency['qt-so-yte']!.contactIds].sort()).toEqual([...overdue.yte].sort());
    expect(byAgency['qt-so-xay-dung']!.contactIds).toEqual(overdue.xd);
    expect(byAgency['qt-so-yte']!.reminded).toBe(2);
    expect(byAgency['qt-so-yte']!.number).not.toBe(byAgency['qt-so-xay-dung']!.number);

    for (const id of overdue.yte) {
      const view = await read(id);
      const letters = view.timeline.filter((e) => e.type === 'reminder_letter');
      expect(letters).toHaveLength(1);
      expect(letters[0]!.data).toMatchObject({ documentId: byAgency['qt-so-yte']!.documentId });
      expect(view.timeline.filter((e) => e.type === 'remind')).toHaveLength(1);
      const documents = await expectJson<{ items: { id: string; contactIds: string[] }[] }>(
        await h.call('GET', `/contacts/${id}/documents`, { as: USERS.head }),
        200,
      );
      expect(documents.items.map((d) => d.id)).toEqual([byAgency['qt-so-yte']!.documentId]);
      expect([...documents.items[0]!.contactIds].sort()).toEqual([...overdue.yte].sort());
    }
    // The auditor follows the job and may start none; nor may agency staff.
    await expectJson(await h.call('GET', `/reminders/bulk/${job.id}`, { as: USERS.auditor }), 200);
    for (const as of [USERS.auditor, USERS.clerk, USERS.head, USERS.centralAdmin])
      await expectProblem(
        await h.call('POST', '/reminders/bulk', {
          as,
          body: { provinceId: 'quang-tri', message: 'Không được' },
        }),
        403,
      );
    await expectProblem(await h.call('GET', `/reminders/bulk/${job.id}`, { as: USERS.clerk }), 403);
    await expectProblem(
      await h.call('POST', '/reminders/bulk', { as: USERS.supervisor, body: { message: '' } }),
      422,
    );
  }, 120_000);
});

describe('a province report', () => {
  it('is generated as an XLSX with a sheet per kind and the overdue contacts, downloadable afterwards', async () => {
    const job = await expectJson<ReportJob>(
      await h.call('POST', '/reports', { as: USERS.auditor, body: { period: '2026-12', format: 'xlsx' } }),
      202,
    );
    expect(job).toMatchObject({ period: '2026-12', format: 'xlsx', downloadUrl: null });
    const done = await finished<ReportJob>(`/reports/${job.id}`, USERS.auditor);
    expect(done.status).toBe('done');
    expect(done.progress.total).toBeGreaterThan(0);
    expect(done.progress.done).toBe(done.progress.total);
    expect(done.downloadUrl).toBe(`/api/v1/reports/${job.id}/file`);
    const file = await h.call('GET', `/reports/${job.id}/file`, { as: USERS.supervisor });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toBe(
      'attachment; filename="bao-cao-quang-tri-2026-12.xlsx"',
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await file.arrayBuffer());
    const names = book.worksheets.map((w) => w.name);
    expect(names).toContain('Tổng hợp');
    expect(names).toContain('Quá hạn');
    expect(names.length).toBeGreaterThanOrEqual(4);
    const overdueSheet = book.getWorksheet('Quá hạn')!;
    const cells: string[] = [];
    overdueSheet.eachRow((row) => row.eachCell((cell) => cells.push(cell.text)));
    for (const id of [...overdue.yte, ...overdue.xd]) expect(cells).toContain(id);
    const listed = await expectJson<{ items: ReportJob[] }>(
      await h.call('GET', '/reports', { as: USERS.supervisor }),
      200,
    );
    expect(listed.items.map((r) => r.id)).toContain(job.id);
  }, 120_000);

  it('is generated as CSV, with the overdue contacts as a second file', async () => {
    const job = await expectJson<ReportJob>(
      await h.call('POST', '/reports', { as: USERS.supervisor, body: { period: '2026-Q4', format: 'csv' } }),
      202,
    );
    const done = await finished<ReportJob>(`/reports/${job.id}`);
    expect(done.overdueUrl).toBe(`/api/v1/reports/${job.id}/file?part=overdue`);
    const main = await h.call('GET', `/reports/${job.id}/file`, { as: USERS.supervisor });
    expect(main.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await main.arrayBuffer());
    // A UTF-8 BOM, so Excel reads the Vietnamese text as UTF-8 (text() would hide it).
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('Sở Y tế tỉnh Quảng Trị');
    const overdueCsv = await (
      await h.call('GET', `/reports/${job.id}/file?part=overdue`, { as: USERS.supervisor })
    ).text();
    for (const id of [...overdue.yte, ...overdue.xd]) expect(overdueCsv).toContain(id);
  }, 120_000);

  // Review finding: an Idempotency-Key reused for another province or period silently returned the first job
  // (202), where contacts answer 409 `idempotency_key_reused`.
  it('is the same job for a retry with the same key, and refuses the key for another report', async () => {
    const report = { provinceId: 'quang-tri', period: '2026-11', format: 'csv' };
    const post = (body: Record<string, string>) =>
      h.call('POST', '/reports', {
        as: USERS.centralAdmin,
        headers: { 'idempotency-key': 'report-key-reuse-1' },
        body,
      });
    const job = await expectJson<ReportJob>(await post(report), 202);
    expect((await expectJson<ReportJob>(await post(report), 202)).id).toBe(job.id);
    for (const other of [
      { ...report, provinceId: 'hue' },
      { ...report, period: '2026-10' },
      { ...report, format: 'xlsx' },
    ]) {
      const refused = await expectProblem(await post(other), 409, 'idempotency_key_reused');
      expect(refused).toMatchObject({ jobId: job.id });
    }
    const done = await finished<ReportJob>(`/reports/${job.id}`, USERS.centralAdmin);
    expect(done).toMatchObject({ status: 'done', period: '2026-11', format: 'csv' });
    expect(done.provinceId).toBe('quang-tri');
    // A retry after the job completed answers the same job and runs nothing again (a bulk reminder's retry
    // would otherwise send its letters twice): the workflow's one run stays the completed one.
    const run = await h.client.workflow.getHandle(job.id).describe();
    expect((await expectJson<ReportJob>(await post(report), 202)).id).toBe(job.id);
    const after = await h.client.workflow.getHandle(job.id).describe();
    expect(after.runId).toBe(run.runId);
    expect(after.status.name).toBe('COMPLETED');
  }, 120_000);

  it('refuses bad periods, other provinces and readers who oversee nothing', async () => {
    for (const period of ['2026-13', '2026-Q5', '26', 'x'])
      await expectProblem(
        await h.call('POST', '/reports', { as: USERS.supervisor, body: { period, format: 'xlsx' } }),
        422,
      );
    await expectProblem(
      await h.call('POST', '/reports', { as: USERS.supervisor, body: { period: '2026', format: 'pdf' } }),
      422,
    );
    await expectProblem(
      await h.call('POST', '/reports', {
        as: USERS.supervisor,
        body: { provinceId: 'hue', period: '2026', format: 'csv' },
      }),
      403,
      'outside_your_province',
    );
    await expectProblem(
      await h.call('POST', '/reports', { as: USERS.centralAdmin, body: { period: '2026', format: 'csv' } }),
      403,
      'province_required',
    );
    for (const as of [USERS.reporter, USERS.clerk])
      await expectProblem(
        await h.call('POST', '/reports', { as, body: { period: '2026', format: 'csv' } }),
        403,
      );
    await expectProblem(await h.call('GET', '/reports/BC-doesnotexist', { as: USERS.supervisor }), 404);
  });
});
