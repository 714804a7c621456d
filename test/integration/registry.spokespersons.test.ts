// Spokespersons: the public directory, management with its authorization, the rules of Decree 09, the
// ordered change feed, and webhook delivery that survives a receiver outage.
import { createHmac } from 'node:crypto';
import { serve, type ServerType } from '@hono/node-server';
import { Client, Connection } from '@temporalio/client';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookDeliveries } from '../../api/webhook-deliveries.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { recordHistory } from '../support/histories.ts';
import { eventually, expectJson, expectProblem, USERS } from '../support/api-helpers.ts';
import { freePort } from '../support/global-setup.ts';
import { parseAllowHosts } from '../../domain/net/outbound-url.ts';

let h: Harness;
/** The webhook receiver's port: loopback is refused unless allow-listed, exactly as an operator would. */
let receiverPort: number;
beforeAll(async () => {
  receiverPort = await freePort();
  h = await startHarness({ outbound: { allowHosts: parseAllowHosts(`127.0.0.1:${receiverPort}`) } });
});
afterAll(async () => h?.close());

interface Entry {
  id: string;
  fullName: string;
  agency: { id: string; name: string };
  version: number;
}

const directory = (query: string) =>
  h
    .call('GET', `/public/spokespersons?${query}`)
    .then((r) => expectJson<{ items: Entry[]; nextCursor: string | null }>(r, 200));
const newPerson = (over: Record<string, unknown> = {}) => ({
  agencyId: 'qt-so-yte',
  fullName: 'Trần Thị Diệu Linh',
  roleType: 'spokesperson',
  title: 'Chánh Văn phòng Sở Y tế',
  phone: '0232 3822 199',
  email: 'linh.tran@quangtri.gov.vn',
  termStart: '2026-01-01',
  topics: 'Tiêm chủng',
  ...over,
});

