// Issue 11: outgoing webhooks for notifications (IOffice, Zalo OA, SMS gateways). An administrator of the
// agency's province subscribes receivers; people who chose the webhook channel get their notifications POSTed
// there, signed like the spokesperson change feed, retried after the receiver fails, in order per receiver;
// deliveries given up are listed as dead letters and can be sent again. Receivers listen on 127.0.0.1 and are
// allow-listed (`OUTBOUND_ALLOW_HOSTS`); no traffic leaves the machine.
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { HostResolver } from '../../activities/outbound/pinned-target.ts';
import { parseAllowHosts } from '../../domain/net/outbound-url.ts';
import { createWorker } from '../../worker/worker.ts';
import { notificationDeliveryWorkflow } from '../../workflows/notification-delivery.workflow.ts';
import { eventually, expectJson, expectProblem, USERS } from '../support/api-helpers.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { testDataConverter } from '../support/payload-encryption.ts';

interface Received {
  path: string;
  status: number;
  deliveryKey: string;
  signature: string;
  body: string;
}

const noDns: HostResolver = (name) =>
  Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' }));

let h: Harness;
let server: Server;
let port: number;
let worker: { worker: Worker; connection: { close(): Promise<void> } } | undefined;
let running: Promise<void> | undefined;
const received: Received[] = [];
/** Per path, how many requests to refuse with 500 before accepting (Infinity: always). */
const failures = new Map<string, number>();

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const path = req.url ?? '';
      const left = failures.get(path) ?? 0;
      const status = left > 0 ? 500 : 200;
      if (left > 0) failures.set(path, left - 1);
      received.push({
        path,
        status,
        deliveryKey: String(req.headers['x-pl-delivery-key'] ?? ''),
        signature: String(req.headers['x-pl-signature'] ?? ''),
        body,
      });
      res.statusCode = status;
      res.end(status === 200 ? 'ok' : 'down');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  const allowHosts = parseAllowHosts(`127.0.0.1:${port}`);
  h = await startHarness({ withWorker: false, outbound: { allowHosts, resolve: noDns } });
  worker = await createWorker({
    address: inject('temporalAddress'),
    namespace: 'default',
    orm: h.orm,
    taskQueue: h.taskQueue,
    dataConverter: testDataConverter,
    outbound: { allowHosts, resolve: noDns },
    notifications: {
      channels: [],
      officeHours: 'always',
      webhooks: { publicBaseUrl: 'http://127.0.0.1:3999' },
      maxAttempts: 3,
      backoffMs: () => 100,
    },
  });
  running = worker.worker.run();
});

afterAll(async () => {
  worker?.worker.shutdown();
  await running;
  await worker?.connection.close();
  await h?.close();
  await new Promise((resolve) => server?.close(resolve));
});

const url = (path: string) => `http://127.0.0.1:${port}${path}`;
const verify = (secret: string, r: Received) => {
  const [t, v1] = r.signature.split(',').map((p) => p.split('=')[1]);
  return createHmac('sha256', secret).update(`${t}.${r.body}`).digest('hex') === v1;
};

interface Hook {
  id: string;
  secret: string;
  kind: string;
  deliveries: { pending: number; delivered: number; dead: number };
}

