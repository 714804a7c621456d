/**
 * `npm run bench`: performance numbers for the budgets of SPEC.md §5, on this machine, with everything
 * (Temporal dev server, database, worker, API) in one place. Prints numbers; never fails on a budget.
 * Uses PostgreSQL when DATABASE_URL is set (a throw-away database), else an in-memory PGlite.
 * BENCH_SCALE (default 1) scales the sizes down for a quick look, e.g. BENCH_SCALE=0.1.
 * The `widgets` group opens the demo pages in headless Chromium (CHROMIUM_PATH, else the system's): first render
 * per widget and JavaScript per page, over WIDGET_LOADS loads per view (default 5, the first cold);
 * WIDGETS_BASELINE=<another checkout> measures that checkout's widgets too, alternately, for a before/after.
 */
import { addDays, isWorkingDay, toLocalDate } from '../domain/calendar/index.ts';
import { randomBytes } from 'node:crypto';
import { serve } from '@hono/node-server';
import { Client, Connection } from '@temporalio/client';
import { createServer } from 'node:net';
import { createApp } from '../api/app.ts';
import { createDevIssuer, DEV_AUDIENCE, DEV_ISSUER } from '../api/auth/dev-issuer.ts';
import { createVerifier } from '../api/auth/verifier.ts';
import { ChangeStream } from '../api/change-stream.ts';
import { ContactWorkflows } from '../api/contact-workflows.ts';
import { listContacts } from '../api/services/contact-list.ts';
import type { Actor } from '../domain/actor.ts';
import { defaultCalendar, addSpan } from '../domain/calendar/index.ts';
import type { Orm } from '../db/orm.ts';
import { createScratchDatabase } from '../db/scratch-database.ts';
import { DEMO_USERS } from '../db/seeders/demo-data.ts';
import { seedDemoData } from '../db/seeders/demo.ts';
import { startDevServer } from '../server/temporal-dev-server.ts';
import { findTemporalCli } from '../server/temporal-binary.ts';
import { createWorker } from '../worker/worker.ts';
import { buildWidgets } from './build-widgets.ts';
import { benchCalendarRecompute } from '../bench/calendar.ts';
import { benchImport } from '../bench/import.ts';
import { benchLoad } from '../bench/load.ts';
import { benchRegistry } from '../bench/registry.ts';
import { report, runConcurrently, summary, type OfferedLoad } from '../bench/stats.ts';
import { benchSupervision } from '../bench/supervision.ts';
import { benchWidgets } from '../bench/widgets.ts';

const scale = Number(process.env.BENCH_SCALE ?? '1');
const n = (x: number) => Math.max(1, Math.round(x * scale));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function benchDomain(): void {
  const cal = defaultCalendar();
  const start = Date.UTC(2026, 1, 10, 3);
  const iterations = n(20_000);
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) addSpan(cal, start + i * 60_000, { unit: 'working_days', amount: 5 });
  const ms = performance.now() - t0;
  report('domain: addSpan(5 working days)', {
    ops_per_s: Math.round(iterations / (ms / 1000)),
    us_per_op: (ms * 1000) / iterations,
  });
}

