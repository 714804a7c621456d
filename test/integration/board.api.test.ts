// The supervision board (issue 8): why rows are there, filters, sorting, keyset pages, scope by role, and a
// contact whose recording keeps failing appearing from Temporal's view and recovering with "retry now".
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act, eventually, expectJson, expectProblem, openRequest, USERS } from '../support/api-helpers.ts';
import { flakyContactWrites, type FlakyWrites } from '../support/flaky-writes.ts';
import { startHarness, type Harness } from '../support/harness.ts';

let h: Harness;
let flaky: FlakyWrites;

interface Row {
  contactId: string;
  agencyId: string;
  reasons: string[];
  escalationLevel: number;
  dueAt: string | null;
  overdueClock: string | null;
  idleWorkingDays: number;
  ageWorkingDays: number;
  actions: string[];
  workflowUrl: string | null;
  health: { delayedEvents: number | null; workflowTaskAttempt: number } | null;
}
interface Page {
  items: Row[];
  nextCursor: string | null;
  idleDays: number;
}

const board = async (query: string, as: string = USERS.supervisor) =>
  expectJson<Page>(await h.call('GET', `/board${query}`, { as }), 200);

/** A projection row as the recording activity writes it, with dates relative to now. */
async function insert(row: {
  id: string;
  agencyId?: string;
  status?: string;
  open?: boolean;
  dueInDays?: number | null;
  escalation?: number;
  ageDays: number;
  lastActionDaysAgo: number;
}): Promise<void> {
  const day = 86_400_000;
  const now = Date.now();
  await h.orm.em.fork().execute(
    `insert into contact (id, kind, agency_id, province_id, journalist_sub, journalist_name, subject, status,
       escalation_level, submitted_at, updated_at, last_seq, search_text, state, open, due_at, last_action_at)
     values (?, 'information_request', ?, 'quang-tri', 'pv-nguyen-van-an', 'Nguyễn Văn An', 'Bảng theo dõi', ?, ?, ?, ?,
       2, '', '{}'::jsonb, ?, ?, ?)`,
    [
      row.id,
      row.agencyId ?? 'qt-so-yte',
      row.status ?? 'in_progress',
      row.escalation ?? 0,
      new Date(now - row.ageDays * day),
      new Date(now - row.lastActionDaysAgo * day),
      row.open ?? true,
      row.dueInDays === null || row.dueInDays === undefined ? null : new Date(now + row.dueInDays * day),
      new Date(now - row.lastActionDaysAgo * day),
    ],
  );
}

beforeAll(async () => {
  h = await startHarness({ updateTimeoutMs: 60_000 });
  flaky = await flakyContactWrites(h.orm);
  // Overdue by two days; escalated; idle for three weeks; healthy and recent (not on the board); closed.
  await insert({ id: 'BD-OVERDUE', dueInDays: -2, ageDays: 12, lastActionDaysAgo: 1 });
  await insert({ id: 'BD-ESCALATED', dueInDays: 3, escalation: 2, ageDays: 6, lastActionDaysAgo: 0 });
  await insert({
    id: 'BD-IDLE',
    dueInDays: 10,
    ageDays: 30,
    lastActionDaysAgo: 21,
    agencyId: 'qt-so-xay-dung',
  });
  await insert({ id: 'BD-FINE', dueInDays: 5, ageDays: 1, lastActionDaysAgo: 0 });
  // Idle with no running clock (its due date is null: it sorts last by due date).
  await insert({ id: 'BD-NODUE', dueInDays: null, ageDays: 50, lastActionDaysAgo: 40 });
  await insert({
    id: 'BD-CLOSED',
    status: 'closed',
    open: false,
    dueInDays: -9,
    ageDays: 40,
    lastActionDaysAgo: 30,
  });
}, 180_000);
afterEach(async () => flaky.recover());
afterAll(async () => {
  await h?.close();
});

const ids = (page: Page) => page.items.map((r) => r.contactId).filter((id) => id.startsWith('BD-'));

