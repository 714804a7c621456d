/**
 * @module
 * Agency responsiveness over a period, from the clock read model (`contact_clock`): what the workflows
 * recorded, never parsed from workflow JSON. One query per figure family, aggregated in the database; the
 * domain turns the counts into rates and suppresses agencies with too few contacts.
 */
import { endOfLocalDay, startOfLocalDay, type LocalDate } from '../../domain/calendar/index.ts';
import {
  REPORTED_CLOCKS,
  responsiveness,
  type AgencyCounts,
  type AgencyResponsiveness,
  type ReportedClock,
} from '../../domain/statistics/responsiveness.ts';
import type { Em } from '../../db/orm.ts';

export interface StatisticsQuery {
  provinceId: string;
  from: LocalDate;
  to: LocalDate;
  kind?: string | undefined;
  minimumN: number;
  now: number;
}

const n = (value: unknown) => Number(value ?? 0);
const numberOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));

export async function agencyStatistics(
  em: Em,
  q: StatisticsQuery,
): Promise<(AgencyResponsiveness & { agencyName: string })[]> {
  const period = [new Date(startOfLocalDay(q.from)), new Date(endOfLocalDay(q.to))];
  const kind = q.kind ? ' and c.kind = ?' : '';
  const kindParam = q.kind ? [q.kind] : [];

  const agencies = await em.execute<{ id: string; name: string }[]>(
    'select id, name from agency where province_id = ? and dissolved_on is null order by name',
    [q.provinceId],
  );
  const received = await em.execute<{ agency_id: string; received: unknown }[]>(
    `select c.agency_id, count(*) as received from contact c
     where c.province_id = ? and c.submitted_at between ? and ?${kind} group by c.agency_id`,
    [q.provinceId, ...period, ...kindParam],
  );
  const clocks = await em.execute<
    { agency_id: string; clock: string; stopped: unknown; met: unknown; median: unknown; p90: unknown }[]
  >(
    `select k.agency_id, k.clock,
       count(*) filter (where k.outcome is not null) as stopped,
       count(*) filter (where k.outcome = 'met') as met,
       percentile_cont(0.5) within group (order by k.working_days_taken) filter (where k.working_days_taken is not null) as median,
       percentile_cont(0.9) within group (order by k.working_days_taken) filter (where k.working_days_taken is not null) as p90
     from contact_clock k
     where k.province_id = ? and k.submitted_at between ? and ?${kind.replace('c.kind', 'k.kind')}
     group by k.agency_id, k.clock`,
    [q.provinceId, ...period, ...kindParam],
  );
  const now = await em.execute<{ agency_id: string; open_now: unknown; overdue_now: unknown }[]>(
    `select c.agency_id, count(*) as open_now,
       count(*) filter (where c.escalation_level > 0 or c.due_at < ?) as overdue_now
     from contact c where c.province_id = ? and c.open${kind} group by c.agency_id`,
    [new Date(q.now), q.provinceId, ...kindParam],
  );
  const reminders = await em.execute<{ agency_id: string; reminders: unknown }[]>(
    `select c.agency_id, count(*) as reminders from timeline_entry t join contact c on c.id = t.contact_id
     where c.province_id = ? and t.type = 'remind' and t.at between ? and ?${kind} group by c.agency_id`,
    [q.provinceId, ...period, ...kindParam],
  );

  const names = new Map(agencies.map((a) => [a.id, a.name]));
  const counts = new Map<string, AgencyCounts>();
  const of = (agencyId: string): AgencyCounts => {
    let c = counts.get(agencyId);
    if (!c) {
      c = { agencyId, received: 0, clocks: {}, openNow: 0, overdueNow: 0, remindersReceived: 0 };
      counts.set(agencyId, c);
    }
    return c;
  };
  for (const a of agencies) of(a.id);
  for (const r of received) of(r.agency_id).received = n(r.received);
  for (const r of clocks) {
    if (!(REPORTED_CLOCKS as readonly string[]).includes(r.clock)) continue;
    of(r.agency_id).clocks[r.clock as ReportedClock] = {
      stopped: n(r.stopped),
      met: n(r.met),
      median: numberOrNull(r.median),
      p90: numberOrNull(r.p90),
    };
  }
  for (const r of now)
    Object.assign(of(r.agency_id), { openNow: n(r.open_now), overdueNow: n(r.overdue_now) });
  for (const r of reminders) of(r.agency_id).remindersReceived = n(r.reminders);
  return [...counts.values()].map((c) => ({
    ...responsiveness(c, q.minimumN),
    agencyName: names.get(c.agencyId) ?? c.agencyId,
  }));
}

