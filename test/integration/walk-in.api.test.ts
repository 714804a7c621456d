// Walk-in visit records through the HTTP API on real Temporal and a real database (issue 10): a clerk records a
// visit that was received at once, for a registered journalist or one the registry does not know; the agency
// records its result within the rule; the journalist, when they have an account, sees it and acknowledges it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WalkInView } from '../../domain/contact/views.ts';
import { Contact } from '../../db/entities/index.ts';
import { expectJson, expectProblem, USERS } from '../support/api-helpers.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { recordHistory } from '../support/histories.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const AGENCY = 'qt-so-yte';
const HOST = 'sp-qt-yte';
const HOUR = 3_600_000;
let keys = 0;

function record(body: Record<string, unknown> = {}, as: string = USERS.clerk, key?: string) {
  keys += 1;
  return h.call('POST', '/contacts', {
    as,
    headers: { 'idempotency-key': key ?? `walk-in-${Date.now()}-${keys}` },
    body: {
      kind: 'walk_in',
      agencyId: AGENCY,
      journalistId: 'nb-0001',
      visitedAt: Date.now() - 2 * HOUR,
      subject: 'Tình hình dịch sốt xuất huyết',
      content: 'Phóng viên đến hỏi số ca sốt xuất huyết tháng 11 và biện pháp phòng chống của Sở.',
      hostId: HOST,
      ...body,
    },
  });
}

async function act(id: string, as: string, action: string, body = {}) {
  return expectJson<WalkInView>(await h.call('POST', `/contacts/${id}/actions/${action}`, { as, body }), 200);
}

const clocksOf = (id: string) =>
  h.orm.em
    .fork()
    .execute<{ clock: string; outcome: string | null; started_at: string | Date }[]>(
      'select clock, outcome, started_at from contact_clock where contact_id = ?',
      [id],
    );

