/** Helpers for import/export tests: upload a file, follow the job, download an export, build files. */
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { ImportReport } from '../../api/services/imports.ts';
import { XLSX_MIME } from '../../api/services/spreadsheets.ts';
import { eventually, expectJson } from './api-helpers.ts';
import type { Harness } from './harness.ts';

export interface JobView {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  total: number;
  processed: number;
  report: ImportReport | null;
  error: string | null;
}

export const SPOKESPERSON_HEADERS = [
  'Mã',
  'Cơ quan (mã)',
  'Họ và tên',
  'Loại',
  'Chức vụ',
  'Điện thoại',
  'Email',
  'Từ ngày',
  'Đến ngày',
  'Số văn bản',
  'Ngày văn bản',
  'Người ủy quyền (mã)',
];

/** CSV text (comma-separated, quoted where needed). */
export function csv(rows: string[][]): string {
  return rows
    .map((r) => r.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(','))
    .join('\r\n');
}

export async function xlsx(rows: ExcelJS.CellValue[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  for (const r of rows) sheet.addRow(r);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export async function readXlsx(bytes: Uint8Array): Promise<ExcelJS.CellValue[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as never);
  const rows: ExcelJS.CellValue[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
  return rows;
}

export async function upload(
  h: Harness,
  kind: string,
  body: string | Uint8Array,
  options: { as?: string; mode?: 'dry_run' | 'apply'; type?: string; token?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = {
    'content-type': options.type ?? (typeof body === 'string' ? 'text/csv' : XLSX_MIME),
    'x-file-name': encodeURIComponent('danh sách.csv'),
  };
  const token = options.token ?? (options.as ? await h.tokenFor(options.as) : undefined);
  if (token) headers.authorization = `Bearer ${token}`;
  return h.app.request(`/api/v1/imports/${kind}?mode=${options.mode ?? 'dry_run'}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
  });
}

/** Uploads, expects 202 and follows the job until it ends. */
export async function runImport(
  h: Harness,
  kind: string,
  body: string | Uint8Array,
  options: { as?: string; mode?: 'dry_run' | 'apply'; token?: string } = {},
): Promise<JobView> {
  const response = await upload(h, kind, body, options);
  const { jobId } = await expectJson<{ jobId: string }>(response, 202);
  expect(response.headers.get('location')).toBe(`/api/v1/imports/${jobId}`);
  const token = options.token ?? (await h.tokenFor(options.as!));
  const job = await eventually(
    async () =>
      expectJson<JobView>(
        await h.app.request(`/api/v1/imports/${jobId}`, { headers: { authorization: `Bearer ${token}` } }),
        200,
      ),
    (j) => j.status === 'done' || j.status === 'failed',
    60_000,
  );
  expect(['done', 'failed']).toContain(job.status);
  return job;
}

export async function download(
  h: Harness,
  path: string,
  as: string,
): Promise<{ status: number; bytes: Uint8Array; headers: Headers }> {
  const response = await h.call('GET', path, { as });
  return {
    status: response.status,
    bytes: new Uint8Array(await response.arrayBuffer()),
    headers: response.headers,
  };
}

/** Rows of a report by action, for short assertions. */
export const actions = (job: JobView) => job.report?.rows.map((r) => r.action) ?? [];

/** The agency ids (second column) of a spokesperson CSV export, after checking that it answered 200. */
export async function agenciesInExport(response: Response): Promise<Set<string | undefined>> {
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return new Set(
    text
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(',')[1]),
  );
}
