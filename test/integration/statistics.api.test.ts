// Agency responsiveness from the clock read model, against hand-computed figures: rows are written directly
// (as the recording activity would) so every number below can be worked out by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJson, expectProblem, USERS } from '../support/api-helpers.ts';
import { startHarness, type Harness } from '../support/harness.ts';

let h: Harness;
const PROVINCE = 'quang-tri';
const at = (local: string) => new Date(`${local}+07:00`);

interface Fixture {
  id: string;
  agencyId: string;
  submitted: string;
  status: string;
  escalation?: number;
  /** Working days the answer clock took, and whether it met its due date; undefined while it runs. */
  answer?: { days: number; met: boolean };
}

async function insert(f: Fixture): Promise<void> {
  const em = h.orm.em.fork();
  await em.execute(
    `insert into contact (id, kind, agency_id, province_id, journalist_sub, journalist_name, subject, status,
       escalation_level, submitted_at, updated_at, last_seq, search_text, state, open)
     values (?, 'information_request', ?, ?, 'pv-nguyen-van-an', 'Nguyễn Văn An', 'Thống kê', ?, ?, ?, ?, 3, '', '{}'::jsonb, ?)`,
    [
      f.id,
      f.agencyId,
      PROVINCE,
      f.status,
      f.escalation ?? 0,
      at(f.submitted),
      at(f.submitted),
      f.status !== 'closed',
    ],
  );
  const clock = (name: string, days: number | null, outcome: string | null) =>
    em.execute(
      `insert into contact_clock (contact_id, clock, kind, agency_id, province_id, started_at, stopped_at, outcome,
         working_days_taken, escalation_level, last_seq, submitted_at)
       values (?, ?, 'information_request', ?, ?, ?, ?, ?, ?, ?, 3, ?)`,
      [
        f.id,
        name,
        f.agencyId,
        PROVINCE,
        at(f.submitted),
        outcome ? at(f.submitted) : null,
        outcome,
        days,
        f.escalation ?? 0,
        at(f.submitted),
      ],
    );
  await clock('first_response', f.answer ? 0 : null, f.answer ? 'met' : null);
  await clock('answer', f.answer?.days ?? null, f.answer ? (f.answer.met ? 'met' : 'missed') : null);
}

async function remind(contactId: string, when: string, seq: number): Promise<void> {
  await h.orm.em
    .fork()
    .execute(
      `insert into timeline_entry (contact_id, seq, at, type, text, audience) values (?, ?, ?, 'remind', 'Đôn đốc', 'agency')`,
      [contactId, seq, at(when)],
    );
}

beforeAll(async () => {
  h = await startHarness({ withWorker: false });
  const health = 'qt-so-yte';
  // Five answered in November 2026: 1, 2, 3, 4 and 10 working days; the last one late.
  for (const [i, days] of [1, 2, 3, 4, 10].entries())
    await insert({
      id: `ST-YTE-${i}`,
      agencyId: health,
      submitted: `2026-11-0${i + 2}T09:00`,
      status: 'closed',
      answer: { days, met: days <= 5 },
    });
  // One still open and escalated; one from October (outside the period).
  await insert({
    id: 'ST-YTE-OPEN',
    agencyId: health,
    submitted: '2026-11-20T09:00',
    status: 'in_progress',
    escalation: 1,
  });
  await insert({
    id: 'ST-YTE-OCT',
    agencyId: health,
    submitted: '2026-10-15T09:00',
    status: 'closed',
    answer: { days: 30, met: false },
  });
  await remind('ST-YTE-OPEN', '2026-11-25T10:00', 4);
  await remind('ST-YTE-OCT', '2026-10-30T10:00', 4);
  // Two for the construction department: too few to rate.
  for (const i of [1, 2])
    await insert({
      id: `ST-XD-${i}`,
      agencyId: 'qt-so-xay-dung',
      submitted: `2026-11-1${i}T09:00`,
      status: 'closed',
      answer: { days: 20, met: false },
    });
});
afterAll(async () => h?.close());

