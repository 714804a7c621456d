/**
 * Supervision benchmarks (issue 8) over one seeded database: a million historical contacts and 10,000 open
 * (1 % of the rows at any `BENCH_SCALE`) over 3,400 agencies in 34 provinces, each contact with its two clocks.
 * Times agency statistics (`GET /statistics/agencies`), board pages (`GET /board`) and a province-year report
 * (gather + XLSX + CSV), with bare queries as the machine's floor. `BENCH_EXPLAIN=1` prints the board
 * queries' plans; `BENCH_VACUUM=0` only analyses the seeded tables instead of vacuuming them too.
 */
import { agencyStatistics } from '../api/services/agency-statistics.ts';
import { boardPage, type BoardContext, type BoardFilter } from '../api/services/board.ts';
import { gatherProvinceReport } from '../api/services/province-report.ts';
import { calendarAround } from '../api/services/settings.ts';
import type { Actor } from '../domain/actor.ts';
import { toLocalDate } from '../domain/calendar/index.ts';
import { DEFAULT_IDLE_WORKING_DAYS } from '../domain/supervision/board.ts';
import {
  parseReportPeriod,
  renderOverdueCsv,
  renderReportCsv,
  renderReportXlsx,
} from '../documents/report/index.ts';
import type { Em, Orm } from '../db/orm.ts';
import { report, summary } from './stats.ts';

const PROVINCES = 34;
const AGENCIES = 3400;
/** The province whose board and report are timed. */
const PROVINCE = 'pv-7';

const seconds = (since: number) => (performance.now() - since) / 1000;

/**
 * Agencies `ag-<i>` in province `pv-<i % 34>` (every fourth a provincial department, the rest communes), the 34
 * provincial People's Committees `pv-<p>`, and contacts `STAT-<g>` at agency `g % 3400`: the first 1 % open
 * (a third past due, some escalated, the last action 0–9 days ago), the rest closed over the last two years.
 * Each contact has a first-response and an answer clock, stopped for closed contacts and running (with the
 * contact's due instant as the earlier due) for open ones.
 */
async function seed(em: Em, rows: number): Promise<number> {
  const open = Math.round(rows / 100);
  await em.execute(
    `insert into agency (id, name, level, kind, parent_id, province_id, search_text, created_at)
     select 'pv-' || p, 'Tỉnh số ' || p, 'province', 'provincial_peoples_committee', null, 'pv-' || p, '', now()
     from generate_series(0, ${PROVINCES - 1}) p`,
  );
  await em.execute(
    `insert into agency (id, name, level, kind, parent_id, province_id, search_text, created_at)
     select 'ag-' || i, case when i % 4 = 0 then 'Sở số ' else 'UBND xã số ' end || i,
       case when i % 4 = 0 then 'province' else 'commune' end,
       case when i % 4 = 0 then 'department' else 'commune_peoples_committee' end,
       'pv-' || (i % ${PROVINCES}), 'pv-' || (i % ${PROVINCES}), '', now()
     from generate_series(0, ${AGENCIES - 1}) i`,
  );
  await em.execute(
    `insert into contact (id, kind, agency_id, province_id, journalist_sub, journalist_name, subject, status,
       assignee_sub, due_at, escalation_level, submitted_at, updated_at, open, last_action_at, last_seq, search_text, state)
     select 'STAT-' || g, 'information_request', 'ag-' || (g % ${AGENCIES}), 'pv-' || (g % ${PROVINCES}),
       'pv-' || (g % 500), 'Phóng viên', 'Chủ đề số ' || g,
       case when x.open then (array['submitted', 'in_progress', 'pending_approval'])[1 + (g / 3) % 3]
         when g % 40 = 0 then 'declined' else 'closed' end,
       case when x.open and g % 2 = 0 then 'cv-' || (g % ${AGENCIES}) end,
       case when not x.open then null
         when g % 3 = 0 then now() - (1 + g % 20) * interval '1 day' - (g % 997) * interval '1 minute'
         else now() + (1 + g % 15) * interval '1 day' + (g % 997) * interval '1 minute' end,
       case when x.open then case when g % 6 = 0 then 1 + (g % 5 = 0)::int else 0 end else (g % 97 = 0)::int end,
       x.submitted, now(), x.open,
       case when x.open then greatest(x.submitted, now() - (g % 10) * interval '1 day' - (g % 613) * interval '1 minute')
         else x.submitted + (g % 10) * interval '1 day' end,
       3, '', '{}'::jsonb
     from generate_series(1, ?) g
     cross join lateral (select g <= ? as open,
       case when g <= ? then now() - (5 + g % 60) * interval '1 day' - (g % 1440) * interval '1 minute'
         else now() - (g % 730) * interval '1 day' end as submitted) x`,
    [rows, open, open],
  );
  // The contact's receipt copied onto its clocks, where the schema has that column.
  const copied = await em.execute(
    `select 1 from information_schema.columns where table_name = 'contact_clock' and column_name = 'submitted_at'`,
  );
  const submitted = copied.length > 0 ? ['submitted_at, ', 'c.submitted_at, '] : ['', ''];
  await em.execute(
    `insert into contact_clock (contact_id, clock, kind, agency_id, province_id, started_at, ${submitted[0]}due_at,
       stopped_at, outcome, working_days_taken, escalation_level, last_seq)
     select c.id, k.clock, c.kind, c.agency_id, c.province_id, c.submitted_at, ${submitted[1]}
       case when not c.open then c.submitted_at + interval '15 days'
         when k.clock = 'first_response' then case when x.g % 2 = 0 then c.submitted_at + interval '5 days' else c.due_at end
         else c.due_at + case when x.g % 2 = 0 then interval '0' else interval '10 days' end end,
       case when not c.open then c.submitted_at + ((x.g * 7) % 10) * interval '1 day'
         when k.clock = 'first_response' and x.g % 2 = 0 then c.submitted_at + interval '1 day' end,
       case when not c.open then case when x.g % 7 = 0 then 'missed' else 'met' end
         when k.clock = 'first_response' and x.g % 2 = 0 then 'met' end,
       case when not c.open then (x.g * 7) % 10 when k.clock = 'first_response' and x.g % 2 = 0 then 1 end,
       c.escalation_level, 3
     from contact c cross join lateral (select substr(c.id, 6)::int as g) x
     cross join (values ('first_response'), ('answer')) k(clock)
     where c.id like 'STAT-%'`,
  );
  // Vacuuming sets the visibility map, as autovacuum does on a live server, so index-only scans skip the heap
  // (this test server runs without autovacuum). `BENCH_VACUUM=0` measures the freshly loaded, unvacuumed case.
  const analyze = process.env.BENCH_VACUUM === '0' ? 'analyze' : 'vacuum analyze';
  for (const table of ['agency', 'contact', 'contact_clock']) await em.execute(`${analyze} ${table}`);
  return open;
}

