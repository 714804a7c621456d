/**
 * Benchmark of agency responsiveness (`GET /statistics/agencies`): a million historical contacts over 3,400
 * agencies in 34 provinces, each with its two clocks, then a province-year query timed repeatedly.
 */
import { agencyStatistics } from '../api/services/agency-statistics.ts';
import type { Orm } from '../db/orm.ts';
import { report, summary } from './stats.ts';

export async function benchStatistics(orm: Orm, rows: number): Promise<void> {
  const em = orm.em.fork();
  const t0 = performance.now();
  // Agency g % 3400 in province g % 34; submitted over the last two years; clocks stopped after 0–9 working days.
  await em.execute(
    `insert into contact (id, kind, agency_id, province_id, journalist_sub, journalist_name, subject, status,
       escalation_level, submitted_at, updated_at, last_seq, search_text, state)
     select 'STAT-' || g, 'information_request', 'ag-' || (g % 3400), 'pv-' || (g % 34), 'pv-' || (g % 500), 'Phóng viên',
       'Chủ đề', case when g % 50 = 0 then 'in_progress' else 'closed' end, (g % 97 = 0)::int,
       now() - (g % 730) * interval '1 day', now(), 3, '', '{}'::jsonb
     from generate_series(1, ?) g`,
    [rows],
  );
  for (const clock of ['first_response', 'answer'])
    await em.execute(
      `insert into contact_clock (contact_id, clock, kind, agency_id, province_id, started_at, stopped_at, outcome,
         working_days_taken, escalation_level, last_seq)
       select 'STAT-' || g, ?, 'information_request', 'ag-' || (g % 3400), 'pv-' || (g % 34),
         now() - (g % 730) * interval '1 day', case when g % 50 <> 0 then now() end,
         case when g % 50 = 0 then null when g % 7 = 0 then 'missed' else 'met' end,
         case when g % 50 <> 0 then (g * 7) % 10 end, 0, 3
       from generate_series(1, ?) g`,
      [clock, rows],
    );
  await em.execute('analyze contact');
  await em.execute('analyze contact_clock');
  report('statistics: seeded', {
    contacts: rows,
    clocks: rows * 2,
    seconds: (performance.now() - t0) / 1000,
  });

  const year = new Date().getFullYear() - 1;
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    await agencyStatistics(orm.em.fork(), {
      provinceId: `pv-${i % 34}`,
      from: `${year}-01-01`,
      to: `${year}-12-31`,
      minimumN: 5,
      now: Date.now(),
    });
    times.push(performance.now() - started);
  }
  const s = summary(times);
  report(
    'statistics: one province, one year',
    { n: s.n, p50_ms: s.p50, p95_ms: s.p95, max_ms: s.max },
    'p95 ≤ 300 ms over 1M contacts',
  );
}
