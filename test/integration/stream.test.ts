// GET /stream: Server-Sent Events of the caller's contacts and notifications, scoped like everything else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.ts';
import { expectProblem, openRequest, USERS } from '../support/api-helpers.ts';
import { readEvents } from '../support/sse.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

/** Opens the stream as `as` and collects events until the returned `stop` is called. */
async function listen(as: string) {
  const controller = new AbortController();
  const res = await h.app.request('/api/v1/stream', {
    headers: { authorization: `Bearer ${await h.tokenFor(as)}` },
    signal: controller.signal,
  });
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = readEvents(res, 5000);
  await reader.until((e) => e.some((x) => x.event === 'ready'));
  await new Promise((r) => setTimeout(r, 300));
  return {
    events: reader.events,
    until: (...args: Parameters<typeof reader.until>) => reader.until(...args),
    async stop() {
      controller.abort();
      await reader.stop();
    },
  };
}

describe('GET /stream', () => {
  it('needs a token', async () => {
    await expectProblem(await h.call('GET', '/stream'), 401);
  });

  it('pushes contact changes and notifications to those allowed to see them, and nobody else', async () => {
    const clerk = await listen(USERS.clerk);
    const foreign = await listen(USERS.foreignClerk);
    const reporter = await listen(USERS.reporter);
    try {
      const c = await openRequest(h);
      // Both logs are followed, each from its own position: the two events may come in either order.
      const seen = await clerk.until(
        (e) =>
          e.some((x) => x.event === 'notification' && x.data.contactId === c.id) &&
          e.some((x) => x.event === 'contact' && x.data.contactId === c.id),
      );
      expect(seen).toContainEqual(
        expect.objectContaining({
          event: 'contact',
          data: { contactId: c.id, seq: 1, type: 'submitted', status: 'submitted' },
        }),
      );
      expect(seen.find((x) => x.event === 'notification')?.data).toMatchObject({
        contactId: c.id,
        type: 'new_request',
      });
      const mine = await reporter.until((e) =>
        e.some((x) => x.event === 'contact' && x.data.contactId === c.id),
      );
      expect(mine.filter((x) => x.event === 'notification' && x.data.contactId === c.id)).toEqual([]);
      await new Promise((r) => setTimeout(r, 500));
      expect(foreign.events.filter((x) => x.data.contactId === c.id)).toEqual([]);
    } finally {
      await Promise.all([clerk.stop(), foreign.stop(), reporter.stop()]);
    }
  });
});
