/**
 * @module
 * The department's report on agency responsiveness in a province over a month, quarter or year (SPEC.md C4),
 * as plain data the renderers turn into XLSX or CSV: one section per contact kind with the figures of
 * `GET /statistics/agencies`, and the contacts overdue when the report was generated. Also the reporting
 * periods (`'2026-11'`, `'2026-Q4'`, `'2026'`), the default definitions printed on the cover, and the
 * Vietnam-time formatting the documents share.
 */
import { localDate, VIETNAM_UTC_OFFSET_MS, type LocalDate } from '../../domain/calendar/index.ts';
import type {
  AgencyResponsiveness,
  PerClock,
  ReportedClock,
} from '../../domain/statistics/responsiveness.ts';
import type { ContactKind } from '../../domain/vocabulary.ts';

export type { PerClock, ReportedClock };

/**
 * One agency's figures for one contact kind: the row `GET /statistics/agencies` returns (its type extends the
 * domain's, so the two cannot drift apart).
 */
export interface AgencyRow extends AgencyResponsiveness {
  /** The agency's identifier in the registry. */
  agencyId: string;
  /** The agency's name as the registry spells it (Vietnamese). */
  agencyName: string;
  /** Contacts of this kind submitted to the agency within the period. */
  received: number;
  /** Per clock, the share (0..1) of clocks stopped on or before their due time; null when none or suppressed. */
  onTimeRate: PerClock;
  /** Per clock, the median working days taken by the clocks stopped; null when none or suppressed. */
  medianWorkingDays: PerClock;
  /** Per clock, the 90th percentile of working days taken; null when none or suppressed. */
  p90WorkingDays: PerClock;
  /** Contacts of this kind not yet concluded when the report was generated (whenever received). */
  openNow: number;
  /** Of those open, the ones past a due time or escalated when the report was generated. */
  overdueNow: number;
  /** Reminders (`remind`) the agency received within the period on contacts of this kind. */
  remindersReceived: number;
  /** Fewer than `minimumN` received: the renderers leave rates and working days blank whatever they hold. */
  suppressed: boolean;
}

/** The agencies' figures for one contact kind; one sheet of the workbook. */
export interface KindSection {
  kind: ContactKind;
  /** The kind's name in Vietnamese (`KIND_LABELS[kind]` by default); also the sheet's name, shortened if need be. */
  label: string;
  /** The clocks this kind has, in column order (all of `REPORTED_CLOCKS` when left out). */
  clocks?: readonly ReportedClock[];
  /** In the order they are to be shown (the API's: slowest on-time rate first). */
  agencies: AgencyRow[];
}

/** A contact overdue when the report was generated; one row of the sheet 'Quá hạn'. */
export interface OverdueRow {
  contactId: string;
  /** The contact kind's code (`information_request`, …). */
  kind: string;
  /** The kind's name in Vietnamese. */
  kindLabel: string;
  agencyId: string;
  agencyName: string;
  /** The contact's subject as the journalist wrote it (shown as text, never run as a formula). */
  subject: string;
  /** The status's code (`in_progress`, …). */
  status: string;
  /** The status's name in Vietnamese, shown instead of the code when given. */
  statusLabel?: string;
  /** The overdue clock's code (`first_response`, `answer`, `record_result`); shown by its Vietnamese name. */
  clock: string;
  /** The clock's due time, an ISO 8601 instant. */
  dueAt: string;
  /** Working days past the due time (the day it fell due not counted). */
  workingDaysOverdue: number;
  /** How far the contact has been escalated (0 = not yet). */
  escalationLevel: number;
}

/** A reporting period: a month, a quarter or a year, as whole Vietnamese calendar days. */
export interface ReportPeriod {
  /** `'2026-11'`, `'2026-Q4'` or `'2026'`. */
  label: string;
  /** First day, inclusive (`YYYY-MM-DD`). */
  from: LocalDate;
  /** Last day, inclusive (`YYYY-MM-DD`). */
  to: LocalDate;
}

