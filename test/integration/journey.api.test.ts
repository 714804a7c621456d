// The whole information-request journey through the HTTP API, on real Temporal and a real database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactView } from '../../domain/information-request/index.ts';
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

async function json<T>(response: Response, status: number): Promise<T> {
  const body = (await response.json()) as T;
  expect(response.status, JSON.stringify(body)).toBe(status);
  return body;
}

async function act(id: string, as: string, action: string, body: unknown = {}): Promise<ContactView> {
  return json<ContactView>(await h.call('POST', `/contacts/${id}/actions/${action}`, { as, body }), 200);
}

describe('information request journey', () => {
  it('goes from request to acknowledged answer', async () => {
    const created = await json<ContactView>(
      await h.call('POST', '/contacts', {
        as: REPORTER,
        headers: { 'idempotency-key': 'journey-0001' },
        body: {
          kind: 'information_request',
          agencyId: 'qt-so-yte',
          subject: 'Tình hình sốt xuất huyết',
          question: 'Số ca sốt xuất huyết trong tháng 11 là bao nhiêu?',
        },
      }),
      201,
    );
    expect(created.status).toBe('submitted');
    expect(created.allowedActions).toEqual(['withdraw']);
    expect(created.clocks.map((c) => c.name).sort()).toEqual(['answer', 'first_response']);

    const inbox = await json<{ items: { id: string }[] }>(
      await h.call('GET', '/contacts', { as: CLERK }),
      200,
    );
    expect(inbox.items.map((i) => i.id)).toContain(created.id);

    const assigned = await act(created.id, CLERK, 'assign', {
      assigneeSub: OFFICER,
      assigneeName: 'Phạm Văn Dũng',
    });
    expect(assigned.status).toBe('in_progress');
    const drafted = await act(created.id, OFFICER, 'submit_answer', {
      text: 'Tháng 11 có 42 ca, giảm 10% so với tháng 10.',
    });
    expect(drafted.status).toBe('pending_approval');
    const approved = await act(created.id, SPOKESPERSON, 'approve_answer', {});
    expect(approved.status).toBe('answered');

    const seen = await json<ContactView>(
      await h.call('GET', `/contacts/${created.id}`, { as: REPORTER }),
      200,
    );
    expect(seen.answer?.text).toContain('42 ca');
    expect(seen.allowedActions).toEqual(['acknowledge', 'follow_up']);
    expect(seen.timeline.map((e) => e.type)).not.toContain('submit_answer');
    const closed = await act(created.id, REPORTER, 'acknowledge');
    expect(closed.status).toBe('closed');
  });
});
