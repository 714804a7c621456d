/**
 * @module
 * Agency responsiveness over a period, from the clock read model (`contact_clock`): what the workflows
 * recorded, never parsed from workflow JSON. One query per figure family, aggregated in the database; the
 * domain turns the counts into rates and suppresses agencies with too few contacts.
 */
import { endOfLocalDay, startOfLocalDay, type LocalDate } from '../../domain/calendar/index.ts';
import { ALL_TERMINAL_STATUSES } from '../../domain/contact/kinds.ts';
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
  const terminal = ALL_TERMINAL_STATUSES.map(() => '?').join(', ');

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
     from contact_clock k join contact c on c.id = k.contact_id
     where c.province_id = ? and c.submitted_at between ? and ?${kind}
     group by k.agency_id, k.clock`,
    [q.provinceId, ...period, ...kindParam],
  );
  const now = await em.execute<{ agency_id: string; open_now: unknown; overdue_now: unknown }[]>(
    `select c.agency_id, count(*) as open_now,
       count(*) filter (where c.escalation_level > 0 or c.due_at < ?) as overdue_now
     from contact c where c.province_id = ? and c.status not in (${terminal})${kind} group by c.agency_id`,
    [new Date(q.now), q.provinceId, ...ALL_TERMINAL_STATUSES, ...kindParam],
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