async function benchInbox(orm: Orm): Promise<void> {
  const rows = n(100_000);
  const em = orm.em.fork();
  const agencies = ['qt-so-yte', 'qt-so-xay-dung', 'qt-thue', 'qt-phuong-dong-hoi', 'qt-xa-bo-trach'];
  const statuses = ['submitted', 'in_progress', 'pending_approval', 'answered', 'closed', 'declined'];
  const t0 = performance.now();
  await em.execute(
    `insert into contact (id, kind, agency_id, province_id, journalist_sub, journalist_name, subject, status, assignee_sub, assignee_name,
       due_at, escalation_level, submitted_at, updated_at, last_seq, search_text, state)
     select 'BENCH-' || g, 'information_request', (array[${agencies.map((a) => `'${a}'`).join(',')}])[1 + g % ${agencies.length}], 'quang-tri',
       'pv-' || (g % 500), 'Phóng viên ' || (g % 500), 'Chủ đề số ' || g, (array[${statuses.map((s) => `'${s}'`).join(',')}])[1 + g % ${statuses.length}],
       case when g % 3 = 0 then 'yte-chuyen-vien' end, case when g % 3 = 0 then 'Phạm Văn Dũng' end,
       now() + ((g % 200) - 50) * interval '1 hour', (g % 7 = 0)::int, now() - g * interval '1 minute', now() - g * interval '1 minute', 1,
       'chu de so ' || g || ' phong vien ' || (g % 500), '{}'::jsonb
     from generate_series(1, ?) g`,
    [rows],
  );
  await em.execute('analyze contact');
  report('inbox: seeded contacts', { rows, seconds: (performance.now() - t0) / 1000 });
  const clerk: Actor = {
    sub: 'yte-van-thu',
    name: 'Clerk',
    roles: ['agency_staff'],
    agencyId: 'qt-so-yte',
    provinceId: 'quang-tri',
  };
  const supervisor: Actor = {
    sub: 'vhttdl-giam-sat',
    name: 'Sup',
    roles: ['supervisor'],
    agencyId: 'qt-so-vhttdl',
    provinceId: 'quang-tri',
  };
  const queries: [string, Actor, Parameters<typeof listContacts>[2]][] = [
    ['inbox: first page (agency)', clerk, { limit: 20, now: Date.now() }],
    [
      'inbox: open statuses (agency)',
      clerk,
      { limit: 20, now: Date.now(), statuses: ['submitted', 'in_progress', 'pending_approval'] },
    ],
    ['inbox: overdue (province supervisor)', supervisor, { limit: 20, now: Date.now(), overdue: true }],
    [
      'inbox: assigned to me',
      { ...clerk, sub: 'yte-chuyen-vien' },
      { limit: 20, now: Date.now(), assignedToMe: true },
    ],
    ['inbox: text search "chu de so 4242"', clerk, { limit: 20, now: Date.now(), q: 'Chủ đề số 4242' }],
  ];
  for (const [name, actor, query] of queries) {
    const samples: number[] = [];
    for (let i = 0; i < 60; i++) {
      const started = performance.now();
      await listContacts(orm.em.fork(), actor, query);
      samples.push(performance.now() - started);
    }
    const s = summary(samples.slice(5));
    report(name, { p50_ms: s.p50, p95_ms: s.p95 }, 'p95 ≤ 50 ms at 100k');
  }
}

/** A one-hour slot at 09:00 on the `n`-th working day from today, ISO with the Vietnam offset. */
function benchSlot(n: number): { start: string; end: string } {
  const cal = defaultCalendar();
  let day = toLocalDate(Date.now());
  for (let found = 0; found < n;) {
    day = addDays(day, 1);
    if (isWorkingDay(cal, day)) found++;
  }
  return { start: `${day}T09:00:00+07:00`, end: `${day}T10:00:00+07:00` };
}

