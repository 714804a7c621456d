/**
 * @module
 * Gathers a province's report for a month, quarter or year (issue 8): the responsiveness figures per agency
 * for each contact kind (the same query as `GET /statistics/agencies`, so the report and the screen agree)
 * and the contacts overdue now. Rendering is `documents/report`'s; this module only reads.
 */
import { toLocalDate, type CalendarData } from '../../domain/calendar/index.ts';
import { CONTACT_KIND_DEFINITIONS, IMPLEMENTED_KINDS } from '../../domain/contact/kinds.ts';
import { workingDaysSince } from '../../domain/supervision/board.ts';
import { DEFAULT_MINIMUM_N, REPORTED_CLOCKS } from '../../domain/statistics/responsiveness.ts';
import {
  KIND_LABELS,
  REPORT_DEFINITIONS,
  type OverdueRow,
  type ProvinceReport,
  type ReportPeriod,
} from '../../documents/report/index.ts';
import type { Em } from '../../db/orm.ts';
import { agencyStatistics } from './agency-statistics.ts';
import { calendarAround } from './settings.ts';

/** The most overdue contacts one report lists (the oldest due first); more would make a sheet unreadable. */
export const OVERDUE_LIMIT = 50_000;

async function overdueNow(em: Em, provinceId: string, now: number, cal: CalendarData): Promise<OverdueRow[]> {
  const rows = await em.execute<
    {
      id: string;
      kind: keyof typeof KIND_LABELS;
      agency_id: string;
      agency_name: string;
      subject: string;
      status: string;
      clock: string;
      due_at: string | Date;
      escalation_level: number;
    }[]
  >(
    `select c.id, c.kind, c.agency_id, a.name as agency_name, c.subject, c.status, k.clock, k.due_at,
       c.escalation_level
     from contact c join agency a on a.id = c.agency_id
     join contact_clock k on k.contact_id = c.id and k.stopped_at is null and k.due_at < ?
     where c.open and c.province_id = ?
     order by k.due_at, c.id
     limit ${OVERDUE_LIMIT}`,
    [new Date(now), provinceId],
  );
  return rows.map((r) => {
    const due = new Date(r.due_at).getTime();
    return {
      contactId: r.id,
      kind: r.kind,
      kindLabel: KIND_LABELS[r.kind],
      agencyId: r.agency_id,
      agencyName: r.agency_name,
      subject: r.subject,
      status: r.status,
      clock: r.clock,
      dueAt: new Date(due).toISOString(),
      workingDaysOverdue: workingDaysSince(cal, due, now),
      escalationLevel: r.escalation_level,
    };
  });
}

/**
 * The report's data. `onProgress(done, total)` is called after each kind and after the overdue list, so a
 * job can show how far it is.
 */
export async function gatherProvinceReport(
  em: Em,
  input: { provinceId: string; period: ReportPeriod; now: number; minimumN?: number },
  onProgress: (done: number, total: number) => Promise<void> = () => Promise.resolve(),
): Promise<ProvinceReport> {
  const minimumN = input.minimumN ?? DEFAULT_MINIMUM_N;
  const province = await em.execute<{ name: string }[]>('select name from agency where id = ?', [
    input.provinceId,
  ]);
  const total = IMPLEMENTED_KINDS.length + 1;
  const kinds = [];
  for (const [index, kind] of IMPLEMENTED_KINDS.entries()) {
    const agencies = await agencyStatistics(em, {
      provinceId: input.provinceId,
      from: input.period.from,
      to: input.period.to,
      kind,
      minimumN,
      now: input.now,
    });
    kinds.push({
      kind,
      label: KIND_LABELS[kind],
      clocks: REPORTED_CLOCKS.filter((c) => CONTACT_KIND_DEFINITIONS[kind].clocks.includes(c)),
      agencies: agencies.sort((a, b) => a.agencyName.localeCompare(b.agencyName, 'vi')),
    });
    await onProgress(index + 1, total);
  }
  const cal = await calendarAround(em, Number(toLocalDate(input.now).slice(0, 4)));
  const overdue = await overdueNow(em, input.provinceId, input.now, cal);
  await onProgress(total, total);
  return {
    provinceId: input.provinceId,
    provinceName: province[0]?.name ?? input.provinceId,
    period: input.period,
    generatedAt: new Date(input.now).toISOString(),
    minimumN,
    definitions: [...REPORT_DEFINITIONS],
    kinds,
    overdue,
  };
}