describe('walk-in visit record', () => {
  it('is recorded by a clerk, completed with its result, and acknowledged by the journalist', async () => {
    const visitedAt = Date.now() - 3 * HOUR;
    const opened = await expectJson<WalkInView>(await record({ visitedAt }), 201);
    expect(opened).toMatchObject({
      kind: 'walk_in',
      status: 'draft',
      agencyId: AGENCY,
      journalist: { sub: USERS.reporter, name: 'Nguyễn Văn An' },
      visitedAt,
      host: { id: HOST, name: 'Hoàng Minh Đức' },
      visitor: {
        journalistId: 'nb-0001',
        fullName: 'Nguyễn Văn An',
        pressOrganisation: 'Báo Nhân Dân',
        pressCardNumber: 'ND-12345',
      },
      recordedBy: { sub: USERS.clerk },
      result: null,
    });
    expect(opened.id).toMatch(/^TT-/);
    expect(opened.allowedActions).toEqual(expect.arrayContaining(['record_result', 'assign']));
    // The record clock runs from the visit, not from when it was written down.
    const clock = opened.clocks.find((k) => k.name === 'record_result');
    expect(clock?.dueAt).toBeGreaterThan(visitedAt);
    const [row] = await clocksOf(opened.id);
    expect(new Date(row!.started_at).getTime()).toBe(visitedAt);

    // The journalist sees it among their contacts, and may not record its result.
    const mine = await expectJson<{ items: { id: string; kind: string }[] }>(
      await h.call('GET', '/contacts?kind=walk_in', { as: USERS.reporter }),
      200,
    );
    expect(mine.items.map((i) => i.id)).toContain(opened.id);
    const asJournalist = await expectJson<WalkInView>(
      await h.call('GET', `/contacts/${opened.id}`, { as: USERS.reporter }),
      200,
    );
    expect(asJournalist.allowedActions).toEqual([]);
    await expectProblem(
      await h.call('POST', `/contacts/${opened.id}/actions/record_result`, {
        as: USERS.reporter,
        body: { held: true, summary: 'Tự ghi', informationProvided: 'Không' },
      }),
      409,
      'action_not_allowed',
    );

    const completed = await act(opened.id, USERS.officer, 'record_result', {
      held: true,
      summary: 'Sở cung cấp số ca bệnh và kế hoạch phun hoá chất.',
      informationProvided: 'Báo cáo số 123/BC-SYT ngày 28/11/2026.',
    });
    expect(completed.status).toBe('completed');
    expect(completed.result).toMatchObject({ held: true, recordedBy: { sub: USERS.officer } });
    expect(completed.clocks.find((k) => k.name === 'record_result')?.stoppedAt).not.toBeNull();
    expect((await clocksOf(opened.id))[0]?.outcome).toBe('met');

    const closed = await act(opened.id, USERS.reporter, 'acknowledge', { note: 'Cảm ơn Sở.' });
    expect(closed.status).toBe('closed');
    expect(closed.timeline.map((e) => e.type)).toEqual(['submitted', 'record_result', 'acknowledge']);
    const notes = await h.orm.em
      .fork()
      .execute<{ type: string; recipient_sub: string | null }[]>(
        'select type, recipient_sub from notification where contact_id = ? order by id',
        [opened.id],
      );
    expect(notes.map((n) => n.type)).toEqual(
      expect.arrayContaining(['walk_in_recorded', 'result_recorded', 'acknowledged']),
    );
    await recordHistory(h.client, opened.id, 'walk-in');
  });

  it('counts in the province’s statistics like every contact, by kind', async () => {
    // Vietnam's yesterday to today: the count must not depend on the hour the test runs.
    const vnDate = (ms: number) => new Date(ms + 7 * HOUR).toISOString().slice(0, 10);
    const [from, today] = [vnDate(Date.now() - 24 * HOUR), vnDate(Date.now())];
    const received = async (kind: string) => {
      const body = await expectJson<{ items: { agencyId: string; received: number }[] }>(
        await h.call('GET', `/statistics/agencies?from=${from}&to=${today}&kind=${kind}&minimumN=1`, {
          as: USERS.supervisor,
        }),
        200,
      );
      return body.items.find((i) => i.agencyId === AGENCY)?.received ?? 0;
    };
    const [walkIns, requests] = [await received('walk_in'), await received('information_request')];
    await expectJson<WalkInView>(await record(), 201);
    await expect.poll(() => received('walk_in')).toBe(walkIns + 1);
    expect(await received('information_request')).toBe(requests);
  });

  it('records a journalist the registry does not know, whom nobody can act for', async () => {
    const opened = await expectJson<WalkInView>(
      await record({
        journalistId: undefined,
        journalist: {
          fullName: 'Lê Văn Cường',
          pressOrganisation: 'Tạp chí Sức khoẻ',
          pressCardNumber: 'SK-001',
        },
      }),
      201,
    );
    expect(opened.visitor).toEqual({
      journalistId: null,
      fullName: 'Lê Văn Cường',
      pressOrganisation: 'Tạp chí Sức khoẻ',
      pressCardNumber: 'SK-001',
    });
    expect(opened.journalist.name).toBe('Lê Văn Cường');
    const notHeld = await act(opened.id, USERS.clerk, 'record_result', {
      held: false,
      reason: 'Phóng viên đề nghị hẹn lại.',
      summary: 'Chưa làm việc.',
      informationProvided: 'Không có.',
    });
    expect(notHeld.status).toBe('not_held');
    // Another journalist cannot see it; the agency closes it when nobody will acknowledge it.
    await expectProblem(await h.call('GET', `/contacts/${opened.id}`, { as: USERS.otherReporter }), 404);
  });

  it('returns the same record for a retried create, and refuses a reused key with another visit', async () => {
    const key = `walk-in-retry-${Date.now()}`;
    const visitedAt = Date.now() - HOUR;
    const first = await expectJson<WalkInView>(await record({ visitedAt }, USERS.clerk, key), 201);
    const again = await expectJson<WalkInView>(await record({ visitedAt }, USERS.clerk, key), 201);
    expect(again.id).toBe(first.id);
    await expectProblem(
      await record({ visitedAt, content: 'Một buổi làm việc khác hẳn, nội dung khác.' }, USERS.clerk, key),
      409,
    );
  });

  it('is refused to journalists, to other agencies and to read-only roles', async () => {
    await expectProblem(await record({}, USERS.reporter), 403, 'role_required');
    await expectProblem(await record({}, USERS.foreignClerk), 403, 'not_your_agency');
    await expectProblem(await record({}, USERS.auditor), 403, 'role_required');
    await expectProblem(await record({}, USERS.supervisor), 403, 'role_required');
    const list = await expectJson<{ items: { agencyId: string; kind: string }[] }>(
      await h.call('GET', '/contacts?kind=walk_in', { as: USERS.foreignClerk }),
      200,
    );
    expect(list.items.filter((i) => i.agencyId === AGENCY)).toEqual([]);
  });

  it('refuses bad input with a problem naming the field, and opens nothing', async () => {
    const before = await h.orm.em.fork().count(Contact, { kind: 'walk_in' });
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ visitedAt: Date.now() + 2 * HOUR }, 422, 'visit_in_future', 'visitedAt'],
      [{ visitedAt: Date.now() - 200 * 24 * HOUR }, 422, 'visit_too_old', 'visitedAt'],
      [{ visitedAt: '2026-13-45T09:00:00+07:00' }, 422, 'invalid_input', 'visitedAt'],
      [{ hostId: 'sp-qt-xd' }, 422, 'unknown_host', 'hostId'],
      [{ journalistId: 'nb-9999' }, 422, 'unknown_journalist', 'journalistId'],
      [
        { journalist: { fullName: 'Hai cách', pressOrganisation: 'Báo X', pressCardNumber: 'X-1' } },
        422,
        'invalid_input',
        'journalistId',
      ],
      [{ journalistId: undefined }, 422, 'invalid_input', 'journalistId'],
      [{ content: 'ngắn' }, 422, 'invalid_input', 'content'],
      [{ content: 'Nội dung có ký tự điều khiển \u0007 ở giữa câu.' }, 422, 'invalid_text', 'content'],
      [{ extra: 'field' }, 422, 'invalid_input', ''],
    ];
    for (const [body, status, code, path] of cases) {
      const problem = await expectProblem(await record(body), status, code);
      if (path) expect(problem.issues?.map((i) => i.path).join(' '), JSON.stringify(body)).toContain(path);
    }
    expect(await h.orm.em.fork().count(Contact, { kind: 'walk_in' })).toBe(before);
  });
});