describe('GET /board', () => {
  it('lists open contacts that are overdue, escalated or idle, saying why', async () => {
    const page = await board('?limit=200');
    expect(ids(page).sort()).toEqual(['BD-ESCALATED', 'BD-IDLE', 'BD-NODUE', 'BD-OVERDUE']);
    const byId = Object.fromEntries(page.items.map((r) => [r.contactId, r]));
    expect(byId['BD-OVERDUE']!.reasons).toEqual(['overdue']);
    expect(byId['BD-ESCALATED']!.reasons).toEqual(['escalated']);
    expect(byId['BD-IDLE']!.reasons).toEqual(['idle']);
    expect(byId['BD-IDLE']!.idleWorkingDays).toBeGreaterThanOrEqual(13);
    expect(page.idleDays).toBe(3);
    // The supervisor may act on every row; the auditor reads the same rows and may do nothing.
    expect(byId['BD-OVERDUE']!.actions).toEqual(['remind', 'extend', 'close']);
    const audited = await board('?limit=200', USERS.auditor);
    expect(ids(audited).sort()).toEqual(ids(page).sort());
    expect(audited.items.every((r) => r.actions.length === 0)).toBe(true);
    // Temporal UI links are for operators only.
    expect(byId['BD-OVERDUE']!.workflowUrl).toBeNull();
  });

  it('filters by reason, agency, escalation level and age, and by the idle threshold', async () => {
    expect(ids(await board('?reason=overdue'))).toEqual(['BD-OVERDUE']);
    expect(ids(await board('?agencyId=qt-so-xay-dung'))).toEqual(['BD-IDLE']);
    expect(ids(await board('?escalationLevel=1'))).toEqual(['BD-ESCALATED']);
    expect(ids(await board('?minAgeDays=15')).sort()).toEqual(['BD-IDLE', 'BD-NODUE']);
    // A longer "no action" threshold than three weeks leaves the idle one off.
    expect(ids(await board('?idleDays=28')).sort()).toEqual(['BD-ESCALATED', 'BD-NODUE', 'BD-OVERDUE']);
  });

  it('sorts and pages with a cursor, without repeating or skipping a row', async () => {
    const first = await board('?sort=dueAt&limit=1');
    expect(ids(first)).toEqual(['BD-OVERDUE']);
    const seen: string[] = [...ids(first)];
    let cursor = first.nextCursor;
    while (cursor) {
      const next = await board(`?sort=dueAt&limit=1&cursor=${cursor}`);
      seen.push(...ids(next));
      cursor = next.nextCursor;
    }
    expect(seen).toEqual(['BD-OVERDUE', 'BD-ESCALATED', 'BD-IDLE', 'BD-NODUE']);
    const oldestFirst = await board('?sort=age&order=desc');
    expect(ids(oldestFirst)).toEqual(['BD-NODUE', 'BD-IDLE', 'BD-OVERDUE', 'BD-ESCALATED']);
    // Forged cursors are refused before they reach the query.
    const forged = (k: unknown) => Buffer.from(JSON.stringify({ k, id: 'x' })).toString('base64url');
    for (const cursor of [
      'bm90LWEtY3Vyc29y',
      forged('yesterday'),
      forged(5),
      forged('2026-13-45T99:00:00.000Z'),
      forged('2026-02-30 25:00:00+00'),
      forged('2026-02-30 10:00:00+00'),
    ])
      await expectProblem(
        await h.call('GET', `/board?sort=dueAt&cursor=${cursor}`, { as: USERS.supervisor }),
        422,
        'invalid_input',
      );
    await expectProblem(
      await h.call('GET', `/board?sort=escalationLevel&cursor=${forged('1')}`, { as: USERS.supervisor }),
      422,
    );
  });

  // Regression: these forged cursors passed the check and the database refused them (500): year 0000, an
  // offset beyond ±15:59, a NUL in the id or in an agency name.
  it('refuses, with a problem, a forged cursor the database could not read', async () => {
    const encode = (k: unknown, id = 'x') => Buffer.from(JSON.stringify({ k, id })).toString('base64url');
    const forged: [sort: string, k: unknown, id?: string][] = [
      ['dueAt', '0000-01-01T00:00:00Z'],
      ['dueAt', '0000-12-31 23:59:59+00'],
      ['dueAt', '2026-01-01T00:00:00+16'],
      ['dueAt', '2026-01-01 00:00:00+99:00'],
      ['dueAt', '2026-01-01T00:00:00+07:60'],
      ['dueAt', '10000-01-01T00:00:00Z'],
      ['dueAt', 'infinity', '\u0000'],
      ['lastActionAt', '2026-01-01 00:00:00+00', 'BD-\u0000'],
      ['agency', 'Sở\u0000'],
    ];
    // Every answer first, so a failure names each cursor that got through.
    const answers = [];
    for (const [sort, k, id] of forged) {
      const response = await h.call('GET', `/board?sort=${sort}&cursor=${encode(k, id)}`, {
        as: USERS.supervisor,
      });
      const problem = /^application\/problem\+json/.test(response.headers.get('content-type') ?? '');
      const { code } = (await response.json()) as { code?: string };
      answers.push({ sort, k, status: response.status, problem, code });
    }
    expect(answers).toEqual(
      forged.map(([sort, k]) => ({ sort, k, status: 422, problem: true, code: 'invalid_input' })),
    );
    // What the database prints, in any session time zone, still pages (the edges of the range included).
    for (const k of [
      '2026-01-01 07:00:00.123456+07',
      '2026-01-01 00:00:00-03:30',
      '0001-01-01 00:00:00+00',
      '9999-12-31T23:59:59.999Z',
    ])
      await board(`?sort=dueAt&cursor=${encode(k, 'BD-X')}`);
    await board(`?sort=agency&cursor=${encode('Sở Y tế', 'BD-X')}`);
  });

  it('is for overseers only, each in their scope', async () => {
    for (const as of [USERS.reporter, USERS.clerk, USERS.head])
      await expectProblem(await h.call('GET', '/board', { as }), 403);
    // Province administrators manage the registry, not contacts.
    await expectProblem(await h.call('GET', '/board', { as: USERS.admin }), 403);
    await expectProblem(await h.call('GET', '/board?provinceId=hue', { as: USERS.supervisor }), 403);
    // National overseers see every province, or the one they name; operators get the Temporal UI link.
    const national = await board('?provinceId=quang-tri', USERS.centralAdmin);
    expect(ids(national)).toContain('BD-OVERDUE');
    expect(national.items[0]!.workflowUrl).toMatch(
      /^http:\/\/127\.0\.0\.1:8233\/namespaces\/default\/workflows\//,
    );
    expect(national.items.every((r) => !r.actions.some((a) => a !== 'retry'))).toBe(true);
    expect(ids(await board('', USERS.nationalAuditor))).toContain('BD-OVERDUE');
    await expectProblem(await h.call('GET', '/board?limit=500', { as: USERS.supervisor }), 400);
  });
});

