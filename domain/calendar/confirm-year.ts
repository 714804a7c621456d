/**
 * @module
 * An administrator's confirmation of a year's working-day calendar (issue 11): the days off (holidays,
 * compensatory days, extra days off such as the optional 24 November) and the weekend days worked instead,
 * checked against the year and each other, sorted, and marked `confirmed`.
 */
import { InvalidInputError } from '../errors.ts';
import { isWeekend, yearOf, type LocalDate } from './local-date.ts';
import type { DayOff, WorkingWeekendDay, YearSchedule } from './year-schedule.ts';

export interface YearConfirmation {
  daysOff: DayOff[];
  workingWeekendDays: WorkingWeekendDay[];
  sources?: string[] | undefined;
}

type Issue = { path: string; message: string; messageEn: string };

/** The confirmed schedule of `year`, or a 422 naming every date at fault. */
export function confirmYear(year: number, input: YearConfirmation): YearSchedule {
  const issues: Issue[] = [];
  const seen = new Map<LocalDate, string>();
  const check = (date: LocalDate, path: string) => {
    if (yearOf(date) !== year)
      issues.push({
        path,
        message: `Ngày ${date} không thuộc năm ${year}.`,
        messageEn: `${date} is not in ${year}.`,
      });
    const earlier = seen.get(date);
    if (earlier)
      issues.push({
        path,
        message: `Ngày ${date} đã có ở ${earlier}.`,
        messageEn: `${date} is already listed at ${earlier}.`,
      });
    else seen.set(date, path);
  };
  input.daysOff.forEach((d, i) => check(d.date, `daysOff.${i}.date`));
  input.workingWeekendDays.forEach((d, i) => {
    const path = `workingWeekendDays.${i}.date`;
    check(d.date, path);
    if (!isWeekend(d.date))
      issues.push({
        path,
        message: `Ngày ${d.date} không phải thứ Bảy hay Chủ nhật: chỉ ngày cuối tuần mới cần ghi là ngày làm bù.`,
        messageEn: `${d.date} is not a Saturday or Sunday: only weekend days are listed as worked.`,
      });
  });
  if (issues.length) {
    throw new InvalidInputError('invalid_calendar', issues[0]!.message, {
      issues,
      detailEn: issues[0]!.messageEn,
    });
  }
  const byDate = <T extends { date: LocalDate }>(a: T, b: T) => (a.date < b.date ? -1 : 1);
  return {
    year,
    status: 'confirmed',
    daysOff: input.daysOff.map((d) => ({ date: d.date, kind: d.kind, name: d.name })).sort(byDate),
    workingWeekendDays: input.workingWeekendDays.map((d) => ({ date: d.date, name: d.name })).sort(byDate),
    sources: [...(input.sources ?? [])],
  };
}
