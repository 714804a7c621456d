// Regression tests for issue 6 (1, 2, 7): each reproduction from the probe, sent as the attacker sent it.
// Before the fix a NUL or a lone surrogate passed validation and jammed the contact's workflow (creates and
// later actions answered 503 for good), unbounded extensions did the same, and NULs in ids, extreme dates and
// forged cursors answered 500. Now each is a clear 4xx problem, and the contact goes on working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactView } from '../../domain/information-request/index.ts';
import { act, expectJson, expectProblem, openRequest, USERS } from '../support/api-helpers.ts';
import { startHarness, type Harness } from '../support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 180_000);
afterAll(async () => h?.close());

/** Sends `body` as written: JSON text, so `\u0000` and lone surrogates arrive as escapes, as an attacker sends them. */
async function raw(method: string, path: string, as: string | undefined, body?: string, headers = {}) {
  return h.app.request(`/api/v1${path}`, {
    method,
    headers: {
      ...(as ? { authorization: `Bearer ${await h.tokenFor(as)}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body,
  });
}

const newContact = (subject: string) =>
  `{"kind":"information_request","agencyId":"qt-so-yte","subject":"${subject}","question":"Một câu hỏi đủ dài để hợp lệ."}`;

describe('1. one character no longer jams a contact', () => {
  it.each(['Sub\\u0000ject', 'Sub\\ud800ject', 'Sub\\u001bject'])(
    'refuses a create with subject "%s" at once, and the same key then works with clean text',
    async (subject) => {
      const key = { 'idempotency-key': `hostile-${subject.slice(5, 9)}-key1` };
      const started = Date.now();
      const refused = await raw('POST', '/contacts', USERS.reporter, newContact(subject), key);
      const problem = await expectProblem(refused, 422, 'invalid_text');
      expect(problem.issues?.[0]?.path).toBe('subject');
      expect(Date.now() - started).toBeLessThan(5_000);
      // Nothing was started under that key: the reporter can send the corrected request with it.
      const created = await raw('POST', '/contacts', USERS.reporter, newContact('Subject'), key);
      expect(created.status).toBe(201);
    },
  );

  it('refuses request_clarification with a NUL and keeps taking actions', async () => {
    const contact = await openRequest(h);
    await expectProblem(
      await raw(
        'POST',
        `/contacts/${contact.id}/actions/request_clarification`,
        USERS.clerk,
        '{"question":"Please clarify \\u0000 this"}',
      ),
      422,
    );
    const assigned = await act(h, contact.id, USERS.clerk, 'assign', {
      assigneeSub: USERS.officer,
      assigneeName: 'Chuyên viên',
    });
    expect(assigned.status).toBe('in_progress');
  });
});

describe('2. unbounded numbers', () => {
  it.each([
    { unit: 'hours', amount: 1e300 },
    { unit: 'calendar_days', amount: 100_000 },
    { unit: 'working_days', amount: 0 },
  ])('refuses extend with %j, and the contact goes on', async (span) => {
    const contact = await openRequest(h);
    await expectProblem(
      await h.call('POST', `/contacts/${contact.id}/actions/extend`, {
        as: USERS.head,
        body: { clock: 'answer', span, reason: 'Cần thêm thời gian' },
      }),
      422,
      'invalid_input',
    );
    const seen = await act(h, contact.id, USERS.clerk, 'assign', {
      assigneeSub: USERS.officer,
      assigneeName: 'Chuyên viên',
    });
    expect(seen.status).toBe('in_progress');
  });
});

describe('7. 4xx where a 500 was', () => {
  it.each([
    ['GET', '/contacts/%00', USERS.clerk],
    ['DELETE', '/webhooks/%00', USERS.supervisor],
    ['PATCH', '/agencies/%00', USERS.admin],
    ['GET', '/spokespersons/%00/history', USERS.admin],
    ['GET', '/agencies/%00/members', USERS.admin],
    ['GET', '/contacts/%ED%A0%80', USERS.clerk],
    ['GET', '/contacts/%E0%A4%A', USERS.clerk],
  ])('%s %s answers 400', async (method, path, as) => {
    const body =
      method === 'PATCH' ? '{"effectiveFrom":"2026-12-01","reason":"renamed","name":"Tên"}' : undefined;
    await expectProblem(await raw(method, path, as, body), 400, 'invalid_text');
  });

  it.each([
    ['POST', '/agencies/qt-xa-bo-trach/merge', '{"intoId":"qt-\\u0000","effectiveFrom":"2026-12-01"}'],
    ['POST', '/memberships', '{"sub":"x","name":"y","agencyId":"\\u0000","role":"agency_staff"}'],
    ['POST', '/webhooks', '{"url":"https://example.vn/hook","provinceId":"\\u0000"}'],
  ])('%s %s with a NUL in a body id answers 422', async (method, path, body) => {
    await expectProblem(await raw(method, path, USERS.admin, body), 422);
  });

  it.each([
    'amount=P99999999999D&unit=duration&start=2026-12-01T09:00:00%2B07:00',
    'amount=5&unit=working_days&start=9999-12-31T23:59:59Z',
    'amount=5&unit=working_days&start=0000-01-01T00:00:00Z',
    'amount=5&unit=working_days&start=not-a-date',
  ])('GET /calendar/deadline?%s answers 400', async (query) => {
    await expectProblem(await raw('GET', `/calendar/deadline?${query}`, undefined), 400);
  });

  it.each([{ u: 1e300, i: 'x' }, { u: -1e20, i: 'x' }, { u: 1, i: '\u0000' }, { u: 'x' }])(
    'GET /contacts with the forged cursor %j answers 4xx',
    async (cursor) => {
      const encoded = Buffer.from(JSON.stringify(cursor)).toString('base64url');
      const response = await raw('GET', `/contacts?cursor=${encoded}`, USERS.clerk);
      expect([400, 422]).toContain(response.status);
      await expectProblem(response, response.status);
    },
  );

  it('still pages with the cursors it hands out', async () => {
    await openRequest(h);
    await openRequest(h);
    const first = await expectJson<{ items: ContactView[]; nextCursor: string }>(
      await h.call('GET', '/contacts?limit=1', { as: USERS.clerk }),
      200,
    );
    const second = await expectJson<{ items: ContactView[] }>(
      await h.call('GET', `/contacts?limit=1&cursor=${first.nextCursor}`, { as: USERS.clerk }),
      200,
    );
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
  });
});

describe('8. an action body is JSON or nothing', () => {
  // The review found that the action handler read its body as JSON whatever its type, past the route's
  // validator and the hostile-text check (both of which read JSON bodies only), so a NUL id could reach a
  // registry lookup. The route's media-type check answers such bodies 415 before the handler: this keeps it so,
  // and the handler now builds the registry facts from the validated input only (next test).
  it.each([
    ['text/plain', { 'content-type': 'text/plain' }],
    ['no content type', {}],
  ])('refuses a body sent as %s with 415, and the contact goes on', async (_type, headers) => {
    const contact = await openRequest(h);
    const send = async (body: Uint8Array | undefined, extra: Record<string, string>) =>
      h.app.request(`/api/v1/contacts/${contact.id}/actions/withdraw`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await h.tokenFor(USERS.reporter)}`, ...extra },
        body,
      });
    for (const field of ['hostId', 'assigneeSub', 'toAgencyId']) {
      const body = new TextEncoder().encode(`{"${field}":"\\u0000"}`);
      await expectProblem(await send(body, headers), 415, 'http_415');
    }
    await expectProblem(
      await send(new TextEncoder().encode('{"attachmentIds":["\\u0000"]}'), headers),
      415,
      'http_415',
    );
    const still = await expectJson<ContactView>(
      await h.call('GET', `/contacts/${contact.id}`, { as: USERS.reporter }),
      200,
    );
    expect(still.status).toBe('submitted');
  });

  it.each([
    ['no content type', {}],
    ['an empty content type', { 'content-type': '' }],
  ])('takes an action without a body and with %s', async (_type, headers) => {
    const contact = await openRequest(h);
    const response = await h.app.request(`/api/v1/contacts/${contact.id}/actions/withdraw`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await h.tokenFor(USERS.reporter)}`, ...headers },
    });
    expect((await expectJson<ContactView>(response, 200)).status).toBe('withdrawn');
  });

  it('looks up in the registry only the ids the action takes', async () => {
    // `withdraw` takes no assignee, agency, host or files: ids sent beside its reason are dropped by its
    // schema, and were once looked up all the same (422 `unknown_assignee` for a field the action ignores).
    const contact = await openRequest(h);
    const withdrawn = await expectJson<ContactView>(
      await h.call('POST', `/contacts/${contact.id}/actions/withdraw`, {
        as: USERS.reporter,
        body: {
          reason: 'Không cần nữa.',
          assigneeSub: 'nobody',
          toAgencyId: 'nowhere',
          hostId: 'nobody',
          attachmentIds: ['none'],
        },
      }),
      200,
    );
    expect(withdrawn.status).toBe('withdrawn');
  });
});
