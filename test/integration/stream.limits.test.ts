// Issue 6: sixteen parallel live streams of one user were all accepted, and the first subscriber was sent up to
// 200 past events. Now a user holds at most 4 streams (slots freed on close), a new stream starts at the
// current position, and a reconnect with Last-Event-ID gets only what it missed, scoped and bounded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESUME_WINDOW } from '../../api/change-stream.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { eventually, expectJson, expectProblem, openRequest, USERS } from '../support/api-helpers.ts';
import { readEvents, type EventReader, type ReceivedEvent } from '../support/sse.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

type Received = ReceivedEvent;
type Listening = EventReader;

async function openStream(as: string, lastEventId?: string): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${await h.tokenFor(as)}` };
  if (lastEventId) headers['last-event-id'] = lastEventId;
  return h.app.request('/api/v1/stream', { headers });
}

/** Opens the stream as `as` and collects events until `stop()`; resolves once `ready` has arrived. */
async function listen(as: string, lastEventId?: string): Promise<Listening> {
  const res = await openStream(as, lastEventId);
  expect(res.status).toBe(200);
  const reader = readEvents(res);
  await reader.until((e) => e.some((x) => x.event === 'ready'));
  expect(reader.events[0]?.event).toBe('ready');
  return reader;
}

const about = (events: Received[], contactId: string) => events.filter((e) => e.data.contactId === contactId);

/** Waits until the projection has written the contact's timeline entry and notification. */
async function projected(contactId: string): Promise<void> {
  const count = async () => {
    const [row] = await h.orm.em
      .fork()
      .execute<{ n: number }[]>(
        'select (select count(*) from timeline_entry where contact_id = ?)::int + (select count(*) from notification where contact_id = ?)::int as n',
        [contactId, contactId],
      );
    return row?.n ?? 0;
  };
  expect(await eventually(count, (n) => n >= 2)).toBeGreaterThanOrEqual(2);
}

/** Long enough for several polls of the harness's 100 ms change stream. */
const settle = () => new Promise((r) => setTimeout(r, 800));

describe('GET /stream limits', () => {
  it('holds at most 4 streams per user: the 5th is refused, other users are not, a closed stream frees its slot', async () => {
    const mine = [];
    try {
      for (let i = 0; i < 4; i++) mine.push(await listen(USERS.reporter));
      expect(h.changes.subscriptions(USERS.reporter)).toBe(4);
      const fifth = await openStream(USERS.reporter);
      expect(Number(fifth.headers.get('retry-after'))).toBeGreaterThan(0);
      const problem = await expectProblem(fifth, 429, 'rate_limited');
      expect(problem).toMatchObject({ policy: 'streams_per_user' });
      expect(h.changes.subscriptions(USERS.reporter)).toBe(4);

      const other = await listen(USERS.clerk);
      mine.push(other);

      await mine.shift()!.stop();
      await eventually(
        () => Promise.resolve(h.changes.subscriptions(USERS.reporter)),
        (n) => n === 3,
        5000,
      );
      expect(h.changes.subscriptions(USERS.reporter)).toBe(3);
      mine.push(await listen(USERS.reporter));
    } finally {
      await Promise.all(mine.map((l) => l.stop()));
    }
    await eventually(
      () => Promise.resolve(h.changes.subscriptions(USERS.reporter) + h.changes.subscriptions(USERS.clerk)),
      (n) => n === 0,
      5000,
    );
  });

  it('the 5 parallel requests of one user race for 4 slots: exactly one is refused', async () => {
    const token = await h.tokenFor(USERS.officer);
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        Promise.resolve(h.app.request('/api/v1/stream', { headers: { authorization: `Bearer ${token}` } })),
      ),
    );
    try {
      expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 429]);
    } finally {
      for (const r of responses) await r.body?.cancel().catch(() => undefined);
    }
  });

  it('a first subscriber gets no past events, only what happens after it subscribed', async () => {
    // Nobody listens (the streams above are closed): the poller is idle and this is a first subscriber.
    const open = () =>
      Promise.resolve(
        [USERS.reporter, USERS.clerk, USERS.officer].reduce((n, sub) => n + h.changes.subscriptions(sub), 0),
      );
    expect(await eventually(open, (n) => n === 0, 5000)).toBe(0);
    const before = await openRequest(h);
    await projected(before.id);
    const clerk = await listen(USERS.clerk);
    try {
      await settle();
      expect(clerk.events.filter((e) => e.event !== 'ready')).toEqual([]);
      const after = await openRequest(h);
      // Both logs are followed, each from its own position: the two events may come in either order.
      await clerk.until(
        (e) =>
          about(e, after.id).some((x) => x.event === 'notification') &&
          about(e, after.id).some((x) => x.event === 'contact'),
      );
      expect(about(clerk.events, after.id).length).toBeGreaterThanOrEqual(2);
      expect(about(clerk.events, before.id)).toEqual([]);
      for (const e of clerk.events) expect(e.id).toMatch(/^\d+-\d+$/);
    } finally {
      await clerk.stop();
    }
  });

  it('a subscriber joining a running stream starts at the current position too', async () => {
    const first = await listen(USERS.clerk);
    let second: Listening | undefined;
    try {
      const earlier = await openRequest(h);
      await first.until((e) => about(e, earlier.id).some((x) => x.event === 'notification'));
      await projected(earlier.id);
      second = await listen(USERS.head);
      const later = await openRequest(h);
      await second.until((e) => about(e, later.id).length > 0);
      await settle();
      expect(about(second.events, earlier.id)).toEqual([]);
      expect(about(second.events, later.id).length).toBeGreaterThan(0);
    } finally {
      await Promise.all([first.stop(), second?.stop()]);
    }
  });

  it('a reconnect with Last-Event-ID gets what it missed, only what the caller may see', async () => {
    const clerk = await listen(USERS.clerk);
    const seen = await openRequest(h);
    // Both of its events (in either order), so the last id is past both logs' entries for it.
    await clerk.until(
      (e) =>
        about(e, seen.id).some((x) => x.event === 'notification') &&
        about(e, seen.id).some((x) => x.event === 'contact'),
    );
    const lastId = clerk.events.at(-1)!.id!;
    await clerk.stop();

    const missed = await openRequest(h);
    await projected(missed.id);

    const back = await listen(USERS.clerk, lastId);
    const foreign = await listen(USERS.foreignClerk, lastId);
    const fresh = await listen(USERS.clerk);
    try {
      expect(back.events[0]?.data).toMatchObject({ sub: USERS.clerk, resumed: true });
      await back.until((e) => about(e, missed.id).some((x) => x.event === 'notification'));
      expect(about(back.events, missed.id).map((e) => e.event)).toEqual(['contact', 'notification']);
      expect(about(back.events, seen.id)).toEqual([]);
      await settle();
      // Resumed, but another agency's clerk may not see this contact; a stream without Last-Event-ID starts now.
      expect(foreign.events[0]?.data).toMatchObject({ resumed: true });
      expect(about(foreign.events, missed.id)).toEqual([]);
      expect(fresh.events[0]?.data).toMatchObject({ resumed: false });
      expect(about(fresh.events, missed.id)).toEqual([]);
    } finally {
      await Promise.all([back.stop(), foreign.stop(), fresh.stop()]);
    }
  });

  it('resumes only from a recent position of ours', async () => {
    for (const lastId of ['99999999-99999999', 'contact-12', 'garbage']) {
      const stream = await listen(USERS.clerk, lastId);
      try {
        expect(stream.events[0]?.data, lastId).toMatchObject({ resumed: false });
      } finally {
        await stream.stop();
      }
    }
    const clerk = { sub: USERS.clerk, roles: ['agency_staff' as const], agencyId: 'qt-so-yte', name: 'x' };
    const actor = { ...clerk, provinceId: 'quang-tri' } as unknown as Parameters<typeof h.changes.replay>[0];
    const start = { contact: RESUME_WINDOW + 10, notification: 5 };
    expect(await h.changes.replay(actor, { contact: 9, notification: 5 }, start)).toBeUndefined();
    expect(await h.changes.replay(actor, { contact: 10, notification: 5 }, start)).toBeInstanceOf(Array);
  });
});

describe('GET /stream still answers as before', () => {
  it('needs a token', async () => {
    await expectProblem(await h.call('GET', '/stream'), 401);
  });

  it('lists the caller in ready', async () => {
    const stream = await listen(USERS.reporter);
    try {
      expect(stream.events[0]?.data).toMatchObject({ sub: USERS.reporter });
    } finally {
      await stream.stop();
    }
    await expectJson(await h.call('GET', '/contacts', { as: USERS.reporter }), 200);
  });
});