describe('an unhealthy contact', () => {
  it('appears from Temporal’s view while its recordings fail, and leaves after “retry now”', async () => {
    const contact = await openRequest(h);
    await flaky.fail();
    await act(h, contact.id, USERS.clerk, 'assign', { assigneeSub: USERS.officer });
    const unhealthy = await eventually(
      () => board('?reason=unhealthy'),
      (p) => p.items.some((r) => r.contactId === contact.id),
    );
    const row = unhealthy.items.find((r) => r.contactId === contact.id)!;
    expect(row.reasons).toContain('unhealthy');
    expect(row.health!.delayedEvents).toBeGreaterThanOrEqual(1);
    expect(row.actions).toContain('retry');
    // The auditor sees it and may not retry.
    const audited = await board('?reason=unhealthy', USERS.auditor);
    expect(audited.items.find((r) => r.contactId === contact.id)!.actions).toEqual([]);
    await expectProblem(
      await h.call('POST', `/contacts/${contact.id}/retry`, {
        as: USERS.auditor,
        body: { reason: 'Thử lại' },
      }),
      403,
    );
    await expectProblem(
      await h.call('POST', `/contacts/${contact.id}/retry`, { as: USERS.supervisor, body: {} }),
      422,
    );

    await flaky.recover();
    const retried = await expectJson<{ delayedEvents: number }>(
      await h.call('POST', `/contacts/${contact.id}/retry`, {
        as: USERS.supervisor,
        body: { reason: 'CSDL đã hoạt động lại' },
      }),
      200,
    );
    expect(retried).toEqual({ delayedEvents: 0 });
    const healed = await eventually(
      () => board('?reason=unhealthy'),
      (p) => !p.items.some((r) => r.contactId === contact.id),
    );
    expect(healed.items.map((r) => r.contactId)).not.toContain(contact.id);
    const view = await expectJson<{ status: string; timeline: { type: string; text?: string }[] }>(
      await h.call('GET', `/contacts/${contact.id}`, { as: USERS.supervisor }),
      200,
    );
    expect(view.status).toBe('in_progress');
    expect(view.timeline.at(-1)).toMatchObject({ type: 'retry_requested', text: 'CSDL đã hoạt động lại' });
  }, 120_000);

  it('answers 409, not a 500, when asked to retry a contact that has finished', async () => {
    const contact = await openRequest(h);
    await act(h, contact.id, USERS.reporter, 'withdraw', {});
    await eventually(
      async () => (await h.client.workflow.getHandle(contact.id).describe()).status.name,
      (status) => status === 'COMPLETED',
    );
    await expectProblem(
      await h.call('POST', `/contacts/${contact.id}/retry`, {
        as: USERS.supervisor,
        body: { reason: 'Thử lại' },
      }),
      409,
      'workflow_finished',
    );
  });
});