describe('public directory', () => {
  it('needs no sign-in and ignores case and diacritics', async () => {
    const byName = await directory('q=hoang%20minh%20duc');
    expect(byName.items.map((i) => i.fullName)).toEqual(['Hoàng Minh Đức']);
    const byAgency = await directory('q=so%20y%20te&provinceId=quang-tri');
    expect(byAgency.items.map((i) => i.agency.id)).toEqual(['qt-so-yte', 'qt-so-yte']);
    const byTopic = await directory('q=DICH%20BENH');
    expect(byTopic.items[0]?.fullName).toBe('Hoàng Minh Đức');
  });

  it('filters by province and level and paginates without repeats', async () => {
    const communes = await directory('level=commune');
    expect(communes.items.map((i) => i.agency.id).sort()).toEqual(['qt-phuong-dong-hoi', 'qt-xa-bo-trach']);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Entry[]; nextCursor: string | null } = await directory(
        `provinceId=quang-tri&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.length).toBe(7);
    expect(new Set(seen).size).toBe(7);
    await expectProblem(await h.call('GET', '/public/spokespersons?level=district'), 400);
  });
});

describe('managing spokespersons', () => {
  it('lets the agency and its province administrator manage, and nobody else', async () => {
    for (const as of [USERS.reporter, USERS.foreignClerk, USERS.supervisor]) {
      await expectProblem(
        await h.call('POST', '/spokespersons', { as, body: newPerson() }),
        403,
        'not_your_agency',
      );
      await expectProblem(await h.call('GET', '/spokespersons?agencyId=qt-so-yte', { as }), 403);
    }
    await expectProblem(await h.call('POST', '/spokespersons', { body: newPerson() }), 401);
    const { token } = await h.issuer.mint({
      sub: 'admin-hue',
      name: 'Admin Huế',
      roles: ['admin'],
      agencyId: 'hue',
    });
    const res = await h.app.request('/api/v1/spokespersons', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(newPerson()),
    });
    await expectProblem(res, 403, 'not_your_agency');
    const created = await expectJson<Entry>(
      await h.call('POST', '/spokespersons', { as: USERS.clerk, body: newPerson() }),
      201,
    );
    expect(created.version).toBe(1);
    await expectJson(
      await h.call('POST', '/spokespersons', {
        as: USERS.admin,
        body: newPerson({ fullName: 'Người thứ hai', agencyId: 'qt-xa-bo-trach' }),
      }),
      201,
    );
    const list = await expectJson<{ items: Entry[] }>(
      await h.call('GET', '/spokespersons?agencyId=qt-so-yte', { as: USERS.head }),
      200,
    );
    expect(list.items.map((i) => i.fullName)).toContain('Trần Thị Diệu Linh');
  });

  it('lists the caller’s own agency when no agency is named, and refuses a caller without one', async () => {
    const named = await expectJson<{ items: Entry[] }>(
      await h.call('GET', '/spokespersons?agencyId=qt-so-yte&includeEnded=true', { as: USERS.head }),
      200,
    );
    const own = await expectJson<{ items: Entry[] }>(
      await h.call('GET', '/spokespersons?includeEnded=true', { as: USERS.head }),
      200,
    );
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.map((i) => i.id)).toEqual(named.items.map((i) => i.id));
    // Another agency's clerk gets their own agency's list, never the one above.
    const foreign = await expectJson<{ items: (Entry & { agencyId: string })[] }>(
      await h.call('GET', '/spokespersons', { as: USERS.foreignClerk }),
      200,
    );
    expect(foreign.items.every((i) => i.agencyId !== 'qt-so-yte')).toBe(true);
    // A journalist works for no agency: there is no own agency to list.
    await expectProblem(
      await h.call('GET', '/spokespersons', { as: USERS.reporter }),
      403,
      'not_your_agency',
    );
    await expectProblem(await h.call('GET', '/spokespersons'), 401);
  });

  it('does not let a commune clerk edit another commune’s spokespersons', async () => {
    const { token } = await h.issuer.mint({
      sub: 'dh-van-thu',
      name: 'Văn thư phường Đồng Hới',
      roles: ['agency_staff'],
      agencyId: 'qt-phuong-dong-hoi',
    });
    const as = (method: string, path: string, body?: unknown) =>
      h.app.request(`/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    await expectProblem(
      await as('PATCH', '/spokespersons/sp-qt-bo-trach', { phone: '0999 999 999' }),
      403,
      'not_your_agency',
    );
    await expectProblem(
      await as('POST', '/spokespersons/sp-qt-bo-trach/end-term', { termEnd: '2026-01-01' }),
      403,
    );
    await expectJson(
      await as('PATCH', '/spokespersons/sp-qt-dong-hoi', { topics: 'Đô thị, đất đai, chỉnh trang bờ sông' }),
      200,
    );
    const agencies = await expectJson<{ items: { id: string }[] }>(
      await h.call('GET', '/public/agencies?q=ubnd%20phuong%20dong%20hoi'),
      200,
    );
    expect(agencies.items.map((a) => a.id)).toEqual(['qt-phuong-dong-hoi']);
  });

  it('enforces the rules of an authorization (written, time-boxed, never re-delegated)', async () => {
    const authorized = newPerson({ fullName: 'Người được ủy quyền', roleType: 'authorized' });
    const problem = await expectProblem(
      await h.call('POST', '/spokespersons', { as: USERS.head, body: authorized }),
      422,
      'invalid_input',
    );
    expect(problem.issues?.map((i) => i.path)).toEqual(
      expect.arrayContaining(['termEnd', 'documentNumber', 'delegatedById']),
    );
    const ok = {
      ...authorized,
      termEnd: '2026-12-31',
      documentNumber: '15/QĐ-SYT',
      documentDate: '2025-12-20',
      delegatedById: 'sp-qt-yte-head',
      authorizedCase: 'Vụ ngộ độc thực phẩm tại trường học',
    };
    const first = await expectJson<Entry>(
      await h.call('POST', '/spokespersons', { as: USERS.head, body: ok }),
      201,
    );
    const again = await expectProblem(
      await h.call('POST', '/spokespersons', {
        as: USERS.head,
        body: { ...ok, fullName: 'Người thứ ba', delegatedById: first.id },
      }),
      422,
    );
    const refusal = again.issues?.[0] as { message: string; messageEn?: string } | undefined;
    expect(refusal?.message).toMatch(/không được ủy quyền lại/);
    expect(refusal?.messageEn).toMatch(/may not pass the authorization on/);
    await expectProblem(
      await h.call('POST', '/spokespersons', {
        as: USERS.head,
        body: newPerson({ phone: null, email: null }),
      }),
      422,
    );
    await expectProblem(
      await h.call('POST', '/spokespersons', {
        as: USERS.head,
        body: newPerson({ email: '=HYPERLINK("x")' }),
      }),
      422,
    );
  });

  it('detects concurrent edits, ends terms, confirms and keeps history', async () => {
    const p = await expectJson<Entry>(
      await h.call('POST', '/spokespersons', {
        as: USERS.clerk,
        body: newPerson({ fullName: 'Đỗ Văn Tâm' }),
      }),
      201,
    );
    const edited = await expectJson<Entry>(
      await h.call('PATCH', `/spokespersons/${p.id}`, {
        as: USERS.clerk,
        body: { title: 'Phó Chánh Văn phòng', expectedVersion: 1 },
      }),
      200,
    );
    expect(edited.version).toBe(2);
    await expectProblem(
      await h.call('PATCH', `/spokespersons/${p.id}`, {
        as: USERS.head,
        body: { title: 'Khác', expectedVersion: 1 },
      }),
      409,
      'version_conflict',
    );
    await expectProblem(
      await h.call('PATCH', `/spokespersons/${p.id}`, { as: USERS.foreignClerk, body: { title: 'x' } }),
      403,
    );
    await expectJson(
      await h.call('POST', `/spokespersons/${p.id}/confirm`, { as: USERS.clerk, body: { note: 'Vẫn đúng' } }),
      200,
    );
    await expectJson(
      await h.call('POST', `/spokespersons/${p.id}/end-term`, {
        as: USERS.head,
        body: { termEnd: '2026-02-01' },
      }),
      200,
    );
    const history = await expectJson<{ items: { changeType: string; version: number }[] }>(
      await h.call('GET', `/spokespersons/${p.id}/history`, { as: USERS.clerk }),
      200,
    );
    expect(history.items.map((i) => [i.changeType, i.version])).toEqual([
      ['created', 1],
      ['updated', 2],
      ['term_ended', 3],
    ]);
    const dir = await directory('q=do%20van%20tam');
    expect(dir.items).toEqual([]);
  });

  // Review finding: two editors sending the same `expectedVersion` at once both read version 1 unlocked, both
  // got 200, the second overwrote the first, and the change feed recorded version 2 twice.
  it('lets exactly one of two simultaneous edits of the same version through', async () => {
    for (let round = 1; round <= 4; round += 1) {
      const p = await expectJson<Entry>(
        await h.call('POST', '/spokespersons', {
          as: USERS.clerk,
          body: newPerson({ fullName: `Người sửa cùng lúc ${round}` }),
        }),
        201,
      );
      const edits = [
        { as: USERS.clerk, title: 'Phó Chánh Văn phòng Sở Y tế' },
        { as: USERS.head, title: 'Trưởng phòng Truyền thông Sở Y tế' },
      ];
      const answers = await Promise.all(
        edits.map(({ as, title }) =>
          h.call('PATCH', `/spokespersons/${p.id}`, { as, body: { title, expectedVersion: 1 } }),
        ),
      );
      expect(answers.map((r) => r.status).sort(), `round ${round}`).toEqual([200, 409]);
      const winner = answers.findIndex((r) => r.status === 200);
      expect((await expectJson<Entry & { title: string }>(answers[winner]!, 200)).version).toBe(2);
      await expectProblem(answers[1 - winner]!, 409, 'version_conflict');
      const history = await expectJson<{ items: { version: number; snapshot: { title: string } }[] }>(
        await h.call('GET', `/spokespersons/${p.id}/history`, { as: USERS.clerk }),
        200,
      );
      expect(history.items.map((i) => i.version)).toEqual([1, 2]);
      expect(history.items[1]?.snapshot.title).toBe(edits[winner]!.title);
    }
  });
});

