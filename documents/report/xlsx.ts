/**
 * @module
 * The province report as an Excel workbook: a cover 'Tổng hợp' (province, period, when, minimum n, number
 * overdue, definitions), one sheet per contact kind, and 'Quá hạn' listing the contacts overdue.
 *
 * Text is always written as string cells, so a subject such as `=HYPERLINK(…)` stays text (a CSV needs a
 * prefix for that; an XLSX string cell does not, and is shown unchanged). Due times are real date cells
 * holding Vietnam's wall-clock time (`dd/mm/yyyy hh:mm`), so they sort and filter as dates.
 */
import ExcelJS from 'exceljs';
import { REPORTED_CLOCKS } from '../../domain/statistics/responsiveness.ts';
import {
  CLOCK_LABELS,
  clockLabel,
  formatLocalDate,
  formatVietnamTime,
  vietnamWallClock,
  type AgencyRow,
  type KindSection,
  type ProvinceReport,
  type ReportedClock,
} from './model.ts';

export const COVER_SHEET = 'Tổng hợp';
export const OVERDUE_SHEET = 'Quá hạn';

const PERCENT = '0.0%';
const DAYS = '0.0';
const DATE_TIME = 'dd/mm/yyyy hh:mm';
/** Excel's limit on the characters in one cell. */
const MAX_CELL_TEXT = 32_767;

type CellValue = string | number | Date | null;

/** Cell text: line ends as Excel's LF (XML would turn a lone CR into LF anyway), within Excel's length. */
const text = (value: string): string => {
  const lf = value.replace(/\r\n?/g, '\n');
  return lf.length > MAX_CELL_TEXT ? `${lf.slice(0, MAX_CELL_TEXT - 1)}…` : lf;
};

/** Sheet names Excel accepts: ≤ 31 characters, none of `[]:*?/\`, no `'` at either end, unique ignoring case. */
export function sheetName(wanted: string, taken: Set<string>, fallback: string): string {
  let base = wanted
    .normalize('NFC')
    .replace(/[[\]:*?/\\\p{Cc}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s']+|[\s']+$/g, '');
  if (!base) base = fallback;
  const free = (name: string) => !taken.has(name.toLowerCase()) && name.toLowerCase() !== 'history';
  let name = base.slice(0, 31).trimEnd();
  for (let n = 2; !free(name); n++) {
    const suffix = ` (${n})`;
    name = `${base.slice(0, 31 - suffix.length).trimEnd()}${suffix}`;
  }
  taken.add(name.toLowerCase());
  return name;
}

interface Column {
  header: string;
  width: number;
  numFmt?: string;
}

/** Adds the header row: bold, wrapped, frozen, with an autofilter. */
function addTable(
  workbook: ExcelJS.Workbook,
  name: string,
  columns: readonly Column[],
  frozenColumns: number,
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: frozenColumns, ySplit: 1 }],
  });
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  header.height = 45;
  columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = c.width;
    if (c.numFmt) column.numFmt = c.numFmt;
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return sheet;
}

function kindColumns(clocks: readonly ReportedClock[]): Column[] {
  return [
    { header: 'Mã cơ quan', width: 16 },
    { header: 'Cơ quan', width: 42 },
    { header: 'Tiếp nhận', width: 11 },
    ...clocks.flatMap((clock): Column[] => [
      { header: `Tỷ lệ đúng hạn — ${CLOCK_LABELS[clock]}`, width: 16, numFmt: PERCENT },
      { header: `Trung vị (ngày làm việc) — ${CLOCK_LABELS[clock]}`, width: 16, numFmt: DAYS },
      { header: `P90 (ngày làm việc) — ${CLOCK_LABELS[clock]}`, width: 16, numFmt: DAYS },
    ]),
    { header: 'Đang mở', width: 10 },
    { header: 'Quá hạn', width: 10 },
    { header: 'Số lần đôn đốc', width: 12 },
    { header: 'Ẩn (dưới ngưỡng)', width: 12 },
  ];
}

function agencyCells(row: AgencyRow, clocks: readonly ReportedClock[]): CellValue[] {
  const figure = (value: number | null) => (row.suppressed || value === null ? null : value);
  return [
    text(row.agencyId),
    text(row.agencyName),
    row.received,
    ...clocks.flatMap((clock) => [
      figure(row.onTimeRate[clock]),
      figure(row.medianWorkingDays[clock]),
      figure(row.p90WorkingDays[clock]),
    ]),
    row.openNow,
    row.overdueNow,
    row.remindersReceived,
    row.suppressed ? 'Có' : 'Không',
  ];
}

