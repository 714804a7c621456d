// An action sent with an Idempotency-Key is done once: a retry (after a 503 or a lost answer) gets the first
// attempt's outcome from Temporal, even after that action finished the contact (issue 9).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactView } from '../../domain/information-request/index.ts';
import { expectJson } from '../support/api-helpers.ts';
import { startHarness, type Harness } from '../support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const REPORTER = 'pv-nguyen-van-an';
const CLERK = 'yte-van-thu';
const OFFICER = 'yte-chuyen-vien';
const SPOKESPERSON = 'yte-phat-ngon';

function act(id: string, as: string, action: string, body: unknown, key?: string): Promise<Response> {
  return h.call('POST', `/contacts/${id}/actions/${action}`, {
    as,
    body,
    ...(key ? { headers: { 'idempotency-key': key } } : {}),
  });
}

async function answeredContact(key: string): Promise<string> {
  const created = await expectJson<ContactView>(
    await h.call('POST', '/contacts', {
      as: REPORTER,
      headers: { 'idempotency-key': key },
      body: {
        kind: 'information_request',
        agencyId: 'qt-so-yte',
        subject: 'Kế hoạch tiêm chủng',
        question: 'Kế hoạch tiêm chủng mở rộng năm 2027 thế nào?',
      },
    }),
    201,
  );
  await expectJson(await act(created.id, CLERK, 'assign', { assigneeSub: OFFICER }), 200);
  await expectJson(await act(created.id, OFFICER, 'submit_answer', { text: 'Kế hoạch được gửi kèm.' }), 200);
  await expectJson(await act(created.id, SPOKESPERSON, 'approve_answer', {}), 200);
  return created.id;
}

describe('actions with an Idempotency-Key', () => {
  it('answers a retry with the first outcome and records the action once', async () => {
    const id = await answeredContact('idem-action-0001');
    const first = await expectJson<ContactView>(
      await act(id, REPORTER, 'follow_up', { question: 'Xin thêm số liệu theo huyện.' }, 'follow-up-key-1'),
      200,
    );
    const retry = await expectJson<ContactView>(
      await act(id, REPORTER, 'follow_up', { question: 'Xin thêm số liệu theo huyện.' }, 'follow-up-key-1'),
      200,
    );
    expect(retry.status).toBe(first.status);
    expect(retry.timeline.map((e) => e.seq)).toEqual(first.timeline.map((e) => e.seq));
    const seen = await expectJson<ContactView>(await h.call('GET', `/contacts/${id}`, { as: REPORTER }), 200);
    expect(seen.timeline.filter((e) => e.type === 'follow_up')).toHaveLength(1);
    // Without the key, the same request is a new action, which the new status refuses.
    expect((await act(id, REPORTER, 'follow_up', { question: 'Lần nữa.' })).status).toBe(409);
  });

  it('answers the retry of the action that finished the contact, and refuses a new key there', async () => {
    const id = await answeredContact('idem-action-0002');
    const first = await expectJson<ContactView>(
      await act(id, REPORTER, 'acknowledge', {}, 'ack-key-0001'),
      200,
    );
    expect(first.status).toBe('closed');
    const retry = await expectJson<ContactView>(
      await act(id, REPORTER, 'acknowledge', {}, 'ack-key-0001'),
      200,
    );
    expect(retry.status).toBe('closed');
    expect(retry.timeline.map((e) => e.seq)).toEqual(first.timeline.map((e) => e.seq));
    const other = await act(id, REPORTER, 'acknowledge', {}, 'ack-key-0002');
    expect(other.status).toBe(409);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses a malformed key with a 400 problem', async () => {
    const response = await act('YC-0000000000', REPORTER, 'acknowledge', {}, 'short');
    expect([400, 422]).toContain(response.status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });
});
