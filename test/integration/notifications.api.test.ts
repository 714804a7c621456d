// The in-app notification channel (issue 11), on the real API, worker, Temporal and database: a reporter's
// message to the agency notifies its clerks, who list it newest first and mark it read — each for themselves;
// the live stream names the same id the list does; a registry notice has no contact; another person's
// notification answers 404 and is never listed or marked; no token is a 401; malformed ids, limits and cursors
// are 4xx problems. The SQL rule of the list and the JS rule of the stream agree on every kind of recipient.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../domain/actor.ts';
import { receivesNotification } from '../../api/change-stream.ts';
import { addressedTo } from '../../api/services/notifications.ts';
import { eventually, expectJson, expectProblem, openRequest, USERS } from '../support/api-helpers.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { readEvents } from '../support/sse.ts';

interface Item {
  id: string;
  type: string;
  text: string;
  contactId: string | null;
  link: string | null;
  read: boolean;
  createdAt: string;
}
interface Page {
  items: Item[];
  nextCursor: string | null;
  unreadCount: number;
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const list = async (as: string, query = '') =>
  expectJson<Page>(await h.call('GET', `/notifications${query}`, { as }), 200);
/** Every notification of `as` (all pages). */
async function all(as: string, query = ''): Promise<Item[]> {
  const items: Item[] = [];
  let page = await list(as, `?limit=100${query}`);
  items.push(...page.items);
  while (page.nextCursor) {
    page = await list(as, `?limit=100${query}&cursor=${page.nextCursor}`);
    items.push(...page.items);
  }
  return items;
}
const read = (id: string, as?: string) => h.call('POST', `/notifications/${id}/read`, as ? { as } : {});
const message = async (contactId: string, as: string, text: string) =>
  expectJson<{ id: string }>(
    await h.call('POST', `/contacts/${contactId}/messages`, { as, body: { text } }),
    201,
  );
const about = (items: Item[], contactId: string) => items.filter((i) => i.contactId === contactId);

/**
 * A new request, once the workflow's activity has recorded its notice to the agency (after the API answered):
 * counts taken next are not moved by a late arrival.
 */
async function settledRequest(overrides: Parameters<typeof openRequest>[1] = {}) {
  const contact = await openRequest(h, overrides);
  await eventually(
    async () => about(await all(USERS.clerk), contact.id),
    (items) => items.length === 1,
  );
  return contact;
}
const readRows = async (id: string) =>
  h.orm.em
    .fork()
    .execute<{ sub: string; read_at: Date }[]>(
      'select sub, read_at from notification_read where notification_id = ? order by sub',
      [id],
    );

describe('GET /notifications', () => {
  it('lists the reporter’s message to the agency for its clerks, newest first, unread', async () => {
    // The new request's notice comes from the workflow's activity; the message's from the API.
    const contact = await settledRequest({ subject: 'Số liệu tiêm chủng' });
    await message(contact.id, USERS.reporter, 'Xin bổ sung số liệu tháng 10.');

    const mine = about(await all(USERS.clerk), contact.id);
    expect(mine.map((i) => [i.type, i.read])).toEqual([
      ['message', false],
      ['new_request', false],
    ]);
    expect(Number(mine[0]!.id)).toBeGreaterThan(Number(mine[1]!.id));
    const { id, createdAt, ...rest } = mine[0]!;
    expect(id).toMatch(/^[1-9][0-9]*$/);
    expect(createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(rest).toEqual({
      type: 'message',
      text: 'Tin nhắn mới của Nguyễn Văn An về “Số liệu tiêm chủng”',
      contactId: contact.id,
      link: null,
      read: false,
    });
    // The other clerk of the agency has it too; the spokesperson had the new request only (the message goes to
    // clerks); the reporter, another agency's clerk and the department do not.
    expect(about(await all(USERS.officer), contact.id).map((i) => i.type)).toEqual([
      'message',
      'new_request',
    ]);
    expect(about(await all(USERS.spokesperson), contact.id).map((i) => i.type)).toEqual(['new_request']);
    for (const other of [USERS.reporter, USERS.foreignClerk, USERS.supervisor])
      expect(about(await all(other), contact.id), other).toEqual([]);
  });

  it('names in the live stream the id the list shows', async () => {
    const contact = await settledRequest();
    const res = await h.app.request('/api/v1/stream', {
      headers: { authorization: `Bearer ${await h.tokenFor(USERS.clerk)}` },
    });
    const stream = readEvents(res);
    try {
      await stream.until((e) => e.some((x) => x.event === 'ready'));
      await message(contact.id, USERS.reporter, 'Có tin mới.');
      const events = await stream.until((e) =>
        e.some(
          (x) => x.event === 'notification' && x.data.type === 'message' && x.data.contactId === contact.id,
        ),
      );
      const pushed = events.find((x) => x.event === 'notification' && x.data.type === 'message')!;
      const listed = about(await all(USERS.clerk), contact.id).find((i) => i.type === 'message')!;
      expect(String(pushed.data.notificationId)).toBe(listed.id);
      expect(pushed.data.text).toBe(listed.text);
    } finally {
      await stream.stop();
    }
  });

  it('pages with a cursor, with no gap and no repeat', async () => {
    const contact = await settledRequest();
    for (const n of [1, 2, 3]) await message(contact.id, USERS.clerk, `Trả lời số ${n}`);
    const everything = await all(USERS.reporter);
    const first = await list(USERS.reporter, '?limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await list(USERS.reporter, `?limit=2&cursor=${first.nextCursor}`);
    expect([...first.items, ...second.items].map((i) => i.id)).toEqual(
      everything.slice(0, 4).map((i) => i.id),
    );
    const ids = everything.map((i) => Number(i.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(
      about(everything, contact.id).map((i) => [i.type, i.text.startsWith('Tin nhắn mới của ')]),
    ).toEqual([
      ['message', true],
      ['message', true],
      ['message', true],
    ]);
    // The default page is 20.
    expect((await list(USERS.reporter)).items.length).toBe(Math.min(20, everything.length));
  });

  it('lists a registry notice, which has no contact but a link', async () => {
    await h.client.workflow.execute('spokespersonStalenessWorkflow', {
      taskQueue: h.taskQueue,
      workflowId: `notifications-staleness-${Date.now()}`,
      args: [{ months: 0 }],
    });
    const notice = (await all(USERS.clerk)).find((i) => i.type === 'spokespersons_stale');
    expect(notice).toMatchObject({ contactId: null, link: 'registry:qt-so-yte', read: false });
    expect((await all(USERS.head)).some((i) => i.id === notice!.id)).toBe(true);
    expect((await all(USERS.foreignClerk)).some((i) => i.id === notice!.id)).toBe(false);
  });
});

describe('read state', () => {
  it('marks one read for the caller only, idempotently, and counts and filters unread ones', async () => {
    const contact = await settledRequest();
    await message(contact.id, USERS.reporter, 'Đề nghị phản hồi sớm.');
    const before = await list(USERS.clerk, '?limit=1');
    const officerBefore = (await list(USERS.officer, '?limit=1')).unreadCount;
    const target = about(await all(USERS.clerk), contact.id).find((i) => i.type === 'message')!;
    expect(target.read).toBe(false);
    expect((await all(USERS.clerk, '&unread=true')).map((i) => i.id)).toContain(target.id);
    expect(before.unreadCount).toBe((await all(USERS.clerk, '&unread=true')).length);

    const marked = await expectJson<Item>(await read(target.id, USERS.clerk), 200);
    expect(marked).toEqual({ ...target, read: true });
    const [first] = await readRows(target.id);
    expect(first).toMatchObject({ sub: USERS.clerk });

    // Again: the same answer, the first read time kept, nothing counted twice.
    expect(await expectJson<Item>(await read(target.id, USERS.clerk), 200)).toEqual(marked);
    expect(await readRows(target.id)).toEqual([first]);
    const after = await list(USERS.clerk, '?limit=1');
    expect(after.unreadCount).toBe(before.unreadCount - 1);
    expect((await all(USERS.clerk, '&unread=true')).map((i) => i.id)).not.toContain(target.id);
    expect((await all(USERS.clerk)).find((i) => i.id === target.id)?.read).toBe(true);

    // The other clerk has not read it.
    const officer = await list(USERS.officer, '?limit=1');
    expect(officer.unreadCount).toBe(officerBefore);
    expect((await all(USERS.officer)).find((i) => i.id === target.id)?.read).toBe(false);
  });

  it('marks all read, or all up to what the person has seen', async () => {
    const contact = await settledRequest();
    await message(contact.id, USERS.reporter, 'Tin thứ nhất.');
    const seen = (await list(USERS.officer, '?limit=1')).items[0]!;
    await message(contact.id, USERS.reporter, 'Tin thứ hai.');
    const unreadBefore = (await list(USERS.officer, '?limit=1')).unreadCount;
    expect(unreadBefore).toBeGreaterThanOrEqual(2);

    const upTo = await expectJson<{ marked: number; unreadCount: number }>(
      await h.call('POST', '/notifications/read-all', { as: USERS.officer, body: { upTo: seen.id } }),
      200,
    );
    expect(upTo).toEqual({ marked: unreadBefore - 1, unreadCount: 1 });
    const [newest] = (await list(USERS.officer, '?unread=true')).items;
    expect(newest?.contactId).toBe(contact.id);
    expect(newest?.text).toContain('Nguyễn Văn An');
    expect(Number(newest!.id)).toBeGreaterThan(Number(seen.id));

    const rest = await expectJson<{ marked: number; unreadCount: number }>(
      await h.call('POST', '/notifications/read-all', { as: USERS.officer }),
      200,
    );
    expect(rest).toEqual({ marked: 1, unreadCount: 0 });
    expect(
      await expectJson<{ marked: number; unreadCount: number }>(
        await h.call('POST', '/notifications/read-all', { as: USERS.officer, body: {} }),
        200,
      ),
    ).toEqual({ marked: 0, unreadCount: 0 });
    expect(await list(USERS.officer, '?unread=true')).toMatchObject({ items: [], unreadCount: 0 });
    // Nothing of anybody else's was marked.
    const clerkUnread = await all(USERS.clerk, '&unread=true');
    expect(clerkUnread.map((i) => i.id)).toContain(newest!.id);
  });
});

describe('refusals', () => {
  it('answers 404 for a notification that is not the caller’s, and writes nothing', async () => {
    const contact = await settledRequest();
    await message(contact.id, USERS.reporter, 'Chỉ cơ quan nhận.');
    const target = about(await all(USERS.clerk), contact.id).find((i) => i.type === 'message')!;
    for (const other of [USERS.reporter, USERS.otherReporter, USERS.spokesperson, USERS.foreignClerk]) {
      const problem = await expectProblem(await read(target.id, other), 404, 'not_found');
      expect(problem.detail).not.toContain(contact.id);
    }
    await expectProblem(await read('999999999999999', USERS.clerk), 404, 'not_found');
    expect(await readRows(target.id)).toEqual([]);
    // read-all by others leaves it unread for the clerk.
    await h.call('POST', '/notifications/read-all', { as: USERS.foreignClerk });
    expect((await all(USERS.clerk)).find((i) => i.id === target.id)?.read).toBe(false);
  });

  it('needs a bearer token', async () => {
    for (const [method, path] of [
      ['GET', '/notifications'],
      ['POST', '/notifications/1/read'],
      ['POST', '/notifications/read-all'],
    ] as const) {
      const res = await h.call(method, path);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      await expectProblem(res, 401);
    }
  });

  it('refuses malformed ids, limits, cursors and bodies with 4xx problems', async () => {
    for (const id of ['abc', '0', '-1', '1.5', '99999999999999999999'])
      await expectProblem(await read(id, USERS.clerk), 400, 'invalid_input');
    for (const query of ['?limit=0', '?limit=101', '?limit=x', '?unread=yes', '?cursor=!!'])
      await expectProblem(
        await h.call('GET', `/notifications${query}`, { as: USERS.clerk }),
        400,
        'invalid_input',
      );
    // A NUL is refused before any route (`invalid_text`).
    await expectProblem(await read('%00', USERS.clerk), 400);
    await expectProblem(await h.call('GET', '/notifications?cursor=%00', { as: USERS.clerk }), 400);
    // Well-formed but not one of ours: another route's cursor, a forged one.
    for (const cursor of [
      Buffer.from('m5').toString('base64url'),
      'bm90LW91cnM',
      Buffer.from('n0').toString('base64url'),
    ])
      await expectProblem(
        await h.call('GET', `/notifications?cursor=${cursor}`, { as: USERS.clerk }),
        422,
        'invalid_input',
      );
    for (const body of [{ upTo: 'x' }, { upTo: 5 }, { all: true }])
      await expectProblem(
        await h.call('POST', '/notifications/read-all', { as: USERS.clerk, body }),
        422,
        'invalid_input',
      );
  });

  it('is documented in /openapi.json', async () => {
    const doc = await expectJson<{
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    }>(await h.call('GET', '/openapi.json'), 200);
    expect(Object.keys(doc.paths['/notifications'] ?? {})).toEqual(['get']);
    expect(Object.keys(doc.paths['/notifications/{id}/read'] ?? {})).toEqual(['post']);
    expect(Object.keys(doc.paths['/notifications/read-all'] ?? {})).toEqual(['post']);
    expect(Object.keys(doc.components.schemas['Notification']?.properties ?? {})).toEqual([
      'id',
      'type',
      'text',
      'contactId',
      'link',
      'read',
      'createdAt',
    ]);
  });
});

describe('the recipient rule', () => {
  // Rows of every shape the writers produce, and edge cases they should not (empty strings, empty roles), each
  // named by its key; actors of every kind. The list's SQL must admit exactly what the stream's JS admits.
  const rows: [
    key: string,
    sub: string | null,
    agency: string | null,
    roles: string | null,
    province: string | null,
  ][] = [
    ['person', 'sj-anna', null, null, null],
    ['person-over-agency', 'sj-anna', 'sj-a', '{agency_staff}', null],
    ['empty-person', '', 'sj-a', '{agency_staff}', null],
    ['agency-staff-supervisor', null, 'sj-a', '{agency_staff,supervisor}', null],
    ['agency-head', null, 'sj-a', '{agency_head}', null],
    ['agency-no-roles', null, 'sj-a', null, null],
    ['agency-empty-roles', null, 'sj-a', '{}', null],
    ['other-agency', null, 'sj-b', '{agency_staff}', null],
    ['province', null, null, '{supervisor}', 'sj-p'],
    ['province-over-agency', null, 'sj-a', '{agency_staff}', 'sj-p'],
    ['empty-province', null, 'sj-a', '{agency_staff}', ''],
    ['other-province', null, null, '{supervisor}', 'sj-q'],
    ['nobody', null, null, null, null],
    ['empty-agency', null, '', '{agency_staff}', null],
  ];
  const actors: Actor[] = [
    { sub: 'sj-anna', name: 'Anna', roles: ['journalist'] },
    { sub: 'sj-clerk', name: 'Clerk', roles: ['agency_staff'], agencyId: 'sj-a', provinceId: 'sj-p' },
    { sub: 'sj-head', name: 'Head', roles: ['agency_head'], agencyId: 'sj-a', provinceId: 'sj-p' },
    { sub: 'sj-multi', name: 'Multi', roles: ['spokesperson', 'agency_staff'], agencyId: 'sj-a' },
    { sub: 'sj-sup', name: 'Supervisor', roles: ['supervisor'], agencyId: 'sj-a', provinceId: 'sj-p' },
    { sub: 'sj-sup-q', name: 'Elsewhere', roles: ['supervisor'], agencyId: 'sj-z', provinceId: 'sj-q' },
    { sub: 'sj-sup-none', name: 'No province', roles: ['supervisor'], agencyId: 'sj-z' },
    { sub: 'sj-staff-b', name: 'Staff B', roles: ['agency_staff'], agencyId: 'sj-b', provinceId: 'sj-p' },
    { sub: 'sj-none', name: 'No roles', roles: [], agencyId: 'sj-a', provinceId: 'sj-p' },
    { sub: 'sj-stray', name: 'No agency', roles: ['agency_staff'] },
    { sub: 'sj-empty', name: 'Empty agency', roles: ['agency_staff'], agencyId: '' },
    { sub: '', name: 'Nobody', roles: [] },
  ];

  it('admits in SQL exactly the rows receivesNotification admits, for every actor', async () => {
    const em = h.orm.em.fork();
    const ids: number[] = [];
    for (const [key, sub, agency, roles, province] of rows) {
      const [row] = await em.execute<{ id: string }[]>(
        `insert into notification (key, contact_id, type, text, recipient_sub, recipient_agency_id, recipient_roles,
           recipient_province_id, created_at) values (?, null, 'message', ?, ?, ?, ?::text[], ?, now()) returning id`,
        [`sql-js:${key}`, key, sub, agency, roles, province],
      );
      ids.push(Number(row!.id));
    }
    const stored = await em.execute<
      {
        id: string;
        key: string;
        contact_id: string | null;
        link: string | null;
        type: string;
        text: string;
        recipient_sub: string | null;
        recipient_agency_id: string | null;
        recipient_roles: string[] | null;
        recipient_province_id: string | null;
      }[]
    >('select * from notification where id = any(?::bigint[]) order by id', [`{${ids.join(',')}}`]);
    const keysFor = (admitted: { key: string }[]) =>
      admitted.map((r) => r.key.slice('sql-js:'.length)).sort();
    const seen = new Set<string>();
    for (const actor of actors) {
      const mine = addressedTo(actor);
      const bySql = await em.execute<{ key: string }[]>(
        `select n.key from notification n where n.id = any(?::bigint[]) and ${mine.sql}`,
        [`{${ids.join(',')}}`, ...mine.params],
      );
      const byJs = stored.filter((r) => receivesNotification(actor, r));
      expect(keysFor(bySql), actor.sub || '(empty sub)').toEqual(keysFor(byJs));
      for (const k of keysFor(byJs)) seen.add(k);
    }
    // The set exercises every branch: each row but the unaddressed ones reaches somebody.
    expect([...seen].sort()).toEqual(
      rows
        .map(([key]) => key)
        .filter((k) => !['nobody', 'agency-no-roles', 'agency-empty-roles'].includes(k))
        .sort(),
    );
  });
});
