// Message threads on contacts (issue 10, part 3): the journalist and the agency write to each other with
// attachments of the same contact; internal notes stay on the agency side — in the list, the live stream and
// the notifications; a message changes no status but moves the board's last action; denial by role (403)
// and by agency (404); another contact's attachment is refused (422) and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, eventually, expectJson, expectProblem, openRequest, USERS } from '../support/api-helpers.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { readEvents, type EventReader } from '../support/sse.ts';

interface Message {
  id: string;
  contactId: string;
  at: string;
  author: { sub: string; name: string; side: 'journalist' | 'agency' };
  text: string;
  internal: boolean;
  attachments: { id: string; name: string; size: number; type: string }[];
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

let serial = 0;
async function attach(contactId: string, as: string, name: string): Promise<{ id: string; size: number }> {
  const bytes = new TextEncoder().encode(`Tệp số ${++serial} — ${Date.now()}\n`);
  const form = new FormData();
  form.append('file', new File([bytes], name, { type: 'text/plain' }));
  const response = await h.app.request(`/api/v1/contacts/${contactId}/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await h.tokenFor(as)}` },
    body: form,
  });
  return expectJson<{ id: string; size: number }>(response, 201);
}

const post = (contactId: string, as: string | undefined, body: unknown) =>
  h.call('POST', `/contacts/${contactId}/messages`, { ...(as ? { as } : {}), body });
const write = async (contactId: string, as: string, body: unknown) =>
  expectJson<Message>(await post(contactId, as, body), 201);
const thread = async (contactId: string, as: string, query = '') =>
  expectJson<{ items: Message[]; nextCursor: string | null }>(
    await h.call('GET', `/contacts/${contactId}/messages${query}`, { as }),
    200,
  );

const db = () => h.orm.em.fork();
const notificationsOf = (contactId: string) =>
  db().execute<
    { type: string; text: string; recipient_sub: string | null; recipient_agency_id: string | null }[]
  >(
    `select type, text, recipient_sub, recipient_agency_id from notification
     where contact_id = ? and type = 'message' order by id`,
    [contactId],
  );
const messageRows = async (contactId: string) =>
  (
    await db().execute<{ n: number }[]>('select count(*)::int as n from message where contact_id = ?', [
      contactId,
    ])
  )[0]!.n;

async function listen(as: string): Promise<EventReader> {
  const res = await h.app.request('/api/v1/stream', {
    headers: { authorization: `Bearer ${await h.tokenFor(as)}` },
  });
  expect(res.status).toBe(200);
  const reader = readEvents(res);
  await reader.until((e) => e.some((x) => x.event === 'ready'));
  return reader;
}