describe('notification webhooks', () => {
  it('are managed by administrators of the agency’s province only, at addresses the outbound policy allows', async () => {
    const path = '/agencies/qt-so-yte/notification-webhooks';
    await expectProblem(await h.call('POST', path, { body: { url: url('/x') } }), 401);
    await expectProblem(await h.call('POST', path, { as: USERS.head, body: { url: url('/x') } }), 403);
    await expectProblem(await h.call('GET', path, { as: USERS.clerk }), 403);
    await expectProblem(
      await h.call('POST', '/agencies/hue-so-yte/notification-webhooks', {
        as: USERS.admin,
        body: { url: url('/x') },
      }),
      403,
      'outside_your_province',
    );
    await expectProblem(
      await h.call('POST', path, { as: USERS.admin, body: { url: 'http://10.1.2.3/hook' } }),
      422,
      'unsafe_webhook_url',
    );
    await expectProblem(
      await h.call('POST', path, { as: USERS.admin, body: { url: url('/x'), kind: 'pigeon' } }),
      422,
      'invalid_input',
    );
    await expectProblem(
      await h.call('GET', '/notification-webhooks/nwh-nope/dead-letters', { as: USERS.admin }),
      404,
    );
  });

  it('deliver signed, retried, in order per receiver; Zalo OA gets its message format; dead letters are listed and resent', async () => {
    const path = '/agencies/qt-so-yte/notification-webhooks';
    const ioffice = await expectJson<Hook>(
      await h.call('POST', path, {
        as: USERS.admin,
        body: { url: url('/ioffice'), description: 'IOffice Sở Y tế' },
      }),
      201,
    );
    const zalo = await expectJson<Hook>(
      await h.call('POST', path, {
        as: USERS.admin,
        body: { url: url('/zalo'), kind: 'zalo_oa', recipientIds: { 'yte-giam-doc': '8400001' } },
      }),
      201,
    );
    const broken = await expectJson<Hook>(
      await h.call('POST', path, { as: USERS.centralAdmin, body: { url: url('/broken') } }),
      201,
    );
    failures.set('/ioffice', 2);
    failures.set('/broken', Infinity);
    // The director wants messages and escalations by webhook; nobody else chose it.
    await expectJson(
      await h.call('PUT', '/me/notification-preferences', {
        as: USERS.head,
        body: { types: { message: ['webhook'], escalated: ['in_app', 'email', 'webhook'] } },
      }),
      200,
    );
    const contactId = `c-2026-${randomBytes(3).toString('hex')}`;
    const ids: string[] = [];
    for (const [i, type] of (['message', 'message', 'escalated'] as const).entries()) {
      const [row] = await h.orm.em.fork().execute<{ id: string }[]>(
        `insert into notification (key, contact_id, type, text, recipient_sub, created_at)
         values (?, ?, ?, ?, 'yte-giam-doc', ?) returning id`,
        [
          `${contactId}:${i}:0`,
          contactId,
          type,
          `Thông báo số ${i + 1} về hồ sơ ${contactId}`,
          new Date(Date.now() + i),
        ],
      );
      ids.push(String(row!.id));
    }
    const handle = await h.client.workflow.start(notificationDeliveryWorkflow, {
      taskQueue: h.taskQueue,
      workflowId: `notification-delivery-${randomBytes(3).toString('hex')}`,
      args: [{ pollInterval: '300 milliseconds' }],
    });
    try {
      const accepted = (p: string) => received.filter((r) => r.path === p && r.status === 200);
      await eventually(
        () => Promise.resolve(received.length),
        () => accepted('/ioffice').length >= 3 && accepted('/zalo').length >= 3,
        30_000,
      );
      // IOffice: the first refused twice, then all three in order, each signed with the subscription's secret.
      const attempts = received.filter((r) => r.path === '/ioffice');
      expect(attempts.map((r) => r.status)).toEqual([500, 500, 200, 200, 200]);
      const order = attempts.map(
        (r) => (JSON.parse(r.body) as { notification: { id: string } }).notification.id,
      );
      expect(order).toEqual([ids[0], ids[0], ids[0], ids[1], ids[2]]);
      for (const r of attempts) expect(verify(ioffice.secret, r)).toBe(true);
      const first = JSON.parse(attempts[2]!.body) as Record<string, never>;
      expect(first).toMatchObject({
        deliveryKey: `webhook:${contactId}:0:0:yte-giam-doc:${ioffice.id}`,
        notification: {
          type: 'message',
          contactId,
          link: `http://127.0.0.1:3999/demo/ioffice.html?contact=${contactId}`,
        },
        recipient: { sub: 'yte-giam-doc', name: 'Võ Thị Hà', email: 'yte-giam-doc@demo.press-liaison.local' },
      });
      expect(attempts[2]!.deliveryKey).toBe(attempts[0]!.deliveryKey);

      // Zalo OA: its own message format, to the person's Zalo user id, with a button to the contact.
      const zaloBodies = accepted('/zalo').map((r) => JSON.parse(r.body) as Record<string, never>);
      expect(zaloBodies[2]).toEqual({
        recipient: { user_id: '8400001' },
        message: {
          text: `[KHẨN] Báo cáo Sở giám sát (${contactId})\nThông báo số 3 về hồ sơ ${contactId}`,
          attachment: {
            type: 'template',
            payload: {
              buttons: [
                {
                  title: 'Mở hồ sơ',
                  type: 'oa.open.url',
                  payload: { url: `http://127.0.0.1:3999/demo/ioffice.html?contact=${contactId}` },
                },
              ],
            },
          },
        },
      });
      for (const r of accepted('/zalo')) expect(verify(zalo.secret, r)).toBe(true);

      // The broken receiver: three attempts each, then dead letters; the others were never held back by it.
      const dead = await eventually(
        async () =>
          (
            await expectJson<{
              items: { deliveryId: string; notificationId: string; attempts: number; lastError: string }[];
            }>(
              await h.call('GET', `/notification-webhooks/${broken.id}/dead-letters`, { as: USERS.admin }),
              200,
            )
          ).items,
        (items) => items.length === 3,
        30_000,
      );
      expect(dead.map((d) => d.notificationId).sort()).toEqual([...ids].sort());
      expect(dead[0]).toMatchObject({ attempts: 3, lastError: expect.stringMatching(/HTTP 500/) as unknown });
      const listed = await expectJson<{ items: Hook[] }>(await h.call('GET', path, { as: USERS.admin }), 200);
      expect(listed.items.map((i) => [i.id, i.deliveries])).toEqual([
        [ioffice.id, { pending: 0, delivered: 3, dead: 0 }],
        [zalo.id, { pending: 0, delivered: 3, dead: 0 }],
        [broken.id, { pending: 0, delivered: 0, dead: 3 }],
      ]);
      expect(JSON.stringify(listed)).not.toContain(ioffice.secret);

      // Back up: a dead letter sent again arrives once.
      failures.set('/broken', 0);
      const before = received.filter((r) => r.path === '/broken').length;
      const res = await h.call(
        'POST',
        `/notification-webhooks/${broken.id}/dead-letters/${dead[0]!.deliveryId}/retry`,
        {
          as: USERS.admin,
        },
      );
      expect(res.status).toBe(202);
      await eventually(
        () => Promise.resolve(received.filter((r) => r.path === '/broken' && r.status === 200).length),
        (n) => n === 1,
      );
      await new Promise((r) => setTimeout(r, 800));
      expect(received.filter((r) => r.path === '/broken').length - before).toBe(1);
      await expectProblem(
        await h.call(
          'POST',
          `/notification-webhooks/${broken.id}/dead-letters/${dead[0]!.deliveryId}/retry`,
          { as: USERS.admin },
        ),
        404,
      );
      // Unsubscribed: nothing more goes there.
      const gone = await h.call('DELETE', `/notification-webhooks/${zalo.id}`, { as: USERS.admin });
      expect(gone.status).toBe(204);
    } finally {
      await handle.terminate('test over');
    }
  });
});
