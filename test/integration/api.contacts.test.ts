// The contacts API against real PostgreSQL/PGlite and Temporal: authorization for every role, hostile input,
// idempotent creation, and problem responses (never a 500).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactView } from '../../domain/information-request/index.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { act, expectJson, expectProblem, openRequest, USERS } from '../support/api-helpers.ts';

let h: Harness;
let contact: ContactView;
beforeAll(async () => {
  h = await startHarness();
  contact = await openRequest(h, { subject: 'Dịch sốt xuất huyết ở Đồng Hới' });
});
afterAll(async () => h?.close());

const body = {
  kind: 'information_request',
  agencyId: 'qt-so-yte',
  subject: 'Một chủ đề',
  question: 'Một câu hỏi đủ dài để hợp lệ.',
};
const post = (as: string | undefined, payload: unknown = body, key: string | null = `k-${Math.random()}`) =>
  h.call('POST', '/contacts', { as, body: payload, headers: key ? { 'idempotency-key': key } : {} });

describe('POST /contacts', () => {
  it('needs a token', async () => {
    const res = await post(undefined);
    await expectProblem(res, 401, 'unauthorized');
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('refuses a forged or foreign token', async () => {
    const res = await h.app.request('/api/v1/contacts', {
      headers: { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' },
    });
    await expectProblem(res, 401, 'unauthorized');
  });

  it.each([USERS.clerk, USERS.spokesperson, USERS.head, USERS.supervisor, USERS.admin])(
    'refuses %s: only journalists send requests',
    async (as) => {
      await expectProblem(await post(as), 403, 'role_required');
    },
  );

  it('tells a non-resident reporter to propose an appointment', async () => {
    const problem = await expectProblem(await post(USERS.otherReporter), 403, 'resident_reporter_required');
    expect(problem.detail).toMatch(/đề xuất lịch làm việc/);
  });

  it('refuses a resident reporter asking an agency of another province', async () => {
    await expectProblem(
      await post(USERS.reporter, { ...body, agencyId: 'hue-so-yte' }),
      403,
      'resident_reporter_required',
    );
  });

  it('needs an Idempotency-Key', async () => {
    await expectProblem(await post(USERS.reporter, body, null), 400, 'invalid_input');
  });

  it.each([
    ['missing fields', { kind: 'information_request' }],
    ['unknown kind', { ...body, kind: 'appointment' }],
    ['extra fields', { ...body, journalistSub: 'someone-else' }],
    ['too short question', { ...body, question: 'ngắn' }],
    ['too long subject', { ...body, subject: 'x'.repeat(301) }],
    ['wrong types', { ...body, subject: 42 }],
  ])('rejects %s with 422', async (_name, payload) => {
    const problem = await expectProblem(await post(USERS.reporter, payload), 422, 'invalid_input');
    expect(problem.issues?.length).toBeGreaterThan(0);
  });

  it('rejects malformed JSON with 400', async () => {
    const res = await h.app.request('/api/v1/contacts', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await h.tokenFor(USERS.reporter)}`,
        'content-type': 'application/json',
        'idempotency-key': 'malformed-1',
      },
      body: '{"kind": ',
    });
    await expectProblem(res, 400);
  });

  it('rejects an unknown agency with 404', async () => {
    await expectProblem(
      await post(USERS.reporter, { ...body, agencyId: 'no-such-agency' }),
      404,
      'not_found',
    );
  });

  it('returns the same contact when a create is retried, even concurrently', async () => {
    const [a, b] = await Promise.all([
      post(USERS.reporter, body, 'same-key-1'),
      post(USERS.reporter, body, 'same-key-1'),
    ]);
    const first = await expectJson<ContactView>(a, 201);
    const second = await expectJson<ContactView>(b, 201);
    expect(second.id).toBe(first.id);
    const third = await expectJson<ContactView>(await post(USERS.reporter, body, 'same-key-1'), 201);
    expect(third.id).toBe(first.id);
    const mine = await expectJson<{ items: { id: string }[] }>(
      await h.call('GET', '/contacts?limit=100', { as: USERS.reporter }),
      200,
    );
    expect(mine.items.filter((i) => i.id === first.id)).toHaveLength(1);
  });

  it('refuses to reuse a key for a different request', async () => {
    await expectJson(await post(USERS.reporter, body, 'reused-key'), 201);
    await expectProblem(
      await post(USERS.reporter, { ...body, subject: 'Khác hẳn' }, 'reused-key'),
      409,
      'idempotency_key_reused',
    );
  });
});

describe('reading contacts', () => {
  it('shows the contact to the reporter, the agency and the province supervisor', async () => {
    for (const as of [USERS.reporter, USERS.clerk, USERS.head, USERS.spokesperson, USERS.supervisor]) {
      const view = await expectJson<ContactView>(await h.call('GET', `/contacts/${contact.id}`, { as }), 200);
      expect(view.id).toBe(contact.id);
    }
  });

  it.each([USERS.otherReporter, USERS.foreignClerk, USERS.admin])(
    'hides it from %s as if it did not exist',
    async (as) => {
      await expectProblem(await h.call('GET', `/contacts/${contact.id}`, { as }), 404, 'not_found');
    },
  );

  it('scopes lists: another agency and another reporter see none of it', async () => {
    for (const as of [USERS.otherReporter, USERS.foreignClerk]) {
      const list = await expectJson<{ items: { id: string }[] }>(
        await h.call('GET', '/contacts', { as }),
        200,
      );
      expect(list.items.map((i) => i.id)).not.toContain(contact.id);
    }
    await expectProblem(await h.call('GET', '/contacts', { as: USERS.admin }), 403, 'no_contact_scope');
  });

  it('searches without diacritics and filters by status', async () => {
    const found = await expectJson<{ items: { id: string }[] }>(
      await h.call('GET', '/contacts?q=sot%20xuat%20huyet%20o%20dong%20hoi', { as: USERS.clerk }),
      200,
    );
    expect(found.items.map((i) => i.id)).toEqual([contact.id]);
    const none = await expectJson<{ items: unknown[] }>(
      await h.call('GET', '/contacts?status=closed&q=dong%20hoi', { as: USERS.clerk }),
      200,
    );
    expect(none.items).toEqual([]);
    await expectProblem(
      await h.call('GET', '/contacts?status=bogus', { as: USERS.clerk }),
      400,
      'invalid_input',
    );
    await expectProblem(
      await h.call('GET', '/contacts?limit=1000', { as: USERS.clerk }),
      400,
      'invalid_input',
    );
  });

  it('paginates with a cursor without skipping or repeating', async () => {
    for (let i = 0; i < 3; i++) await openRequest(h);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = await expectJson(
        await h.call('GET', `/contacts?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { as: USERS.clerk }),
        200,
      );
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(4);
    await expectProblem(
      await h.call('GET', '/contacts?cursor=garbage', { as: USERS.clerk }),
      422,
      'invalid_input',
    );
  });
});

describe('actions', () => {
  it('lets each role take only its own actions', async () => {
    const c = await openRequest(h);
    const forbiddenFor = async (as: string, action: string, payload: unknown, status: number) =>
      expectProblem(
        await h.call('POST', `/contacts/${c.id}/actions/${action}`, { as, body: payload }),
        status,
      );
    await forbiddenFor(USERS.reporter, 'assign', { assigneeSub: USERS.officer, assigneeName: 'x' }, 409);
    await forbiddenFor(USERS.foreignClerk, 'assign', { assigneeSub: USERS.officer, assigneeName: 'x' }, 404);
    await forbiddenFor(USERS.otherReporter, 'withdraw', {}, 404);
    await forbiddenFor(USERS.clerk, 'decline', { ground: 'secret', explanation: 'Bí mật nhà nước.' }, 409);
    await forbiddenFor(USERS.supervisor, 'assign', { assigneeSub: USERS.officer, assigneeName: 'x' }, 409);
    await forbiddenFor(USERS.admin, 'assign', { assigneeSub: USERS.officer, assigneeName: 'x' }, 404);
    await forbiddenFor(USERS.clerk, 'no_such_action', {}, 400);
    const reminded = await act(h, c.id, USERS.supervisor, 'remind', { message: 'Đề nghị trả lời đúng hạn.' });
    // The reminder, then the formal letter it issued.
    expect(reminded.timeline.slice(-2).map((e) => e.type)).toEqual(['remind', 'reminder_letter']);
    const declined = await act(h, c.id, USERS.spokesperson, 'decline', {
      ground: 'under_investigation',
      explanation: 'Vụ việc đang điều tra.',
    });
    expect(declined.status).toBe('declined');
    const closedProblem = await forbiddenFor(USERS.reporter, 'withdraw', {}, 409);
    expect(closedProblem.allowedActions).toEqual([]);
  });

  it('rejects a bad decline ground with 422 naming the field', async () => {
    const problem = await expectProblem(
      await h.call('POST', `/contacts/${contact.id}/actions/decline`, {
        as: USERS.head,
        body: { ground: 'because', explanation: 'x' },
      }),
      422,
      'invalid_input',
    );
    expect(problem.issues?.map((i) => i.path)).toContain('ground');
  });
});

describe('service problems', () => {
  it('answers 503, not a hang, when no worker is running', async () => {
    const idle = await startHarness({ withWorker: false, updateTimeoutMs: 1500 });
    try {
      const res = await idle.call('POST', '/contacts', {
        as: USERS.reporter,
        headers: { 'idempotency-key': 'no-worker-1' },
        body,
      });
      await expectProblem(res, 503, 'service_unavailable');
      expect(res.headers.get('retry-after')).toBe('5');
    } finally {
      await idle.close();
    }
  });
});
