// Issue 6 (webhook SSRF): a supervisor registered http://127.0.0.1:<port>/internal-admin and the worker sent it
// signed POSTs. Now registration refuses every loopback spelling, and delivery judges the target again (a row
// written straight into the database, or a name that resolves to loopback only at delivery time): the receiver
// gets nothing, the delivery workflow fails with the non-retryable `UnsafeWebhookTarget`, and the subscription
// shows why. Receivers listen on loopback and test names resolve to loopback: no traffic leaves this machine.
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WorkflowFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostResolver } from '../../activities/outbound/pinned-target.ts';
import { WebhookDeliveries, webhookWorkflowId } from '../../api/webhook-deliveries.ts';
import { WebhookSubscription } from '../../db/entities/index.ts';
import { parseAllowHosts } from '../../domain/net/outbound-url.ts';
import { eventually, expectJson, expectProblem, USERS } from '../support/api-helpers.ts';
import { startHarness, type Harness } from '../support/harness.ts';

/** Test names, all answered with loopback; anything else is "not found" (no query leaves the machine). */
const resolver: HostResolver = (name) =>
  name === 'hooks.example.test' || name === 'allowed.example.test'
    ? Promise.resolve([{ address: '127.0.0.1', family: 4 }])
    : Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' }));

interface Received {
  path: string;
  host: string;
  changeId: number;
  signature: string;
  body: string;
}