const NOVEMBER = 'from=2026-11-01&to=2026-11-30';

describe('GET /statistics/agencies', () => {
  it('gives hand-computable figures per agency and clock, slowest first, suppressing small numbers', async () => {
    const body = await expectJson<{
      items: {
        agencyId: string;
        received: number;
        onTimeRate: Record<string, number | null>;
        medianWorkingDays: Record<string, number | null>;
        p90WorkingDays: Record<string, number | null>;
        openNow: number;
        overdueNow: number;
        remindersReceived: number;
        suppressed: boolean;
      }[];
    }>(await h.call('GET', `/statistics/agencies?${NOVEMBER}`, { as: USERS.supervisor }), 200);
    const health = body.items.find((i) => i.agencyId === 'qt-so-yte')!;
    expect(health).toMatchObject({
      received: 6,
      suppressed: false,
      onTimeRate: { first_response: 1, answer: 0.8, record_result: null },
      medianWorkingDays: { first_response: 0, answer: 3 },
      openNow: 1,
      overdueNow: 1,
      remindersReceived: 1,
    });
    // percentile_cont(0.9) of 1, 2, 3, 4, 10: 4 + 0.6 × (10 − 4).
    expect(health.p90WorkingDays.answer).toBeCloseTo(7.6, 6);
    const construction = body.items.find((i) => i.agencyId === 'qt-so-xay-dung')!;
    expect(construction).toMatchObject({
      received: 2,
      suppressed: true,
      onTimeRate: { first_response: null, answer: null },
      medianWorkingDays: { answer: null },
    });
    // Every agency of the province is listed, rated ones first.
    expect(body.items[0]!.agencyId).toBe('qt-so-yte');
    expect(body.items.length).toBeGreaterThan(2);
    // A lower minimum shows the small agency's figures.
    const all = await expectJson<{ items: { agencyId: string; onTimeRate: { answer: number | null } }[] }>(
      await h.call('GET', `/statistics/agencies?${NOVEMBER}&minimumN=2`, { as: USERS.supervisor }),
      200,
    );
    expect(all.items[0]).toMatchObject({ agencyId: 'qt-so-xay-dung', onTimeRate: { answer: 0 } });
  });

  it('is read by overseers: supervisors, auditors and administrators of the province, and national ones', async () => {
    await expectJson(await h.call('GET', `/statistics/agencies?${NOVEMBER}`, { as: USERS.auditor }), 200);
    await expectJson(
      await h.call('GET', `/statistics/agencies?${NOVEMBER}&provinceId=${PROVINCE}`, {
        as: USERS.nationalAuditor,
      }),
      200,
    );

    for (const who of [USERS.reporter, USERS.clerk, USERS.head])
      expect((await h.call('GET', `/statistics/agencies?${NOVEMBER}`, { as: who })).status).toBe(403);
    await expectProblem(
      await h.call('GET', `/statistics/agencies?${NOVEMBER}&provinceId=hue`, { as: USERS.supervisor }),
      403,
      'outside_your_province',
    );
    await expectProblem(
      await h.call('GET', `/statistics/agencies?${NOVEMBER}`, { as: 'admin-trung-uong' }),
      403,
      'province_required',
    );
    await expectJson(
      await h.call('GET', `/statistics/agencies?${NOVEMBER}&provinceId=${PROVINCE}`, {
        as: 'admin-trung-uong',
      }),
      200,
    );
    await expectJson(await h.call('GET', `/statistics/agencies?${NOVEMBER}`, { as: USERS.admin }), 200);
    expect((await h.call('GET', `/statistics/agencies?${NOVEMBER}`)).status).toBe(401);
  });

  it('refuses a backwards or unbounded period and bad dates with a problem', async () => {
    await expectProblem(
      await h.call('GET', '/statistics/agencies?from=2026-11-30&to=2026-11-01', { as: USERS.supervisor }),
      422,
    );
    await expectProblem(
      await h.call('GET', '/statistics/agencies?from=2000-01-01&to=2026-11-01', { as: USERS.supervisor }),
      422,
    );
    await expectProblem(
      await h.call('GET', '/statistics/agencies?from=2026-02-30&to=2026-11-01', { as: USERS.supervisor }),
      400,
    );
  });

  // Regression: a period in year 1 began in year 0 UTC (local midnight is 17:00 the day before), which the
  // database refused: a 500. Periods are bounded to the years 2000–2100 on every statistics route.
  it('refuses, with a 400 problem, a period outside the years 2000–2100', async () => {
    for (const route of ['agencies', 'trend', 'distribution'])
      for (const period of [
        'from=0001-01-01&to=0001-12-31',
        'from=0000-01-01&to=0000-01-31',
        'from=1999-12-31&to=2000-01-31',
        'from=2100-12-01&to=2101-01-01',
        'from=9999-12-01&to=9999-12-31',
      ]) {
        const problem = await expectProblem(
          await h.call('GET', `/statistics/${route}?${period}`, { as: USERS.supervisor }),
          400,
          'invalid_input',
        );
        expect(JSON.stringify(problem)).toMatch(/2000/);
      }
    // The edges themselves are fine.
    for (const period of ['from=2000-01-01&to=2000-01-31', 'from=2100-12-01&to=2100-12-31'])
      await expectJson(await h.call('GET', `/statistics/agencies?${period}`, { as: USERS.supervisor }), 200);
  });
});