describe('a contact’s message thread', () => {
  it('carries messages with attachments both ways, oldest first, without changing the status', async () => {
    const contact = await openRequest(h);
    const file = await attach(contact.id, USERS.reporter, 'so-lieu.txt');
    const asked = await write(contact.id, USERS.reporter, {
      text: '  Xin bổ sung số liệu\r\ntháng 10.  ',
      attachmentIds: [file.id],
    });
    expect(asked).toMatchObject({
      contactId: contact.id,
      author: { sub: USERS.reporter, side: 'journalist' },
      text: 'Xin bổ sung số liệu\ntháng 10.',
      internal: false,
      attachments: [{ id: file.id, name: 'so-lieu.txt', size: file.size, type: 'text/plain; charset=utf-8' }],
    });
    const reply = await attach(contact.id, USERS.clerk, 'tra-loi.txt');
    const answered = await write(contact.id, USERS.clerk, {
      text: 'Đã nhận, sẽ gửi trong tuần.',
      attachmentIds: [reply.id],
    });
    expect(answered.author).toMatchObject({ sub: USERS.clerk, side: 'agency' });

    for (const reader of [USERS.reporter, USERS.clerk, USERS.supervisor, USERS.auditor]) {
      const { items } = await thread(contact.id, reader);
      expect(
        items.map((m) => [m.id, m.attachments.map((a) => a.id)]),
        reader,
      ).toEqual([
        [asked.id, [file.id]],
        [answered.id, [reply.id]],
      ]);
    }
    const view = await expectJson<{ status: string; timeline: unknown[] }>(
      await h.call('GET', `/contacts/${contact.id}`, { as: USERS.reporter }),
      200,
    );
    expect(view.status).toBe('submitted');
    expect(view.timeline).toHaveLength(contact.timeline.length);

    expect(await notificationsOf(contact.id)).toEqual([
      {
        type: 'message',
        text: `Tin nhắn mới của Nguyễn Văn An về “${contact.subject}”`,
        recipient_sub: null,
        recipient_agency_id: 'qt-so-yte',
      },
      expect.objectContaining({ recipient_sub: USERS.reporter, recipient_agency_id: null }),
    ]);
  });

  it('pages the thread with a cursor', async () => {
    const contact = await openRequest(h);
    for (const n of [1, 2, 3]) await write(contact.id, USERS.reporter, { text: `Tin số ${n}` });
    const first = await thread(contact.id, USERS.clerk, '?limit=2');
    expect(first.items.map((m) => m.text)).toEqual(['Tin số 1', 'Tin số 2']);
    const second = await thread(contact.id, USERS.clerk, `?limit=2&cursor=${first.nextCursor}`);
    expect(second).toMatchObject({ items: [{ text: 'Tin số 3' }], nextCursor: null });
    await expectProblem(
      await h.call('GET', `/contacts/${contact.id}/messages?cursor=bm90LW91cnM`, { as: USERS.clerk }),
      422,
      'invalid_input',
    );
  });

  it('keeps internal notes from the journalist in the list, the stream and the notifications', async () => {
    const contact = await openRequest(h);
    await act(h, contact.id, USERS.clerk, 'assign', {
      assigneeSub: USERS.officer,
      assigneeName: 'Phạm Văn Dũng',
    });
    const reporter = await listen(USERS.reporter);
    const officer = await listen(USERS.officer);
    try {
      const note = await write(contact.id, USERS.clerk, { text: 'Chờ ý kiến giám đốc.', internal: true });
      expect(note.internal).toBe(true);
      const reply = await write(contact.id, USERS.officer, { text: 'Chúng tôi đang tổng hợp.' });

      const messageEvents = (r: EventReader) =>
        r.events.filter(
          (e) => e.event === 'notification' && e.data.contactId === contact.id && e.data.type === 'message',
        );
      await reporter.until((e) =>
        e.some((x) => x.event === 'notification' && x.data.contactId === contact.id),
      );
      await officer.until((e) =>
        e.some((x) => x.event === 'notification' && x.data.contactId === contact.id),
      );
      await new Promise((r) => setTimeout(r, 800));
      expect(messageEvents(reporter).map((e) => e.data.text)).toEqual([
        `Tin nhắn mới của Phạm Văn Dũng về “${contact.subject}”`,
      ]);
      expect(messageEvents(officer).map((e) => e.data.text)).toEqual([
        `Ghi chú nội bộ mới của Lê Thị Cúc về “${contact.subject}”`,
      ]);

      expect((await thread(contact.id, USERS.reporter)).items.map((m) => m.id)).toEqual([reply.id]);
      for (const agencySide of [USERS.clerk, USERS.officer, USERS.head, USERS.supervisor])
        expect(
          (await thread(contact.id, agencySide)).items.map((m) => [m.id, m.internal]),
          agencySide,
        ).toEqual([
          [note.id, true],
          [reply.id, false],
        ]);
      const rows = await notificationsOf(contact.id);
      expect(rows.filter((r) => r.recipient_sub === USERS.reporter)).toHaveLength(1);
      expect(rows.filter((r) => r.text.startsWith('Ghi chú nội bộ'))).toEqual([
        expect.objectContaining({ recipient_sub: USERS.officer }),
      ]);
      await expectProblem(
        await post(contact.id, USERS.reporter, { text: 'Ghi chú', internal: true }),
        403,
        'internal_note_not_allowed',
      );
    } finally {
      await reporter.stop();
      await officer.stop();
    }
  });

  it('answers 404 to those who may not see the contact and 403 to those who only read it', async () => {
    const contact = await openRequest(h);
    await write(contact.id, USERS.reporter, { text: 'Xin chào.' });
    for (const outsider of [USERS.otherReporter, USERS.foreignClerk, USERS.admin]) {
      await expectProblem(await post(contact.id, outsider, { text: 'Xin chào.' }), 404, 'not_found');
      await expectProblem(
        await h.call('GET', `/contacts/${contact.id}/messages`, { as: outsider }),
        404,
        'not_found',
      );
    }
    for (const reader of [USERS.auditor, USERS.nationalAuditor, USERS.centralAdmin]) {
      await expectProblem(await post(contact.id, reader, { text: 'Xin chào.' }), 403, 'message_not_allowed');
      expect(await thread(contact.id, reader)).toMatchObject({ mayWrite: false, mayWriteInternal: false });
      expect((await thread(contact.id, reader)).items).toHaveLength(1);
    }
    expect(await thread(contact.id, USERS.reporter)).toMatchObject({
      mayWrite: true,
      mayWriteInternal: false,
    });
    expect(await thread(contact.id, USERS.clerk)).toMatchObject({ mayWrite: true, mayWriteInternal: true });
    for (const writer of [USERS.spokesperson, USERS.head, USERS.supervisor])
      await write(contact.id, writer, { text: 'Ổn.' });
    await expectProblem(await post(contact.id, undefined, { text: 'Xin chào.' }), 401);
    await expectProblem(await post('khong-ton-tai', USERS.reporter, { text: 'Xin chào.' }), 404, 'not_found');
    expect(await messageRows(contact.id)).toBe(4);
  });

  it('refuses another contact’s attachment, bad text and unknown fields, writing nothing', async () => {
    const contact = await openRequest(h);
    const other = await openRequest(h);
    const own = await attach(contact.id, USERS.reporter, 'a.txt');
    const foreign = await attach(other.id, USERS.reporter, 'b.txt');
    const refused = await expectProblem(
      await post(contact.id, USERS.reporter, { text: 'Kèm tệp.', attachmentIds: [own.id, foreign.id] }),
      422,
      'attachment_not_on_contact',
    );
    expect(refused).toMatchObject({ attachmentIds: [foreign.id] });
    for (const body of [
      { text: '   ' },
      { text: 'x'.repeat(8001) },
      { text: 'Xin chào.', audience: 'all' },
      { text: 'Xin chào.', attachmentIds: ['../x'] },
    ])
      await expectProblem(await post(contact.id, USERS.reporter, body), 422, 'invalid_input');
    // A NUL never reaches the route: the API's hostile-text guard refuses it first.
    await expectProblem(await post(contact.id, USERS.reporter, { text: 'a\u0000b' }), 422, 'invalid_text');
    expect(await messageRows(contact.id)).toBe(0);
    expect(await notificationsOf(contact.id)).toEqual([]);
  });

  it('moves the contact’s last action (the board’s idle clock) in the same transaction', async () => {
    const contact = await openRequest(h);
    const lastAction = async () =>
      (
        await db().execute<{ at: Date | null }[]>('select last_action_at as at from contact where id = ?', [
          contact.id,
        ])
      )[0]!.at;
    await eventually(lastAction, (at) => at !== null);
    await db().execute(`update contact set last_action_at = now() - interval '20 days' where id = ?`, [
      contact.id,
    ]);
    const before = Date.now();
    const message = await write(contact.id, USERS.reporter, { text: 'Có tin gì chưa ạ?' });
    const at = await lastAction();
    expect(new Date(at!).toISOString()).toBe(message.at);
    expect(new Date(at!).getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('takes messages for a while after the contact ended, then refuses with 409 contact_closed', async () => {
    const contact = await openRequest(h);
    await act(h, contact.id, USERS.reporter, 'withdraw', {});
    await write(contact.id, USERS.clerk, { text: 'Đã ghi nhận việc rút yêu cầu.' });
    await db().execute(
      `update contact set state = jsonb_set(state, '{updatedAt}', to_jsonb((extract(epoch from now()) * 1000)::bigint - 40::bigint * 86400000)) where id = ?`,
      [contact.id],
    );
    const problem = await expectProblem(
      await post(contact.id, USERS.reporter, { text: 'Cảm ơn.' }),
      409,
      'contact_closed',
    );
    expect(problem).toMatchObject({ graceDays: 30 });
    expect(await thread(contact.id, USERS.clerk)).toMatchObject({ mayWrite: false, mayWriteInternal: false });
  });

  it('is documented in /openapi.json', async () => {
    const doc = await expectJson<{
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    }>(await h.call('GET', '/openapi.json'), 200);
    const path = doc.paths['/contacts/{id}/messages']!;
    expect(Object.keys(path.post!.responses).sort()).toEqual(['201', '401', '403', '404', '409', '422']);
    expect(Object.keys(path.get!.responses)).toContain('200');
  });
});