export interface SeriesQuery {
  provinceId: string;
  from: LocalDate;
  to: LocalDate;
  kind?: string | undefined;
  clock: ReportedClock;
  minimumN: number;
}

/** `YYYY-MM` of every month the period touches, in order. */
export function monthsOf(from: LocalDate, to: LocalDate): string[] {
  const months: string[] = [];
  let [year, month] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const last = to.slice(0, 7);
  for (;;) {
    const label = `${year}-${String(month).padStart(2, '0')}`;
    months.push(label);
    if (label >= last) return months;
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
}

/**
 * The on-time rate of one clock per agency and month of receipt (the chart of on-time rate over time). A month
 * with fewer than `minimumN` stopped clocks has no rate, as a whole period would not.
 */
export async function agencyTrend(em: Em, q: SeriesQuery) {
  const period = [new Date(startOfLocalDay(q.from)), new Date(endOfLocalDay(q.to))];
  const kind = q.kind ? ' and k.kind = ?' : '';
  const rows = await em.execute<
    { agency_id: string; name: string; month: string; stopped: unknown; met: unknown }[]
  >(
    `select k.agency_id, a.name, to_char(k.submitted_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM') as month,
       count(*) filter (where k.outcome is not null) as stopped,
       count(*) filter (where k.outcome = 'met') as met
     from contact_clock k join agency a on a.id = k.agency_id
     where k.province_id = ? and k.submitted_at between ? and ? and k.clock = ?${kind}
     group by k.agency_id, a.name, month`,
    [q.provinceId, ...period, q.clock, ...(q.kind ? [q.kind] : [])],
  );
  const months = monthsOf(q.from, q.to);
  const series = new Map<
    string,
    { agencyId: string; agencyName: string; points: Map<string, { stopped: number; met: number }> }
  >();
  for (const r of rows) {
    let s = series.get(r.agency_id);
    if (!s) {
      s = { agencyId: r.agency_id, agencyName: r.name, points: new Map() };
      series.set(r.agency_id, s);
    }
    s.points.set(r.month, { stopped: n(r.stopped), met: n(r.met) });
  }
  return {
    clock: q.clock,
    months,
    series: [...series.values()]
      .sort((a, b) => a.agencyName.localeCompare(b.agencyName, 'vi'))
      .map((s) => ({
        agencyId: s.agencyId,
        agencyName: s.agencyName,
        points: months.map((month) => {
          const p = s.points.get(month) ?? { stopped: 0, met: 0 };
          return {
            month,
            received: p.stopped,
            onTimeRate: p.stopped >= q.minimumN ? Math.round((p.met / p.stopped) * 10_000) / 10_000 : null,
          };
        }),
      })),
  };
}

/** How many clocks took each number of working days (the distribution chart), for the whole province. */
export async function workingDaysDistribution(em: Em, q: Omit<SeriesQuery, 'minimumN'>) {
  const period = [new Date(startOfLocalDay(q.from)), new Date(endOfLocalDay(q.to))];
  const kind = q.kind ? ' and k.kind = ?' : '';
  const rows = await em.execute<{ days: unknown; count: unknown }[]>(
    `select k.working_days_taken as days, count(*) as count
     from contact_clock k
     where k.province_id = ? and k.submitted_at between ? and ? and k.clock = ? and k.working_days_taken is not null${kind}
     group by k.working_days_taken order by k.working_days_taken`,
    [q.provinceId, ...period, q.clock, ...(q.kind ? [q.kind] : [])],
  );
  const buckets = rows.map((r) => ({ workingDays: n(r.days), count: n(r.count) }));
  return { clock: q.clock, total: buckets.reduce((sum, b) => sum + b.count, 0), buckets };
}