describe('GET /statistics/trend and /statistics/distribution', () => {
  const OCT_NOV = 'from=2026-10-01&to=2026-11-30';
  it('gives the on-time rate of a clock per agency and month, without rates below the minimum', async () => {
    const body = await expectJson<{
      clock: string;
      months: string[];
      series: {
        agencyId: string;
        points: { month: string; received: number; onTimeRate: number | null }[];
      }[];
    }>(await h.call('GET', `/statistics/trend?${OCT_NOV}&minimumN=1`, { as: USERS.supervisor }), 200);
    expect(body.clock).toBe('answer');
    expect(body.months).toEqual(['2026-10', '2026-11']);
    const health = body.series.find((s) => s.agencyId === 'qt-so-yte')!;
    // October: one answer, late. November: five answers, four on time (the open one has not stopped).
    expect(health.points).toEqual([
      { month: '2026-10', received: 1, onTimeRate: 0 },
      { month: '2026-11', received: 5, onTimeRate: 0.8 },
    ]);
    const suppressed = await expectJson<typeof body>(
      await h.call('GET', `/statistics/trend?${OCT_NOV}&minimumN=5`, { as: USERS.auditor }),
      200,
    );
    expect(
      suppressed.series.find((s) => s.agencyId === 'qt-so-yte')!.points.map((p) => p.onTimeRate),
    ).toEqual([null, 0.8]);
  });

  it('counts how many working days each answer took', async () => {
    const body = await expectJson<{ total: number; buckets: { workingDays: number; count: number }[] }>(
      await h.call('GET', `/statistics/distribution?${NOVEMBER}&clock=answer`, { as: USERS.supervisor }),
      200,
    );
    expect(body.buckets).toEqual([
      { workingDays: 1, count: 1 },
      { workingDays: 2, count: 1 },
      { workingDays: 3, count: 1 },
      { workingDays: 4, count: 1 },
      { workingDays: 10, count: 1 },
      { workingDays: 20, count: 2 },
    ]);
    expect(body.total).toBe(7);
    for (const who of [USERS.reporter, USERS.clerk])
      await expectProblem(await h.call('GET', `/statistics/distribution?${NOVEMBER}`, { as: who }), 403);
    await expectProblem(
      await h.call('GET', `/statistics/distribution?${NOVEMBER}&clock=nonsense`, { as: USERS.supervisor }),
      400,
    );
  });
});