async function benchLifecycles(orm: Orm): Promise<void> {
  const temporal = await startDevServer({ binary: await findTemporalCli(), port: await freePort() });
  const taskQueue = `bench-${randomBytes(3).toString('hex')}`;
  const { worker, connection: wc } = await createWorker({
    address: temporal.address,
    namespace: 'default',
    orm,
    taskQueue,
  });
  const running = worker.run();
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection, namespace: 'default' });
  const issuer = await createDevIssuer();
  const changes = new ChangeStream(orm);
  const app = createApp({
    orm,
    workflows: new ContactWorkflows(client, { taskQueue }),
    verifyToken: createVerifier({ issuer: DEV_ISSUER, audience: DEV_AUDIENCE, jwks: issuer.jwks }),
    devIssuer: issuer,
    changes,
    temporalReady: () => Promise.resolve(true),
    // A load generator: one reporter files hundreds of contacts a minute from one address, by design.
    limits: { requestsPerUser: false, requestsPerAddress: false, contactCreatesPerUser: false },
  });
  const port = await freePort();
  const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
  const base = `http://127.0.0.1:${port}/api/v1`;
  const token = async (sub: string) => {
    const u = DEMO_USERS.find((x) => x.sub === sub)!;
    return (await issuer.mint({ sub, name: u.name, roles: u.roles, agencyId: u.agencyId ?? undefined }))
      .token;
  };
  const tokens = Object.fromEntries(
    await Promise.all(
      ['pv-nguyen-van-an', 'pv-tran-thi-binh', 'yte-van-thu', 'yte-chuyen-vien', 'yte-phat-ngon'].map(
        async (s) => [s, await token(s)] as const,
      ),
    ),
  );
  const actionTimes: number[] = [];
  async function call(
    method: string,
    path: string,
    as: string,
    body: unknown,
    headers: Record<string, string> = {},
  ) {
    const started = performance.now();
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${tokens[as]}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    const json = (await res.json()) as { id: string };
    if (path.includes('/actions/')) actionTimes.push(performance.now() - started);
    return json;
  }
  async function lifecycle(i: number): Promise<void> {
    const c = await call(
      'POST',
      '/contacts',
      'pv-nguyen-van-an',
      {
        kind: 'information_request',
        agencyId: 'qt-so-yte',
        subject: `Bench ${i}`,
        question: 'Câu hỏi đo hiệu năng số liệu.',
      },
      { 'idempotency-key': `bench-${taskQueue}-${i}` },
    );
    await call('POST', `/contacts/${c.id}/actions/assign`, 'yte-van-thu', { assigneeSub: 'yte-chuyen-vien' });
    await call('POST', `/contacts/${c.id}/actions/submit_answer`, 'yte-chuyen-vien', { text: 'Trả lời.' });
    await call('POST', `/contacts/${c.id}/actions/approve_answer`, 'yte-phat-ngon', {});
    await call('POST', `/contacts/${c.id}/actions/acknowledge`, 'pv-nguyen-van-an', {});
  }
  /** An appointment: proposed, counter-proposed with a host, confirmed, rescheduled, accepted (6 operations). */
  async function appointment(i: number): Promise<void> {
    const [first, second] = [benchSlot(3), benchSlot(4)];
    const c = await call(
      'POST',
      '/contacts',
      'pv-tran-thi-binh',
      {
        kind: 'appointment',
        agencyId: 'qt-so-yte',
        subject: `Bench ${i}`,
        questions: 'Câu hỏi đo hiệu năng lịch làm việc.',
        format: 'online',
        proposedSlots: [first],
      },
      { 'idempotency-key': `bench-appt-${taskQueue}-${i}` },
    );
    const host = { place: 'Trực tuyến', hostId: 'sp-qt-yte' };
    await call('POST', `/contacts/${c.id}/actions/propose_time`, 'yte-van-thu', { slots: [second], ...host });
    await call('POST', `/contacts/${c.id}/actions/confirm`, 'pv-tran-thi-binh', { slot: 0 });
    await call('POST', `/contacts/${c.id}/actions/reschedule`, 'pv-tran-thi-binh', {
      slots: [first],
      reason: 'Đổi lịch.',
    });
    await call('POST', `/contacts/${c.id}/actions/accept`, 'yte-van-thu', { slot: 0, ...host });
  }
  async function measure(label: string, run: (i: number) => Promise<void>, offset: number): Promise<void> {
    await runConcurrently(8, 8, (i) => run(offset + i)); // warm-up
    actionTimes.length = 0;
    const total = n(400);
    const t0 = performance.now();
    const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);
    const durations = await runConcurrently(total, concurrency, (i) => run(offset + 1000 + i));
    const seconds = (performance.now() - t0) / 1000;
    report(
      `lifecycles (${label}): 32 concurrent journalists`,
      { lifecycles: total, per_s: total / seconds, lifecycle_p50_ms: summary(durations).p50 },
      '≥ 25/s sustained',
    );
    const a = summary(actionTimes);
    report(
      `actions (${label}): HTTP round trip, 32 concurrent`,
      { n: a.n, p50_ms: a.p50, p95_ms: a.p95, p99_ms: a.p99 },
      'p99 ≤ 150 ms',
    );
  }
  try {
    await measure('information request', lifecycle, 0);
    await measure('appointment', appointment, 100_000);
  } finally {
    changes.close();
    server.close();
    worker.shutdown();
    await running;
    await wc.close();
    await connection.close();
    await temporal.stop();
  }
}