/** A term and its definition, printed on the report's cover. */
export interface Definition {
  term: string;
  /** Vietnamese first, then English on a new line. */
  text: string;
}

/** Everything one report shows. */
export interface ProvinceReport {
  provinceId: string;
  /** The province's name in Vietnamese (`'Tỉnh Lào Cai'`). */
  provinceName: string;
  period: ReportPeriod;
  /** When the figures were read, an ISO 8601 instant ("now" of `openNow`, `overdueNow` and the overdue list). */
  generatedAt: string;
  /** Below this many contacts received an agency's rates are suppressed. */
  minimumN: number;
  /** Printed on the cover; `REPORT_DEFINITIONS` unless a department words them its own way. */
  definitions: Definition[];
  /** One section per contact kind, in sheet order. */
  kinds: KindSection[];
  /** The contacts overdue at `generatedAt`, in the order they are to be shown. */
  overdue: OverdueRow[];
}

/** The contact kinds' names in Vietnamese. */
export const KIND_LABELS: Readonly<Record<ContactKind, string>> = {
  information_request: 'Yêu cầu cung cấp thông tin',
  appointment: 'Đề nghị làm việc',
  walk_in: 'Làm việc trực tiếp tại cơ quan',
  difficulty_report: 'Phản ánh khó khăn, cản trở',
};

/** The clocks' names in Vietnamese, as the widgets show them. */
export const CLOCK_LABELS: Readonly<Record<ReportedClock, string>> = {
  first_response: 'Phản hồi đầu tiên',
  answer: 'Trả lời',
  record_result: 'Ghi nhận kết quả',
};

/** A clock's Vietnamese name; an unknown code as it is. */
export function clockLabel(clock: string): string {
  return Object.hasOwn(CLOCK_LABELS, clock) ? CLOCK_LABELS[clock as ReportedClock] : clock;
}

/** The default definitions of the report's figures, Vietnamese then English. */
export const REPORT_DEFINITIONS: readonly Definition[] = [
  {
    term: 'Tỷ lệ đúng hạn (On-time rate)',
    text:
      'Tỷ lệ số thời hạn đã dừng (đã phản hồi, trả lời hoặc ghi nhận kết quả) vào đúng hoặc trước thời điểm đến hạn, trên tổng số thời hạn đã dừng của các hồ sơ tiếp nhận trong kỳ. Tính riêng cho từng loại thời hạn (phản hồi đầu tiên, trả lời, ghi nhận kết quả), không bao giờ gộp chung.\n' +
      'The share of clocks stopped (first response given, answer given, result recorded) on or before their due time, among all clocks stopped of the contacts received in the period. Computed for each clock separately (first response, answer, record result), never mixed.',
  },
  {
    term: 'Trung vị (ngày làm việc) (Median working days)',
    text:
      'Một nửa số thời hạn đã dừng được xử lý trong số ngày làm việc này trở xuống. Ngày làm việc đếm theo lịch làm việc của cơ quan nhà nước Việt Nam (không tính thứ Bảy, Chủ nhật, ngày nghỉ lễ, Tết, ngày nghỉ bù; tính các ngày làm bù), không tính ngày tiếp nhận và không tính những ngày thời hạn tạm dừng (chẳng hạn khi chờ phóng viên bổ sung thông tin). Tính riêng cho từng loại thời hạn.\n' +
      'Half of the clocks stopped took this many working days or fewer. Working days follow the Vietnamese civil-service calendar (Saturdays, Sundays, public holidays, Tết and compensatory days off excluded; make-up working days included); the day of receipt is not counted, nor are days the clock was paused (e.g. waiting for the journalist to clarify). Per clock.',
  },
  {
    term: 'P90 (ngày làm việc) (90th percentile of working days)',
    text:
      '90% số thời hạn đã dừng được xử lý trong số ngày làm việc này trở xuống; ngày làm việc đếm như đối với trung vị. Tính riêng cho từng loại thời hạn.\n' +
      '90% of the clocks stopped took this many working days or fewer, counted as for the median. Per clock.',
  },
  {
    term: 'Đang mở (Open now)',
    text:
      'Số hồ sơ của cơ quan chưa kết thúc (chưa đóng, từ chối, chuyển đi hoặc rút lại) tại thời điểm lập báo cáo, không phụ thuộc ngày tiếp nhận.\n' +
      'Contacts of the agency not concluded (not closed, declined, forwarded or withdrawn) when the report was generated, whenever they were received.',
  },
  {
    term: 'Quá hạn (Overdue now)',
    text:
      'Trong số hồ sơ đang mở, số hồ sơ đã quá thời điểm đến hạn hoặc đã bị đôn đốc, tại thời điểm lập báo cáo.\n' +
      'Of the open contacts, those past their due time or already escalated when the report was generated.',
  },
  {
    term: 'Số lần đôn đốc (Reminders received)',
    text:
      'Số lần cơ quan nhận văn bản đôn đốc trong kỳ báo cáo đối với các hồ sơ thuộc loại này.\n' +
      'Reminders the agency received during the period on contacts of this kind.',
  },
  {
    term: 'Ẩn (dưới ngưỡng) (Suppressed below the minimum)',
    text:
      'Cơ quan tiếp nhận ít hơn số hồ sơ tối thiểu ghi ở trên trong kỳ: không công bố tỷ lệ đúng hạn và số ngày làm việc (để trống, không ghi 0% hay 100%) vì quá ít hồ sơ để có ý nghĩa; các số đếm vẫn được ghi.\n' +
      'The agency received fewer contacts in the period than the minimum stated above: its on-time rates and working days are left blank (not shown as 0% or 100%), too few cases to mean anything; its counts are still shown.',
  },
];

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

