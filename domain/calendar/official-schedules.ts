/**
 * @module
 * The government's confirmed schedules of days off, written out by hand so that a reviewer can compare each
 * line with the notice it comes from (DOMAIN.md §6).
 *
 * Each schedule starts from what the law gives ({@link deriveYearSchedule}) and applies that year's decisions
 * of the Prime Minister: where the Tết and National Day days fall, and which weekdays are swapped with a
 * working Saturday (hoán đổi). `test/domain/calendar/official-schedules.test.ts` lists every difference from the
 * derived schedule. Add a year here as soon as its notices are out; until then the calendar derives it.
 */
import { LABOUR_CODE_ART_112_SOURCE } from './year-schedule.ts';
import type { YearSchedule } from './year-schedule.ts';

/**
 * 2025 (MoLISA, then the Ministry of Home Affairs), 22 days off in all:
 * - New Year: Wed 1 Jan.
 * - Tết Ất Tỵ: off Sat 25 Jan – Sun 2 Feb. The PM placed the 5 Tết days on Mon 27 – Fri 31 Jan instead of
 *   Tết eve Tue 28 Jan – Sat 1 Feb, so there is no compensatory day on Mon 3 Feb.
 * - Hùng Kings: Mon 7 Apr (off Sat 5 – Mon 7 Apr).
 * - 30 Apr – 1 May (Wed–Thu), Fri 2 May swapped with Sat 26 Apr: off Wed 30 Apr – Sun 4 May.
 * - National Day: Mon 1 and Tue 2 Sep (off Sat 30 Aug – Tue 2 Sep).
 */
const SCHEDULE_2025: YearSchedule = {
  year: 2025,
  status: 'confirmed',
  daysOff: [
    { date: '2025-01-01', kind: 'holiday', name: 'Tết Dương lịch' },
    { date: '2025-01-27', kind: 'holiday', name: 'Tết Nguyên đán' },
    { date: '2025-01-28', kind: 'holiday', name: 'Tết Nguyên đán' },
    { date: '2025-01-29', kind: 'holiday', name: 'Tết Nguyên đán' },
    { date: '2025-01-30', kind: 'holiday', name: 'Tết Nguyên đán' },
    { date: '2025-01-31', kind: 'holiday', name: 'Tết Nguyên đán' },
    { date: '2025-04-07', kind: 'holiday', name: 'Giỗ Tổ Hùng Vương' },
    { date: '2025-04-30', kind: 'holiday', name: 'Ngày Chiến thắng' },
    { date: '2025-05-01', kind: 'holiday', name: 'Ngày Quốc tế lao động' },
    { date: '2025-05-02', kind: 'extra_day_off', name: 'Nghỉ hoán đổi (làm bù thứ Bảy 26/04/2025)' },
    { date: '2025-09-01', kind: 'holiday', name: 'Quốc khánh' },
    { date: '2025-09-02', kind: 'holiday', name: 'Quốc khánh' },
  ],
  workingWeekendDays: [{ date: '2025-04-26', name: 'Làm bù cho thứ Sáu 02/05/2025' }],
  sources: [
    LABOUR_CODE_ART_112_SOURCE,
    'https://en.baochinhphu.vn/three-days-off-in-celebration-for-hung-kings-commemoration-day-111250304153250976.htm',
  ],
};

/**
 * 2026 (Ministry of Home Affairs):
 * - New Year: Thu 1 Jan, Fri 2 Jan swapped with Sat 10 Jan (document 12729/VPCP-KGVX of 25 Dec 2025): off
 *   Thu 1 – Sun 4 Jan, and Sat 10 Jan is a working day.
 * - Tết Bính Ngọ: off Sat 14 – Sun 22 Feb; the 5 Tết days are Mon 16 (Tết eve) – Fri 20 Feb.
 * - Hùng Kings: Sun 26 Apr, compensatory day Mon 27 Apr.
 * - 30 Apr – 1 May: Thu–Fri (off Thu 30 Apr – Sun 3 May).
 * - National Day: ⚠ the Ministry proposed 5 days off but we have not seen the final decision, so this keeps
 *   the statutory minimum (Tue 1 and Wed 2 Sep, the derived default). Update it when the notice is out.
 */
const SCHEDULE_2026: YearSchedule = {
  year: 2026,
  status: 'confirmed',
  daysOff: [
    { date: '2026-01-01', kind: 'holiday', name: 'Tết Dương lịch' },
    { date: '2026-01-02', kind: 'extra_day_off', name: 'Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)' },
    { date: '2026-02-16', kind: 'holiday', name: 'Tết Nguyên đán' },
    { date: '2026-02-17', kind: 'holiday', name: 'Tết Nguyên đán' },
    { date: '2026-02-18', kind: 'holiday', name: 'Tết Nguyên đán' },
    { date: '2026-02-19', kind: 'holiday', name: 'Tết Nguyên đán' },
    { date: '2026-02-20', kind: 'holiday', name: 'Tết Nguyên đán' },
    { date: '2026-04-26', kind: 'holiday', name: 'Giỗ Tổ Hùng Vương' },
    { date: '2026-04-27', kind: 'compensatory', name: 'Nghỉ bù Giỗ Tổ Hùng Vương' },
    { date: '2026-04-30', kind: 'holiday', name: 'Ngày Chiến thắng' },
    { date: '2026-05-01', kind: 'holiday', name: 'Ngày Quốc tế lao động' },
    { date: '2026-09-01', kind: 'holiday', name: 'Quốc khánh' },
    { date: '2026-09-02', kind: 'holiday', name: 'Quốc khánh' },
  ],
  workingWeekendDays: [{ date: '2026-01-10', name: 'Làm bù cho thứ Sáu 02/01/2026' }],
  sources: [
    LABOUR_CODE_ART_112_SOURCE,
    'https://baohiemxahoi.gov.vn/tintuc/audio/Pages/default.aspx?CateID=0&ItemID=25908&OtItem=date',
    'http://www.congan.com.vn/?catid=702&id=388656&mod=detnews',
    'https://thanhnien.vn/gio-to-hung-vuong-304-15-quoc-khanh-29-nam-2026-duoc-nghi-may-ngay-185260223083506397.htm',
    'https://baomoi.net.vn/tag/T%E1%BA%BFt-%C3%82m-l%E1%BB%8Bch-2026.epi',
  ],
};

/** Every confirmed schedule, oldest first. Frozen: copy it (see `defaultCalendar`) before changing anything. */
export const OFFICIAL_SCHEDULES: readonly YearSchedule[] = Object.freeze([SCHEDULE_2025, SCHEDULE_2026]);