/**
 * `BENCH_ONLY=registry` (or inbox, lifecycles, load, supervision — alias statistics —, import, calendar or widgets) runs one
 * group.
 * `BENCH_DB=pglite|postgresql|both` picks the load group's databases (default: as DATABASE_URL says);
 * `BENCH_PARTS=inprocess` runs its product and bare worker in the bench process, as before the split;
 * `BENCH_OFFERED_RATE` sets its fixed-rate phase (lifecycles per second, 0 skips it).
 */
const only = process.env.BENCH_ONLY;

/**
 * The load group's fixed-rate phase: `BENCH_OFFERED_RATE` lifecycles per second (default 2, far above a
 * province's real traffic and well under what this machine carries; 0 skips it), for 50 seconds' worth.
 */
function offeredLoad(): OfferedLoad | undefined {
  const perSecond = Number(process.env.BENCH_OFFERED_RATE ?? 2);
  if (!Number.isFinite(perSecond) || perSecond < 0)
    throw new Error('BENCH_OFFERED_RATE: a number of lifecycles per second.');
  return perSecond > 0 ? { perSecond, lifecycles: n(Math.max(1, Math.round(perSecond * 50))) } : undefined;
}
console.log(
  `Press Liaison benchmarks — ${new Date().toISOString()}, scale ${scale}, Node ${process.version}`,
);
benchDomain();
const bundle = await buildWidgets({ outdir: '.tmp/bench-widgets' });
report(
  'widgets: bundle size',
  { kb: bundle.bytes / 1024, gzip_kb: bundle.gzipBytes / 1024 },
  '≤ 60 KB gzipped',
);
{
  const db = await createScratchDatabase(process.env.DATABASE_URL, 'pl_bench');
  console.log(`database: ${db.kind}`);
  try {
    await seedDemoData(db.orm.em.fork());
    if (!only || only === 'lifecycles') await benchLifecycles(db.orm);
    if (!only || only === 'inbox') await benchInbox(db.orm);
    if (!only || only === 'registry') await benchRegistry(db.orm);
  } finally {
    await db.drop();
  }
}
if (!only || only === 'load') {
  // Its own dev servers and databases: the product over HTTP beside a bare Update workflow (issue 9).
  await benchLoad({
    databases: process.env.BENCH_DB,
    databaseUrl: process.env.DATABASE_URL,
    lifecycles: n(320),
    concurrency: Number(process.env.BENCH_CONCURRENCY ?? 32),
    inProcess: process.env.BENCH_PARTS === 'inprocess',
    offered: offeredLoad(),
  });
}
if (!only || only === 'supervision' || only === 'statistics') {
  // A database of its own: a million contacts would slow every other figure.
  const db = await createScratchDatabase(process.env.DATABASE_URL, 'pl_bench');
  try {
    await seedDemoData(db.orm.em.fork());
    await benchSupervision(db.orm, n(1_000_000));
  } finally {
    await db.drop();
  }
}
if (!only || only === 'import') {
  // A database of its own: the import creates its own 3,400 agencies and 15,000 spokespersons.
  const db = await createScratchDatabase(process.env.DATABASE_URL, 'pl_bench');
  try {
    await seedDemoData(db.orm.em.fork());
    await benchImport(db.orm);
  } finally {
    await db.drop();
  }
}
if (!only || only === 'calendar') {
  // A database of its own: 10,000 open contacts, each a running workflow.
  const db = await createScratchDatabase(process.env.DATABASE_URL, 'pl_bench');
  try {
    await seedDemoData(db.orm.em.fork());
    await benchCalendarRecompute(db.orm, n(10_000));
  } finally {
    await db.drop();
  }
}
if (!only || only === 'widgets') {
  // Its own product stack and a headless Chromium (issue 9).
  await benchWidgets({
    databaseUrl: process.env.DATABASE_URL,
    loads: Number(process.env.WIDGET_LOADS ?? 5),
    baseline: process.env.WIDGETS_BASELINE,
  });
}