/** Times `run` `runs` times after `warmUp` untimed calls; milliseconds. */
async function time(runs: number, run: (i: number) => Promise<unknown>, warmUp = 3): Promise<number[]> {
  for (let i = 0; i < warmUp; i++) await run(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run(i);
    samples.push(performance.now() - started);
  }
  return samples;
}

function reportTimes(name: string, samples: number[], budget?: string, extra: Record<string, number> = {}) {
  const s = summary(samples);
  report(name, { n: s.n, p50_ms: s.p50, p95_ms: s.p95, max_ms: s.max, ...extra }, budget);
}

async function benchStatistics(orm: Orm, year: number): Promise<void> {
  const samples = await time(
    20,
    (i) =>
      agencyStatistics(orm.em.fork(), {
        provinceId: `pv-${i % PROVINCES}`,
        from: `${year}-01-01`,
        to: `${year}-12-31`,
        minimumN: 5,
        now: Date.now(),
      }),
    0,
  );
  reportTimes('statistics: one province, one year', samples, 'p95 ≤ 300 ms');
}

/** The SQL and parameters `boardPage` sends, captured by an entity manager that runs nothing. */
async function boardSql(em: Em, filter: BoardFilter, ctx: BoardContext): Promise<[string, unknown[]]> {
  let captured: [string, unknown[]] | undefined;
  const spy = new Proxy(em, {
    get: (target, property, receiver) =>
      property === 'execute'
        ? (sql: string, params: unknown[]) => {
            captured = [sql, params];
            return Promise.resolve([]);
          }
        : (Reflect.get(target, property, receiver) as unknown),
  });
  await boardPage(spy, filter, ctx);
  if (!captured) throw new Error('boardPage ran no query');
  return captured;
}