let h: Harness;
let server: Server;
let port: number;
let connections = 0;
const received: Received[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({
        path: req.url ?? '',
        host: req.headers.host ?? '',
        changeId: Number(req.headers['x-pl-change-id']),
        signature: String(req.headers['x-pl-signature'] ?? ''),
        body,
      });
      res.end('ok');
    });
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  h = await startHarness({
    outbound: { allowHosts: parseAllowHosts(`allowed.example.test:${port}`), resolve: resolver },
  });
});
afterAll(async () => {
  await h?.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

interface SubscriptionView {
  id: string;
  url: string;
  lastError: string | null;
  active: boolean;
  deliveredUpTo: number;
}

async function subscriptions(): Promise<SubscriptionView[]> {
  return (
    await expectJson<{ items: SubscriptionView[] }>(
      await h.call('GET', '/webhooks', { as: USERS.admin }),
      200,
    )
  ).items;
}

/** Waits for the delivery workflow to end and returns the failure it ended with. */
async function deliveryFailure(subscriptionId: string): Promise<ApplicationFailure> {
  const outcome = await h.client.workflow
    .getHandle(webhookWorkflowId(subscriptionId))
    .result()
    .then(
      () => undefined,
      (error: unknown) => error,
    );
  expect(outcome).toBeInstanceOf(WorkflowFailedError);
  const activity = (outcome as WorkflowFailedError).cause;
  expect(activity).toBeInstanceOf(ActivityFailure);
  const failure = (activity as ActivityFailure).cause;
  expect(failure).toBeInstanceOf(ApplicationFailure);
  return failure as ApplicationFailure;
}

describe('webhook registration', () => {
  it.each([
    'http://127.0.0.1:PORT/internal-admin',
    'http://localhost:PORT/internal-admin',
    'http://[::1]:PORT/internal-admin',
    'http://127.1:PORT/internal-admin',
    'http://0x7f000001:PORT/internal-admin',
    'http://2130706433:PORT/internal-admin',
    'http://0177.0.0.1:PORT/internal-admin',
    'http://[::ffff:127.0.0.1]:PORT/internal-admin',
    'http://LOCALHOST.:PORT/internal-admin',
    'http://admin.localhost:PORT/internal-admin',
    'https://127.0.0.1/internal-admin',
    'http://0:PORT/internal-admin',
  ])('refuses %s with 422 unsafe_webhook_url and stores nothing', async (spelling) => {
    const url = spelling.replace('PORT', String(port));
    const before = await h.orm.em.fork().count(WebhookSubscription, {});
    const problem = (await expectProblem(
      await h.call('POST', '/webhooks', { as: USERS.admin, body: { url } }),
      422,
      'unsafe_webhook_url',
    )) as Awaited<ReturnType<typeof expectProblem>> & { reason: string; detailEn: string };
    expect(['loopback', 'internal_name', 'unspecified']).toContain(problem.reason);
    expect(problem.detail).toMatch(/^Không thể gửi webhook tới '.+' vì địa chỉ này /);
    expect(problem.detailEn).toMatch(/^Webhooks cannot be sent to '.+' because it /);
    expect(problem.issues?.[0]?.path).toBe('url');
    expect(await h.orm.em.fork().count(WebhookSubscription, {})).toBe(before);
    expect(connections).toBe(0);
  });

  it('refuses credentials in the URL and hostile text before judging the host', async () => {
    await expectProblem(
      await h.call('POST', '/webhooks', {
        as: USERS.admin,
        body: { url: `http://user:pw@allowed.example.test:${port}/hook` },
      }),
      422,
      'unsafe_webhook_url',
    );
    const hostile = await h.call('POST', '/webhooks', {
      as: USERS.admin,
      body: { url: `http://allowed.example.test:${port}/hook\u0000` },
    });
    expect([400, 422]).toContain(hostile.status);
    await expectProblem(
      await h.call('POST', '/webhooks', {
        as: USERS.admin,
        body: { url: `http://allowed.example.test:${port}/hook`, provinceId: 'quang tri; drop' },
      }),
      422,
      'invalid_input',
    );
  });
});

describe('webhook delivery judges the target again', () => {
  it('sends nothing to a loopback receiver whose row bypassed registration, and says why', async () => {
    const id = `wh-direct-${randomBytes(4).toString('hex')}`;
    const em = h.orm.em.fork();
    em.create(WebhookSubscription, {
      id,
      url: `http://127.0.0.1:${port}/internal-admin`,
      secret: randomBytes(24).toString('base64url'),
      ownerSub: USERS.admin,
      provinceId: 'quang-tri',
      createdAt: new Date(),
    });
    await em.flush();
    await new WebhookDeliveries(h.client, h.orm, {
      taskQueue: h.taskQueue,
      maxRetryInterval: '1 second',
    }).start(id);

    const failure = await deliveryFailure(id);
    expect(failure.type).toBe('UnsafeWebhookTarget');
    expect(failure.nonRetryable).toBe(true);
    expect(failure.details).toEqual([{ reason: 'loopback', host: '127.0.0.1', address: null }]);
    expect(failure.message).not.toContain('internal-admin');
    const sub = (await subscriptions()).find((s) => s.id === id);
    expect(sub).toMatchObject({ active: false, deliveredUpTo: 0 });
    expect(sub?.lastError).toMatch(/refused, '127\.0\.0\.1' is refused \(loopback\); delivery stopped/);
    expect(connections).toBe(0);
    expect(received).toEqual([]);
  });

  it('refuses a name that resolves to loopback only at delivery time', async () => {
    const sub = await expectJson<{ id: string; url: string }>(
      await h.call('POST', '/webhooks', {
        as: USERS.admin,
        body: { url: `http://hooks.example.test:${port}/hook?token=abc` },
      }),
      201,
    );
    const failure = await deliveryFailure(sub.id);
    expect(failure.type).toBe('UnsafeWebhookTarget');
    expect(failure.message).toContain(
      "'hooks.example.test' resolves to 127.0.0.1, which is refused (loopback)",
    );
    expect(failure.message).not.toContain('token=abc');
    const view = (await subscriptions()).find((s) => s.id === sub.id);
    expect(view?.active).toBe(false);
    expect(view?.lastError).toContain("'hooks.example.test' resolves to 127.0.0.1");
    expect(connections).toBe(0);
  });

  it('delivers, signed, to an allow-listed host:port, connecting where the resolver pointed', async () => {
    const sub = await expectJson<{ id: string; url: string; secret: string }>(
      await h.call('POST', '/webhooks', {
        as: USERS.admin,
        body: { url: `http://allowed.example.test:${port}/hook` },
      }),
      201,
    );
    expect(sub.url).toBe(`http://allowed.example.test:${port}/hook`);
    await eventually(
      () => Promise.resolve(received.length),
      (n) => n >= 3,
      30_000,
    );
    await h.call('DELETE', `/webhooks/${sub.id}`, { as: USERS.admin });
    expect(received[0]).toMatchObject({ path: '/hook', host: `allowed.example.test:${port}` });
    const ids = received.map((r) => r.changeId);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const [t, v1] = received[0]!.signature.split(',').map((part) => part.split('=')[1]);
    expect(v1).toBe(createHmac('sha256', sub.secret).update(`${t}.${received[0]!.body}`).digest('hex'));
    expect((await subscriptions()).find((s) => s.id === sub.id)?.lastError).toBeNull();
  });
});
