// Issue 7: the reporter's live stream carried internal events (a draft submitted, a draft returned) that the
// contact view hides from them. The stream now follows the view's one rule (domain/contact/visibility.ts):
// agency-only entries — by `audience`, or by legacy type — reach the agency side only, live and on resume.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.ts';
import { act, eventually, expectJson, openRequest, USERS } from '../support/api-helpers.ts';
import { readEvents, type EventReader, type ReceivedEvent } from '../support/sse.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

/** Opens the stream as `as` (resuming after `lastEventId`) and collects events; resolves once `ready` arrived. */
async function listen(as: string, lastEventId?: string): Promise<EventReader> {
  const headers: Record<string, string> = { authorization: `Bearer ${await h.tokenFor(as)}` };
  if (lastEventId) headers['last-event-id'] = lastEventId;
  const res = await h.app.request('/api/v1/stream', { headers });
  expect(res.status).toBe(200);
  const reader = readEvents(res);
  await reader.until((e) => e.some((x) => x.event === 'ready'));
  return reader;
}

/** The timeline entry types of the contact events about `contactId`, in the order they arrived. */
const typesOf = (events: ReceivedEvent[], contactId: string) =>
  events.filter((e) => e.event === 'contact' && e.data.contactId === contactId).map((e) => e.data.type);

/** Long enough for several polls of the harness's change stream. */
const settle = () => new Promise((r) => setTimeout(r, 800));

/** Assigns, has a draft returned, then approves the second draft: the internal steps between public ones. */
async function draftReturnedThenApproved(contactId: string): Promise<void> {
  await act(h, contactId, USERS.clerk, 'assign', {
    assigneeSub: USERS.officer,
    assigneeName: 'Phạm Văn Dũng',
  });
  await act(h, contactId, USERS.officer, 'submit_answer', { text: 'Bản nháp thứ nhất.' });
  await act(h, contactId, USERS.head, 'return_answer', { reason: 'Thiếu số liệu tháng 10.' });
  await act(h, contactId, USERS.officer, 'submit_answer', { text: 'Bản nháp thứ hai, đủ số liệu.' });
  await act(h, contactId, USERS.head, 'approve_answer', { note: 'Đồng ý.' });
}

const ALL_STEPS = ['assign', 'submit_answer', 'return_answer', 'submit_answer', 'approve_answer'];

describe('GET /stream shows each side what the contact view shows it', () => {
  it("the reporter receives the request's public steps, never its drafts; the agency receives them all", async () => {
    const reporter = await listen(USERS.reporter);
    const clerk = await listen(USERS.clerk);
    try {
      const c = await openRequest(h);
      await draftReturnedThenApproved(c.id);
      await clerk.until((e) => typesOf(e, c.id).includes('approve_answer'));
      await reporter.until((e) => typesOf(e, c.id).includes('approve_answer'));
      await settle();

      expect(typesOf(clerk.events, c.id)).toEqual(['submitted', ...ALL_STEPS]);
      expect(typesOf(reporter.events, c.id)).toEqual(['submitted', 'assign', 'approve_answer']);

      // The same as the reporter's own view of the contact.
      const view = await expectJson<{ timeline: { type: string }[] }>(
        await h.call('GET', `/contacts/${c.id}`, { as: USERS.reporter }),
        200,
      );
      expect(view.timeline.map((e) => e.type)).toEqual(['submitted', 'assign', 'approve_answer']);
    } finally {
      await Promise.all([reporter.stop(), clerk.stop()]);
    }
  });

  it('a reporter resuming with Last-Event-ID is filtered the same way', async () => {
    const reporter = await listen(USERS.reporter);
    const c = await openRequest(h);
    await reporter.until((e) => typesOf(e, c.id).includes('submitted'));
    const lastId = reporter.events.at(-1)!.id!;
    await reporter.stop();

    await draftReturnedThenApproved(c.id);
    // Wait until the projection has recorded the approval, so it lies before the resumed stream's start.
    await eventually(
      () =>
        h.orm.em
          .fork()
          .execute<{ n: number }[]>(
            `select count(*)::int as n from timeline_entry where contact_id = ? and type = 'approve_answer'`,
            [c.id],
          ),
      (rows) => (rows[0]?.n ?? 0) > 0,
    );

    const back = await listen(USERS.reporter, lastId);
    const clerkBack = await listen(USERS.clerk, lastId);
    try {
      expect(back.events[0]?.data).toMatchObject({ resumed: true });
      await back.until((e) => typesOf(e, c.id).includes('approve_answer'));
      await clerkBack.until((e) => typesOf(e, c.id).includes('approve_answer'));
      await settle();
      expect(typesOf(back.events, c.id)).toEqual(['assign', 'approve_answer']);
      expect(typesOf(clerkBack.events, c.id)).toEqual(ALL_STEPS);
    } finally {
      await Promise.all([back.stop(), clerkBack.stop()]);
    }
  });

  it('an entry marked for the agency (audience) reaches the agency side only, whatever its type', async () => {
    const c = await openRequest(h);
    await eventually(
      () =>
        h.orm.em
          .fork()
          .execute<{ n: number }[]>('select count(*)::int as n from timeline_entry where contact_id = ?', [
            c.id,
          ]),
      (rows) => (rows[0]?.n ?? 0) > 0,
    );
    const reporter = await listen(USERS.reporter);
    const clerk = await listen(USERS.clerk);
    const supervisor = await listen(USERS.supervisor);
    try {
      await settle();
      // An internal note, as the recording activity writes one: a type the reporter could otherwise read.
      await h.orm.em
        .fork()
        .execute(
          `insert into timeline_entry (contact_id, seq, at, type, text, audience) values (?, 900, now(), 'note', 'Nội bộ.', 'agency')`,
          [c.id],
        );
      await clerk.until((e) => typesOf(e, c.id).includes('note'));
      await supervisor.until((e) => typesOf(e, c.id).includes('note'));
      await settle();
      expect(typesOf(clerk.events, c.id)).toEqual(['note']);
      expect(typesOf(supervisor.events, c.id)).toEqual(['note']);
      expect(typesOf(reporter.events, c.id)).toEqual([]);
    } finally {
      await Promise.all([reporter.stop(), clerk.stop(), supervisor.stop()]);
    }
  });
});
