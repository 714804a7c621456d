/**
 * Spreadsheet import benchmark: 15,000 spokespersons of ~3,400 agencies of the demo province (a head, a
 * spokesperson and authorized persons per agency), as CSV and XLSX. Times the parsing, a dry run and an
 * apply of creates (CSV), then a dry run and an apply of 15,000 updates (XLSX), through the same job
 * runner the API uses. BENCH_SCALE scales the row count.
 */
import type { Actor } from '../domain/actor.ts';
import { exportColumns } from '../domain/registry/import-rows.ts';
import { ImportJob } from '../db/entities/index.ts';
import type { Orm } from '../db/orm.ts';
import { DEMO_PROVINCE_ID } from '../db/seeders/demo-data.ts';
import { startImport, type ImportMode, type ImportReport } from '../api/services/imports.ts';
import { readTable, writeTable, type SheetFormat } from '../api/services/spreadsheets.ts';
import { report } from './stats.ts';

const ADMIN: Actor = {
  sub: 'admin-quang-tri',
  name: 'Bench admin',
  roles: ['admin'],
  agencyId: DEMO_PROVINCE_ID,
  provinceId: DEMO_PROVINCE_ID,
};

function spokespersonRows(total: number, agencies: number, phonePrefix: string): (string | null)[][] {
  const columns = exportColumns('spokespersons', 'vi');
  return Array.from({ length: total }, (_, k) => {
    const a = k % agencies;
    const nth = Math.floor(k / agencies);
    const role = nth === 0 ? 'head' : nth === 1 ? 'spokesperson' : 'authorized';
    const values: Record<string, string | null> = {
      id: role === 'head' ? `bench-head-${a}` : `bench-sp-${k}`,
      agencyId: `bench-ag-${a}`,
      fullName: `Nguyễn Văn Thử ${k}`,
      roleType: role,
      title: role === 'head' ? 'Chủ tịch UBND' : 'Phó Chủ tịch UBND',
      phone: `${phonePrefix} ${String(k).padStart(6, '0')}`,
      email: `nguoi${k}@bench.gov.vn`,
      termStart: '2025-07-01',
      termEnd: role === 'authorized' ? '2026-12-31' : null,
      documentNumber: role === 'authorized' ? `${k}/QĐ-UBND` : null,
      documentDate: role === 'authorized' ? '2025-06-20' : null,
      delegatedById: role === 'authorized' ? `bench-head-${a}` : null,
      topics: 'Đất đai, xây dựng, an sinh xã hội',
    };
    return columns.map((c) => c.format(values[c.key]));
  });
}

async function file(format: SheetFormat, rows: (string | null)[][]): Promise<Uint8Array> {
  const columns = exportColumns('spokespersons', 'vi');
  const dateColumns = columns.flatMap((c, i) => (c.isDate ? [i] : []));
  return writeTable(
    format,
    columns.map((c) => c.header),
    rows,
    { dateColumns },
  );
}

/** Runs one job to its end; returns seconds, the report and how many progress values were seen. */
async function timedJob(orm: Orm, bytes: Uint8Array, mode: ImportMode) {
  const started = performance.now();
  const { id } = await startImport(orm, { kind: 'spokespersons', mode, actor: ADMIN, bytes, fileName: null });
  const seen = new Set<number>();
  for (;;) {
    const job = await orm.em.fork().findOneOrFail(ImportJob, { id });
    seen.add(job.processed);
    if (job.status === 'done' || job.status === 'failed') {
      const seconds = (performance.now() - started) / 1000;
      if (job.status === 'failed') throw new Error(`bench import failed: ${job.error ?? ''}`);
      return { seconds, report: job.report as ImportReport, progressValues: seen.size };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function benchImport(orm: Orm): Promise<void> {
  const total = Math.max(10, Math.round(15_000 * Number(process.env.BENCH_SCALE ?? '1')));
  const agencies = Math.max(3, Math.round(total / 4.4));
  await orm.em.fork().execute(
    `insert into agency (id, name, level, kind, parent_id, province_id, created_at)
     select 'bench-ag-' || g, 'UBND xã Thử Nghiệm ' || g, 'commune', 'commune_peoples_committee', ?, ?, now()
     from generate_series(0, ? - 1) g on conflict (id) do nothing`,
    [DEMO_PROVINCE_ID, DEMO_PROVINCE_ID, agencies],
  );
  const created = spokespersonRows(total, agencies, '0912');
  const changed = spokespersonRows(total, agencies, '0988');
  const t0 = performance.now();
  const csv = await file('csv', created);
  const xlsx = await file('xlsx', changed);
  report('import: write CSV + XLSX', {
    rows: total,
    seconds: (performance.now() - t0) / 1000,
    csv_kb: csv.length / 1024,
    xlsx_kb: xlsx.length / 1024,
  });
  for (const [name, bytes] of [
    ['CSV', csv],
    ['XLSX', xlsx],
  ] as const) {
    const started = performance.now();
    const table = await readTable(bytes);
    const seconds = (performance.now() - started) / 1000;
    report(`import: parse ${name}`, {
      rows: table.rows.length,
      seconds,
      rows_per_s: table.rows.length / seconds,
    });
  }
  const runs: [string, Uint8Array, ImportMode, keyof ImportReport['summary']][] = [
    ['import: dry run CSV (creates)', csv, 'dry_run', 'create'],
    ['import: apply CSV (creates)', csv, 'apply', 'create'],
    ['import: dry run XLSX (updates)', xlsx, 'dry_run', 'update'],
    ['import: apply XLSX (updates)', xlsx, 'apply', 'update'],
  ];
  for (const [name, bytes, mode, expected] of runs) {
    const { seconds, report: r, progressValues } = await timedJob(orm, bytes, mode);
    if (r.summary[expected] !== total) throw new Error(`${name}: ${JSON.stringify(r.summary)}`);
    report(name, { rows: total, seconds, rows_per_s: total / seconds, progress_values: progressValues });
  }
}