/**
 * The period a label names: a month `'YYYY-MM'`, a quarter `'YYYY-Qn'` or a year `'YYYY'`, for years
 * 2000–2100; `undefined` for anything else (no padding, spaces, lower-case `q` or other forms).
 * @example parseReportPeriod('2028-02') // { label: '2028-02', from: '2028-02-01', to: '2028-02-29' }
 * @example parseReportPeriod('2026-Q4') // { label: '2026-Q4', from: '2026-10-01', to: '2026-12-31' }
 */
export function parseReportPeriod(label: string): ReportPeriod | undefined {
  const match = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$/.exec(label);
  if (!match) return undefined;
  const year = Number(match[1]);
  if (year < MIN_YEAR || year > MAX_YEAR) return undefined;
  const [first, last] = match[2]
    ? [Number(match[2]), Number(match[2])]
    : match[3]
      ? [Number(match[3]) * 3 - 2, Number(match[3]) * 3]
      : [1, 12];
  // Day 0 of the next month is the last day of `last`.
  return { label, from: localDate(year, first, 1), to: localDate(year, last + 1, 0) };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The wall-clock fields of an instant in Vietnam (UTC+7, no DST), or `undefined` for an invalid instant. */
export function vietnamWallClock(instant: string | number): Date | undefined {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  if (!Number.isFinite(ms)) return undefined;
  // A Date whose UTC fields read as Vietnam's local time.
  return new Date(ms + VIETNAM_UTC_OFFSET_MS);
}

/**
 * An instant as `dd/MM/yyyy HH:mm` (with `:ss` when asked) in Vietnam time; `''` for an invalid instant.
 * @example formatVietnamTime('2026-12-01T02:05:00Z') // '01/12/2026 09:05'
 */
export function formatVietnamTime(instant: string | number, options: { seconds?: boolean } = {}): string {
  const d = vietnamWallClock(instant);
  if (!d) return '';
  const date = `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return `${date} ${time}${options.seconds ? `:${pad(d.getUTCSeconds())}` : ''}`;
}

/** A `YYYY-MM-DD` date as `dd/MM/yyyy`. */
export function formatLocalDate(d: LocalDate): string {
  const [y, m, day] = d.split('-');
  return `${day}/${m}/${y}`;
}
