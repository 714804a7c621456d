// Production topology (issue 9): `npm run api` and `npm run worker` as separate processes against one Temporal
// namespace and one PostgreSQL — any number of each. They refuse an unmigrated database (migrations are a
// deployment step, `npm run db:migrate`) and PGlite, and a request goes through whichever API and worker.
import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '../../db/scratch-database.ts';
import { seedDemoData } from '../../db/seeders/demo.ts';
import { DEMO_USERS } from '../../db/seeders/demo-data.ts';
import { freePort } from '../support/global-setup.ts';
import { TEST_PAYLOAD_KEYS } from '../support/payload-encryption.ts';
import { ready, start, type Child } from '../support/processes.ts';

const children: Child[] = [];
let db: ScratchDatabase | undefined;
let env: Record<string, string>;

beforeAll(async () => {
  db = process.env.DATABASE_URL
    ? await createScratchDatabase(process.env.DATABASE_URL, 'pl_split', { migrate: false })
    : undefined;
  env = {
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    DATA_DIR: await mkdtemp(path.join(process.env.TMPDIR ?? '/tmp', 'pl-split-')),
    ...(db?.url ? { DATABASE_URL: db.url } : {}),
    AUTH_MODE: 'dev',
    HOST: '127.0.0.1',
    // The tests' keys, as every worker on the shared test namespace uses: the product's schedules are
    // namespace-wide, and a worker must read the ones another test's worker wrote.
    PAYLOAD_ENCRYPTION: 'on',
    PAYLOAD_KEYS: TEST_PAYLOAD_KEYS,
  };
}, 120_000);

afterAll(async () => {
  for (const c of children) if (c.process.exitCode === null) c.process.kill('SIGKILL');
  await db?.drop();
});

describe('npm run api and npm run worker', () => {
  it('refuse PGlite, and an unmigrated database until npm run db:migrate', async () => {
    const noDatabase = start('server/api-main.ts', {
      ...env,
      DATABASE_URL: '',
      PORT: String(await freePort()),
    });
    expect(await noDatabase.exited).toBe(1);
    expect(noDatabase.output()).toContain('needs DATABASE_URL');
    if (!db) return; // Without PostgreSQL there is nothing more these processes can run on.

    const early = start('worker/main.ts', env);
    expect(await early.exited).toBe(1);
    expect(early.output()).toContain('npm run db:migrate');

    const migrate = start('scripts/migrate.ts', env);
    expect(await migrate.exited).toBe(0);
    expect(migrate.output()).toMatch(/Applied \d+ migration/);
    await seedDemoData(db.orm.em.fork());
  }, 120_000);

  it('serve one contact through two API processes and two workers, one of which is killed', async () => {
    if (!db) return;
    const ports = [await freePort(), await freePort()];
    const workers = [start('worker/main.ts', env), start('worker/main.ts', env)];
    const apis = ports.map((port) => start('server/api-main.ts', { ...env, PORT: String(port) }));
    children.push(...workers, ...apis);
    for (const w of workers) await ready(w, 'Press Liaison worker polling');
    for (const a of apis) await ready(a, 'Press Liaison API on');
    const bases = ports.map((p) => `http://127.0.0.1:${p}/api/v1`);

    const tokens = new Map<string, string>();
    const token = async (sub: string) => {
      if (!tokens.has(sub)) {
        const u = DEMO_USERS.find((x) => x.sub === sub)!;
        const r = await fetch(`${bases[0]}/auth/dev-token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            sub: u.sub,
            name: u.name,
            roles: u.roles,
            ...(u.agencyId ? { agencyId: u.agencyId } : {}),
          }),
        });
        tokens.set(sub, ((await r.json()) as { token: string }).token);
      }
      return tokens.get(sub)!;
    };
    const call = async (base: string, as: string, method: string, p: string, body?: unknown) =>
      fetch(`${base}${p}`, {
        method,
        headers: {
          authorization: `Bearer ${await token(as)}`,
          'content-type': 'application/json',
          'idempotency-key': `split-${p}-${as}`,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    const created = await call(bases[0]!, 'pv-nguyen-van-an', 'POST', '/contacts', {
      kind: 'information_request',
      agencyId: 'qt-so-yte',
      subject: 'Hai tiến trình',
      question: 'Xin số liệu qua hai tiến trình API.',
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    // The second API acts on it; then one worker dies and the other carries on.
    expect(
      (
        await call(bases[1]!, 'yte-van-thu', 'POST', `/contacts/${id}/actions/assign`, {
          assigneeSub: 'yte-chuyen-vien',
        })
      ).status,
    ).toBe(200);
    workers[0]!.process.kill('SIGKILL');
    await workers[0]!.exited;
    // The dead worker held the workflow in its cache (its sticky queue): until Temporal gives the task to the
    // other worker the API answers 503 with Retry-After, and a client that retries gets through.
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const answered = await call(
        bases[0]!,
        'yte-chuyen-vien',
        'POST',
        `/contacts/${id}/actions/submit_answer`,
        {
          text: 'Số liệu đã gửi.',
        },
      );
      statuses.push(answered.status);
      if (answered.status !== 503) break;
      await new Promise((r) => setTimeout(r, Number(answered.headers.get('retry-after') ?? 1) * 1000));
    }
    // A 503'd attempt may still land once the other worker takes over: the retry then finds the answer already
    // submitted (409). Either way the answer is recorded exactly once.
    expect(statuses.every((s) => s === 200 || s === 503 || s === 409)).toBe(true);
    if (statuses.at(-1) === 409) expect(statuses).toContain(503);
    else expect(statuses.at(-1)).toBe(200);
    const seen = await call(bases[1]!, 'yte-van-thu', 'GET', `/contacts/${id}`);
    const view = (await seen.json()) as { status: string; timeline: { type: string }[] };
    expect(view.status).toBe('pending_approval');
    expect(view.timeline.filter((e) => e.type === 'submit_answer')).toHaveLength(1);

    // SIGTERM stops each part cleanly.
    for (const c of [workers[1]!, ...apis]) {
      c.process.kill('SIGTERM');
      expect(await c.exited).toBe(0);
    }
  }, 300_000);
});