describe('change feed and webhooks', () => {
  it('pages through every change in order, scoped to who may read it', async () => {
    for (const as of [USERS.reporter, USERS.clerk, USERS.head])
      await expectProblem(await h.call('GET', '/spokespersons/changes', { as }), 403);
    const ids: number[] = [];
    let cursor = '';
    for (;;) {
      const page = await expectJson<{
        items: { id: number; provinceId: string | null }[];
        nextCursor: string;
        hasMore: boolean;
      }>(
        await h.call('GET', `/spokespersons/changes?limit=4${cursor ? `&since=${cursor}` : ''}`, {
          as: USERS.supervisor,
        }),
        200,
      );
      ids.push(...page.items.map((i) => i.id));
      expect(page.items.every((i) => i.provinceId === 'quang-tri')).toBe(true);
      cursor = page.nextCursor;
      if (!page.hasMore) break;
    }
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(7);
    const after = await expectJson<{ items: unknown[] }>(
      await h.call('GET', `/spokespersons/changes?since=${cursor}`, { as: USERS.supervisor }),
      200,
    );
    expect(after.items).toEqual([]);
    await expectProblem(await h.call('GET', '/spokespersons/changes?since=bogus', { as: USERS.admin }), 422);
  });

  // Review finding: the subscription was saved active before its delivery workflow started; with Temporal
  // down, the start threw a raw gRPC error (500), the caller never got the secret, and the subscription stayed
  // active with nothing ever delivering to it.
  it('keeps no subscription when its delivery cannot start, and answers 503 to retry', async () => {
    // The harness's parts, but a Temporal client whose server is not there (a port nothing listens on).
    const nowhere = Connection.lazy({ address: `127.0.0.1:${await freePort()}` });
    const app = h.appWith({
      temporalReady: () => Promise.resolve(false),
      webhooks: new WebhookDeliveries(new Client({ connection: nowhere }), h.orm, {
        taskQueue: h.taskQueue,
        startTimeoutMs: 1_000,
      }),
    });
    const url = 'https://hooks.example.gov.vn/temporal-down';
    try {
      const refused = await app.request('/api/v1/webhooks', {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await h.tokenFor(USERS.admin)}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ url }),
      });
      await expectProblem(refused, 503, 'service_unavailable');
      expect(refused.headers.get('retry-after')).toBe('5');
    } finally {
      await nowhere.close();
    }
    const mine = async () =>
      (
        await expectJson<{ items: { id: string; url: string }[] }>(
          await h.call('GET', '/webhooks', { as: USERS.admin }),
          200,
        )
      ).items.filter((s) => s.url === url);
    expect(await mine()).toEqual([]);
    // The retry, with Temporal there, subscribes once.
    const sub = await expectJson<{ id: string }>(
      await h.call('POST', '/webhooks', { as: USERS.admin, body: { url } }),
      201,
    );
    expect((await mine()).map((s) => s.id)).toEqual([sub.id]);
    expect((await h.call('DELETE', `/webhooks/${sub.id}`, { as: USERS.admin })).status).toBe(204);
  });

  it('delivers every change, in order and signed, to a receiver that was down', async () => {
    const received: { id: number; signature: string; body: string }[] = [];
    let up = false;
    const receiver = new Hono().post('/hook', async (c) => {
      const body = await c.req.text();
      if (!up) return c.text('down for maintenance', 503);
      received.push({
        id: Number(c.req.header('x-pl-change-id')),
        signature: c.req.header('x-pl-signature') ?? '',
        body,
      });
      return c.text('ok');
    });
    const port = receiverPort;
    const server: ServerType = serve({ fetch: receiver.fetch, port, hostname: '127.0.0.1' });
    try {
      const sub = await expectJson<{ id: string; secret: string }>(
        await h.call('POST', '/webhooks', {
          as: USERS.admin,
          body: { url: `http://127.0.0.1:${port}/hook` },
        }),
        201,
      );
      await expectProblem(
        await h.call('POST', '/webhooks', {
          as: USERS.clerk,
          body: { url: `http://127.0.0.1:${port}/hook` },
        }),
        403,
      );
      await expectJson(
        await h.call('POST', '/spokespersons', {
          as: USERS.clerk,
          body: newPerson({ fullName: 'Người mới sau đăng ký' }),
        }),
        201,
      );
      await new Promise((r) => setTimeout(r, 1500));
      expect(received).toEqual([]);
      up = true;
      const all = await expectJson<{ items: { id: number }[] }>(
        await h.call('GET', '/spokespersons/changes?limit=1000', { as: USERS.admin }),
        200,
      );
      const expected = all.items.map((i) => i.id);
      await eventually(
        () => Promise.resolve(received.length),
        (n) => n >= expected.length,
        30_000,
      );
      expect(received.map((r) => r.id)).toEqual(expected);
      for (const r of received.slice(0, 3)) {
        const [t, v1] = r.signature.split(',').map((part) => part.split('=')[1]);
        expect(v1).toBe(createHmac('sha256', sub.secret).update(`${t}.${r.body}`).digest('hex'));
      }
      const subs = await expectJson<{ items: { id: string; deliveredUpTo: number }[] }>(
        await h.call('GET', '/webhooks', { as: USERS.admin }),
        200,
      );
      expect(subs.items.find((s) => s.id === sub.id)?.deliveredUpTo).toBe(expected.at(-1));
      await h.call('DELETE', `/webhooks/${sub.id}`, { as: USERS.admin });
      const delivery = h.client.workflow.getHandle(`webhook-${sub.id}`);
      await delivery.result();
      await recordHistory(h.client, delivery.workflowId, 'webhook-delivery');
    } finally {
      server.close();
    }
  });
});
