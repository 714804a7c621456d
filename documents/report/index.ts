/**
 * @module
 * The department's report on agency responsiveness for a month, quarter or year (SPEC.md C4): the data it
 * shows (`ProvinceReport`), its periods and definitions, and pure renderers to XLSX and CSV. No database, no
 * Temporal, no HTTP: the caller gathers the figures and stores or serves the bytes.
 *
 * @example
 * const period = parseReportPeriod('2026-Q4');
 * const bytes = await renderReportXlsx({ ...report, period, definitions: [...REPORT_DEFINITIONS] }, heartbeat);
 */
export {
  CLOCK_LABELS,
  clockLabel,
  formatLocalDate,
  formatVietnamTime,
  KIND_LABELS,
  parseReportPeriod,
  REPORT_DEFINITIONS,
  vietnamWallClock,
} from './model.ts';
export type {
  AgencyRow,
  Definition,
  KindSection,
  OverdueRow,
  PerClock,
  ProvinceReport,
  ReportedClock,
  ReportPeriod,
} from './model.ts';
export { COVER_SHEET, OVERDUE_SHEET, renderReportXlsx, sheetName } from './xlsx.ts';
export { OVERDUE_CSV_HEADERS, REPORT_CSV_HEADERS, renderOverdueCsv, renderReportCsv } from './csv.ts';
