/**
 * @module
 * The province report as CSV (UTF-8 with BOM, comma-separated, CRLF; `formatCsv`): the agencies of every
 * kind in one file with the kind in its own columns, and the overdue contacts in another. Rates are
 * fractions 0..1 with a point (`0.8`), working days decimals, as in the API's JSON; suppressed agencies keep
 * their counts and leave the figures empty. Text that a spreadsheet could run as a formula (`=`, `+`, `-`,
 * `@`, tab, CR) is prefixed with `'`, as every export of ours does.
 */
import { formatCsv } from '../../api/services/csv.ts';
import { neutraliseForExport } from '../../domain/registry/import-rows.ts';
import { REPORTED_CLOCKS } from '../../domain/statistics/responsiveness.ts';
import { CLOCK_LABELS, clockLabel, formatVietnamTime, type ProvinceReport } from './model.ts';

const number = (value: number | null): string =>
  value === null || !Number.isFinite(value) ? '' : String(Number(value.toFixed(4)));

/** The header of `renderReportCsv`. */
export const REPORT_CSV_HEADERS: readonly string[] = [
  'Mã loại',
  'Loại hồ sơ',
  'Mã cơ quan',
  'Cơ quan',
  'Tiếp nhận',
  ...REPORTED_CLOCKS.flatMap((clock) => [
    `Tỷ lệ đúng hạn (0-1) — ${CLOCK_LABELS[clock]}`,
    `Trung vị (ngày làm việc) — ${CLOCK_LABELS[clock]}`,
    `P90 (ngày làm việc) — ${CLOCK_LABELS[clock]}`,
  ]),
  'Đang mở',
  'Quá hạn',
  'Số lần đôn đốc',
  'Ẩn (dưới ngưỡng)',
];

/** One row per agency per kind, kinds in the report's order; every clock has its columns. */
export function renderReportCsv(report: ProvinceReport): string {
  const rows = report.kinds.flatMap((section) =>
    section.agencies.map((a) => {
      const figure = (value: number | null) => (a.suppressed ? '' : number(value));
      return [
        section.kind,
        neutraliseForExport(section.label),
        neutraliseForExport(a.agencyId),
        neutraliseForExport(a.agencyName),
        number(a.received),
        ...REPORTED_CLOCKS.flatMap((clock) => [
          figure(a.onTimeRate[clock]),
          figure(a.medianWorkingDays[clock]),
          figure(a.p90WorkingDays[clock]),
        ]),
        number(a.openNow),
        number(a.overdueNow),
        number(a.remindersReceived),
        a.suppressed ? 'Có' : 'Không',
      ];
    }),
  );
  return formatCsv(REPORT_CSV_HEADERS, rows);
}

/** The header of `renderOverdueCsv`. */
export const OVERDUE_CSV_HEADERS: readonly string[] = [
  'Mã hồ sơ',
  'Mã loại',
  'Loại hồ sơ',
  'Mã cơ quan',
  'Cơ quan',
  'Nội dung',
  'Trạng thái',
  'Thời hạn',
  'Hạn xử lý (giờ Việt Nam)',
  'Hạn xử lý (ISO 8601)',
  'Số ngày làm việc quá hạn',
  'Mức đôn đốc',
];

/** The contacts overdue when the report was generated, in the report's order. */
export function renderOverdueCsv(report: ProvinceReport): string {
  const rows = report.overdue.map((o) =>
    [
      o.contactId,
      o.kind,
      o.kindLabel,
      o.agencyId,
      o.agencyName,
      o.subject,
      o.statusLabel ?? o.status,
      clockLabel(o.clock),
      formatVietnamTime(o.dueAt),
      o.dueAt,
    ]
      .map(neutraliseForExport)
      .concat([number(o.workingDaysOverdue), number(o.escalationLevel)]),
  );
  return formatCsv(OVERDUE_CSV_HEADERS, rows);
}
