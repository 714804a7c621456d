/**
 * @module
 * The recomputation after a calendar change (issue 11): `open` information requests running as workflows, an
 * administrator confirms the year with one more day off on the next working day (inside every running answer
 * period), and the fan-out sends it to each contact's `applyCalendar` Update. Times it from the confirmation
 * to the change's `done`, beside bare Updates on the same dev server (the machine's floor for one Update per
 * contact), and reads the CPU of the bench process (API, worker) and of the dev server.
 */
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../api/app.ts';
import { createDevIssuer, DEV_AUDIENCE, DEV_ISSUER } from '../api/auth/dev-issuer.ts';
import { createVerifier } from '../api/auth/verifier.ts';
import { ChangeStream } from '../api/change-stream.ts';
import { ContactWorkflows } from '../api/contact-workflows.ts';
import { yearSchedule } from '../api/services/settings.ts';
import { currentCalendar } from '../api/services/calendar-versions.ts';
import { carriedCalendar, nextWorkingDay, toLocalDate, yearOf } from '../domain/calendar/index.ts';
import { kindOf } from '../domain/contact/kinds.ts';
import { DEFAULT_DEADLINE_RULES, rulesForContact } from '../domain/deadlines/rules.ts';
import type { Orm } from '../db/orm.ts';
import { DEMO_USERS } from '../db/seeders/demo-data.ts';
import { startDevServer } from '../server/temporal-dev-server.ts';
import { findTemporalCli } from '../server/temporal-binary.ts';
import { createWorker } from '../worker/worker.ts';
import { runBareUpdates, BARE_OPERATIONS } from './bare-update.ts';
import { startCpuMeter } from './load-probes.ts';
import { report, runConcurrently } from './stats.ts';
import { freePort } from '../scripts/product-process.ts';

const ADMIN = 'admin-quang-tri';
const REPORTER = DEMO_USERS.find((u) => u.sub === 'pv-nguyen-van-an')!;

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function benchCalendarRecompute(orm: Orm, open: number): Promise<void> {
  const temporal = await startDevServer({ binary: await findTemporalCli(), port: await freePort() });
  const taskQueue = `bench-cal-${randomBytes(3).toString('hex')}`;
  const { worker, connection: wc } = await createWorker({
    address: temporal.address,
    namespace: 'default',
    orm,
    taskQueue,
  });
  const running = worker.run();
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection, namespace: 'default' });
  const workflows = new ContactWorkflows(client, { taskQueue });
  const issuer = await createDevIssuer();
  const changes = new ChangeStream(orm);
  const app = createApp({
    orm,
    workflows,
    verifyToken: createVerifier({ issuer: DEV_ISSUER, audience: DEV_AUDIENCE, jwks: issuer.jwks }),
    devIssuer: issuer,
    changes,
    temporalReady: () => Promise.resolve(true),
  });
  try {
    // The open contacts, opened as the API opens them (update-with-start, recorded before it answers).
    const kind = kindOf('information_request');
    const now = Date.now();
    const today = toLocalDate(now);
    // As the API opens them: on the newest calendar version, carrying its number.
    const calendar = await currentCalendar(orm.em.fork(), yearOf(today));
    const rules = rulesForContact(
      DEFAULT_DEADLINE_RULES,
      kind.kind,
      ['first_response', 'answer', 'auto_close'],
      today,
      'quang-tri',
    );
    const actor = { sub: REPORTER.sub, name: REPORTER.name, roles: REPORTER.roles };
    const run = randomBytes(3).toString('hex');
    const rssBefore = process.memoryUsage().rss;
    const t0 = performance.now();
    // Setup, not the figure: a few at a time, each retried, so a loaded machine slows it down rather than failing it.
    await runConcurrently(open, 8, async (i) => {
      const input = {
        contactId: `YC-CAL${run}${String(i).padStart(6, '0')}`.toUpperCase(),
        agencyId: 'qt-so-yte',
        provinceId: 'quang-tri',
        journalist: { sub: REPORTER.sub, name: REPORTER.name },
        subject: `Lịch ${i}`,
        submittedAt: now,
        rules,
        calendar: carriedCalendar(calendar),
        question: 'Câu hỏi đo hiệu năng tính lại thời hạn.',
      } as Parameters<typeof workflows.open>[1];
      for (let attempt = 1; ; attempt++) {
        try {
          await workflows.open(kind, input, actor);
          return;
        } catch (error) {
          if (attempt >= 5) throw error;
          await new Promise((r) => setTimeout(r, 1000 * attempt));
        }
      }
    });
    const openSeconds = (performance.now() - t0) / 1000;
    report('calendar: open contacts (workflows, update-with-start)', {
      contacts: open,
      seconds: openSeconds,
      per_s: open / openSeconds,
      // The worker runs in this process and keeps every open contact in its cache: what each one costs.
      rss_mb: process.memoryUsage().rss / 2 ** 20,
      kb_per_contact: (process.memoryUsage().rss - rssBefore) / 1024 / open,
    });

    // The change: the next working day off, for the year it falls in.
    const dayOff = nextWorkingDay(calendar, today);
    const current = await yearSchedule(orm.em.fork(), yearOf(dayOff));
    const user = DEMO_USERS.find((u) => u.sub === ADMIN)!;
    const { token } = await issuer.mint({
      sub: ADMIN,
      name: user.name,
      roles: user.roles,
      agencyId: user.agencyId ?? undefined,
    });
    const meter = await startCpuMeter(temporal.pid);
    const started = performance.now();
    const res = await app.request(`/api/v1/calendar/${yearOf(dayOff)}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        ...current,
        daysOff: [
          ...current.daysOff,
          { date: dayOff, kind: 'extra_day_off', name: 'Nghỉ đột xuất (đo hiệu năng)' },
        ],
      }),
    });
    if (res.status !== 202) throw new Error(`PUT /calendar: ${res.status} ${await res.text()}`);
    const { change } = (await res.json()) as { change: { id: string } };
    let row: { status: string; done: number; moved: number; total: number } | undefined;
    await waitFor(
      async () => {
        [row] = await orm.em
          .fork()
          .execute<{ status: string; done: number; moved: number; total: number }[]>(
            'select status, done, moved, total from calendar_change where id = ?',
            [change.id],
          );
        if (row?.status === 'failed') throw new Error('The recomputation failed.');
        return row?.status === 'done';
      },
      60 * 60_000,
      'the recomputation',
    );
    const seconds = (performance.now() - started) / 1000;
    const cpu = await meter.stop();
    report(
      'calendar: recompute after a change (fan-out of applyCalendar Updates)',
      {
        contacts: row!.done,
        moved: row!.moved,
        seconds,
        contacts_per_s: row!.done / seconds,
        bench_cpu_s: cpu.benchCpuS,
        temporal_cpu_s: cpu.temporalCpuS,
      },
      '10,000 contacts recomputed; no budget set yet',
    );

    // The floor: plain Updates on a bare workflow, at the fan-out's concurrency (16 per page).
    const bare = await runBareUpdates({
      address: temporal.address,
      lifecycles: Math.max(20, Math.round(open / BARE_OPERATIONS / 5)),
      concurrency: 16,
      warmup: 8,
      inProcess: true,
      meter: await startCpuMeter(temporal.pid),
    });
    report('calendar: bare Update floor (16 concurrent)', {
      updates_per_s: bare.updatesPerS,
      product_vs_bare: row!.done / seconds / bare.updatesPerS,
    });
  } finally {
    changes.close();
    worker.shutdown();
    await running;
    await wc.close();
    await connection.close();
    await temporal.stop();
  }
}