async function benchBoard(orm: Orm): Promise<void> {
  const em = orm.em.fork();
  const now = Date.now();
  const year = Number(toLocalDate(now).slice(0, 4));
  reportTimes(
    'board: calendarAround (per request)',
    await time(20, () => calendarAround(orm.em.fork(), year)),
  );
  const calendar = await calendarAround(em, year);
  const actor: Actor = {
    sub: 'bench-giam-sat',
    name: 'Giám sát',
    roles: ['supervisor'],
    agencyId: PROVINCE,
    provinceId: PROVINCE,
  };
  const ctx: BoardContext = { actor, now, calendar, unhealthy: new Map() };
  const province: BoardFilter = {
    provinceId: PROVINCE,
    idleDays: DEFAULT_IDLE_WORKING_DAYS,
    sort: 'dueAt',
    order: 'asc',
    limit: 50,
  };
  const first = await boardPage(em, province, ctx);
  if (!first.nextCursor)
    throw new Error(`board: ${PROVINCE} has a single page; the cursor case measures nothing`);
  const cases: [string, BoardFilter][] = [
    ['board: one province, default sort', province],
    ['board: one province, reason=overdue', { ...province, reason: 'overdue' }],
    ['board: national, sorted by dueAt', { ...province, provinceId: undefined }],
    ['board: one province, second page (cursor)', { ...province, cursor: first.nextCursor }],
  ];
  for (const [name, filter] of cases) {
    const page = await boardPage(em, filter, ctx);
    if (page.items.length === 0)
      throw new Error(`${name}: the page is empty; the bench would measure nothing`);
    const samples = await time(60, () => boardPage(orm.em.fork(), filter, ctx));
    reportTimes(name, samples, 'p95 ≤ 50 ms', { rows: page.items.length });
    // The same query without the service around it: the rest is the driver, the ORM and the row mapping.
    const [sql, params] = await boardSql(em, filter, ctx);
    reportTimes('  floor: its SQL alone', await time(60, () => orm.em.fork().execute(sql, params)));
    if (process.env.BENCH_EXPLAIN === '1') {
      const plan = await em.execute<{ 'QUERY PLAN': string }[]>(`explain (analyze, buffers) ${sql}`, params);
      console.log(plan.map((r) => `    ${r['QUERY PLAN']}`).join('\n'));
    }
  }
  // The floor: what this machine takes to count a province's rows, all of them and the open ones.
  const counts: [string, string][] = [
    ['floor: count(*) of a province', 'select count(*) from contact where province_id = ?'],
    ['floor: count(*) of a province, open', 'select count(*) from contact where open and province_id = ?'],
  ];
  for (const [name, sql] of counts) {
    const [row] = await em.execute<{ count: unknown }[]>(sql, [PROVINCE]);
    const samples = await time(50, () => orm.em.fork().execute(sql, [PROVINCE]));
    reportTimes(name, samples, undefined, { rows: Number(row?.count) });
  }
}

async function benchReport(orm: Orm, year: number): Promise<void> {
  const period = parseReportPeriod(String(year));
  if (!period) throw new Error(`no period ${year}`);
  for (let run = 1; run <= 3; run++) {
    const t0 = performance.now();
    const data = await gatherProvinceReport(orm.em.fork(), { provinceId: PROVINCE, period, now: Date.now() });
    const gathered = performance.now();
    const xlsx = await renderReportXlsx(data);
    const rendered = performance.now();
    const csv = renderReportCsv(data) + renderOverdueCsv(data);
    const done = performance.now();
    report(`report: ${PROVINCE} ${period.label}, run ${run}`, {
      gather_s: (gathered - t0) / 1000,
      xlsx_s: (rendered - gathered) / 1000,
      csv_s: (done - rendered) / 1000,
      total_s: (done - t0) / 1000,
      xlsx_kb: xlsx.byteLength / 1024,
      csv_kb: Buffer.byteLength(csv) / 1024,
      agencies: data.kinds[0]?.agencies.length ?? 0,
      overdue: data.overdue.length,
    });
  }
}

export async function benchSupervision(orm: Orm, rows: number): Promise<void> {
  const t0 = performance.now();
  const open = await seed(orm.em.fork(), rows);
  const seeded = seconds(t0);
  const [counted] = await orm.em.fork().execute<{ open: unknown; closed: unknown; agencies: unknown }[]>(
    `select count(*) filter (where open) as open, count(*) filter (where not open) as closed,
         count(distinct agency_id) as agencies
       from contact where id like 'STAT-%'`,
  );
  if (Number(counted?.open) !== open) throw new Error(`seeded ${String(counted?.open)} open, wanted ${open}`);
  report('supervision: seeded', {
    contacts: rows,
    open,
    closed: Number(counted?.closed),
    agencies: Number(counted?.agencies),
    clocks: rows * 2,
    seconds: seeded,
  });
  const lastYear = new Date().getFullYear() - 1;
  await benchStatistics(orm, lastYear);
  await benchBoard(orm);
  await benchReport(orm, lastYear);
}