function addCover(workbook: ExcelJS.Workbook, report: ProvinceReport): void {
  const sheet = workbook.addWorksheet(COVER_SHEET);
  sheet.getColumn(1).width = 34;
  sheet.getColumn(2).width = 100;
  const title = sheet.addRow(['Báo cáo tình hình tiếp nhận và trả lời báo chí của các cơ quan']);
  title.font = { bold: true, size: 14 };
  sheet.addRow([]);
  const facts: [string, CellValue][] = [
    ['Tỉnh, thành phố', text(`${report.provinceName} (${report.provinceId})`)],
    [
      'Kỳ báo cáo',
      `${report.period.label}: từ ${formatLocalDate(report.period.from)} đến ${formatLocalDate(report.period.to)}`,
    ],
    ['Thời điểm lập (giờ Việt Nam)', formatVietnamTime(report.generatedAt)],
    ['Số hồ sơ tối thiểu để công bố tỷ lệ', report.minimumN],
  ];
  for (const [label, value] of facts) sheet.addRow([label, value]).getCell(1).font = { bold: true };
  sheet.addRow([]);

  sheet.addRow(['Hồ sơ quá hạn tại thời điểm lập', report.overdue.length]);
  sheet.addRow([]);

  sheet.addRow(['Định nghĩa']).font = { bold: true };
  for (const d of report.definitions) {
    const row = sheet.addRow([text(d.term), text(d.text)]);
    row.alignment = { wrapText: true, vertical: 'top' };
    row.getCell(1).font = { bold: true };
  }
  sheet.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
}

function addKind(workbook: ExcelJS.Workbook, section: KindSection, name: string): void {
  const clocks = section.clocks ?? REPORTED_CLOCKS;
  const sheet = addTable(workbook, name, kindColumns(clocks), 2);
  for (const agency of section.agencies) {
    const row = sheet.addRow(agencyCells(agency, clocks));
    if (agency.suppressed) row.font = { italic: true, color: { argb: 'FF666666' } };
  }
}

function addOverdue(workbook: ExcelJS.Workbook, report: ProvinceReport, name: string): void {
  const sheet = addTable(
    workbook,
    name,
    [
      { header: 'Mã hồ sơ', width: 24 },
      { header: 'Loại hồ sơ', width: 26 },
      { header: 'Mã cơ quan', width: 16 },
      { header: 'Cơ quan', width: 36 },
      { header: 'Nội dung', width: 50 },
      { header: 'Trạng thái', width: 18 },
      { header: 'Thời hạn', width: 18 },
      { header: 'Hạn xử lý (giờ Việt Nam)', width: 18, numFmt: DATE_TIME },
      { header: 'Số ngày làm việc quá hạn', width: 14 },
      { header: 'Mức đôn đốc', width: 10 },
    ],
    1,
  );
  for (const o of report.overdue) {
    sheet.addRow([
      text(o.contactId),
      text(o.kindLabel),
      text(o.agencyId),
      text(o.agencyName),
      text(o.subject),
      text(o.statusLabel ?? o.status),
      text(clockLabel(o.clock)),
      vietnamWallClock(o.dueAt) ?? text(o.dueAt),
      o.workingDaysOverdue,
      o.escalationLevel,
    ]);
  }
}

/**
 * The report as an XLSX workbook.
 * @param onProgress called after each sheet and once more when the file is written; `done` reaches `total`
 *   (the sheets plus one) when the bytes are ready.
 */
export async function renderReportXlsx(
  report: ProvinceReport,
  onProgress?: (done: number, total: number) => void,
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const generated = new Date(report.generatedAt);
  workbook.creator = 'Press Liaison';
  if (!Number.isNaN(generated.getTime())) workbook.created = workbook.modified = generated;
  const total = report.kinds.length + 3;
  let done = 0;
  const step = () => onProgress?.(++done, total);

  const taken = new Set([COVER_SHEET.toLowerCase(), OVERDUE_SHEET.toLowerCase()]);
  const names = report.kinds.map((k) => sheetName(k.label, taken, k.kind));
  addCover(workbook, report);
  step();
  report.kinds.forEach((section, i) => {
    addKind(workbook, section, names[i]!);
    step();
  });
  addOverdue(workbook, report, OVERDUE_SHEET);
  step();
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  step();
  return bytes;
}
