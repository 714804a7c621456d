// Issue 9 (observability): nothing told an operator how many requests the API served, how fast, how many failed,
// or how many contacts were open, overdue or escalated; probes had to know the /api/v1 prefix; the worker's SDK
// metrics were off. Checked here: `/metrics` after real API calls (route patterns, never ids), the contact gauges
// and their cache, who may scrape (loopback, the token, proxies), root probes, and the worker's own exporter.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createApp } from '../../api/app.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { eventually, expectJson, expectProblem, openRequest, USERS } from '../support/api-helpers.ts';

const TOKEN = 'metrics-token-for-tests-0123456789';
let h: Harness;
let workerMetrics: string;

/** A port free on loopback right now, for the worker's exporter. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  // Read when the harness creates its worker: this file's process installs the SDK runtime with metrics on.
  workerMetrics = `127.0.0.1:${await freePort()}`;
  process.env.WORKER_METRICS_ADDRESS = workerMetrics;
  h = await startHarness({ metrics: { token: TOKEN, cacheMs: 0 } });
});
afterAll(async () => {
  delete process.env.WORKER_METRICS_ADDRESS;
  await h?.close();
});

type App = ReturnType<typeof createApp>;

/** A root-path request as @hono/node-server hands it to the app, from the socket peer `peer`. */
function get(app: App, path: string, options: { peer?: string; headers?: Record<string, string> } = {}) {
  const env = options.peer ? { incoming: { socket: { remoteAddress: options.peer } } } : undefined;
  return app.request(path, { headers: options.headers ?? {} }, env);
}

async function scrape(app: App = h.app): Promise<string> {
  const response = await get(app, '/metrics', { peer: '127.0.0.1' });
  const text = await response.text();
  expect(response.status, text).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  return text;
}

/** The value of the sample `name` whose labels include `labels` (summed when several match), or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  let total: number | undefined;
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = new Map<string, string>();
    for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      found.set(key!, value!);
    }
    if (Object.entries(labels).every(([key, value]) => found.get(key) === value))
      total = (total ?? 0) + Number(match[3]);
  }
  return total;
}

describe('/metrics', () => {
  it('counts requests by route pattern and status and times them; ids never become labels', async () => {
    const contact = await openRequest(h);
    await expectJson(await h.call('GET', `/contacts/${contact.id}`, { as: USERS.reporter }), 200);
    await expectProblem(await h.call('GET', '/contacts/no-such-contact', { as: USERS.reporter }), 404);
    await expectProblem(await h.call('GET', '/no-such-route', { as: USERS.reporter }), 404, 'not_found');
    const invalid = await h.call('POST', '/contacts', {
      as: USERS.reporter,
      headers: { 'idempotency-key': `metrics-${Date.now()}` },
      body: { kind: 'information_request' },
    });
    await expectProblem(invalid, 422, 'invalid_input');
    await expectProblem(await h.call('GET', `/contacts/${contact.id}`), 401);

    const text = await scrape();
    const requests = (labels: Record<string, string>) =>
      sample(text, 'press_liaison_http_requests_total', labels);
    expect(requests({ method: 'POST', route: '/api/v1/contacts', status: '201' })).toBeGreaterThanOrEqual(1);
    expect(requests({ method: 'POST', route: '/api/v1/contacts', status: '422' })).toBeGreaterThanOrEqual(1);
    expect(requests({ method: 'GET', route: '/api/v1/contacts/:id', status: '200' })).toBeGreaterThanOrEqual(
      1,
    );
    expect(requests({ method: 'GET', route: '/api/v1/contacts/:id', status: '404' })).toBeGreaterThanOrEqual(
      1,
    );
    // Refused by the authentication middleware: counted under the route it was headed for.
    expect(requests({ method: 'GET', route: '/api/v1/contacts/:id', status: '401' })).toBeGreaterThanOrEqual(
      1,
    );
    expect(requests({ method: 'GET', route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(contact.id);
    expect(text).not.toContain('no-such');

    const histogram = { method: 'POST', route: '/api/v1/contacts' };
    const count = sample(text, 'press_liaison_http_request_duration_seconds_count', histogram);
    expect(count).toBeGreaterThanOrEqual(2);
    expect(
      sample(text, 'press_liaison_http_request_duration_seconds_bucket', { ...histogram, le: '+Inf' }),
    ).toBe(count);
    expect(sample(text, 'press_liaison_http_request_duration_seconds_sum', histogram)).toBeGreaterThan(0);
    // Node's own process metrics come along.
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('counts open, overdue and escalated contacts from the projection', async () => {
    const contact = await openRequest(h);
    const opened = await eventually(
      scrape,
      (t) => (sample(t, 'press_liaison_contacts_open', { kind: 'information_request' }) ?? 0) >= 1,
    );
    expect(
      sample(opened, 'press_liaison_contacts_open', { kind: 'information_request', status: 'submitted' }),
    ).toBeGreaterThanOrEqual(1);
    const before = {
      overdue: sample(opened, 'press_liaison_contacts_overdue', { kind: 'information_request' }) ?? 0,
      escalated:
        sample(opened, 'press_liaison_contacts_escalated', { kind: 'information_request', level: '1' }) ?? 0,
    };
    // The projection row as an escalated, overdue contact would have it (the gauges read only the projection).
    await h.orm.em
      .fork()
      .execute(
        `update contact set due_at = now() - interval '1 hour', escalation_level = 1 where id = ? and due_at > now()`,
        [contact.id],
      );
    const after = await scrape();
    expect(sample(after, 'press_liaison_contacts_overdue', { kind: 'information_request' })).toBe(
      before.overdue + 1,
    );
    expect(
      sample(after, 'press_liaison_contacts_escalated', { kind: 'information_request', level: '1' }),
    ).toBe(before.escalated + 1);
    expect(sample(after, 'press_liaison_contact_gauges_failures_total')).toBe(0);
  });

  it('computes the contact gauges at most once per cache period', async () => {
    const app = h.appWith({ metrics: { cacheMs: 60_000 } });
    const first = sample(await scrape(app), 'press_liaison_contacts_open', { kind: 'information_request' });
    await openRequest(h);
    await eventually(
      scrape,
      (t) => (sample(t, 'press_liaison_contacts_open', { kind: 'information_request' }) ?? 0) > first!,
    );
    expect(sample(await scrape(app), 'press_liaison_contacts_open', { kind: 'information_request' })).toBe(
      first,
    );
  });

  it('is served to loopback clients and holders of the token, refused to everyone else', async () => {
    const refused = async (response: Response) => expectProblem(response, 403, 'forbidden');
    for (const peer of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) {
      expect((await get(h.app, '/metrics', { peer })).status, peer).toBe(200);
    }
    await refused(await get(h.app, '/metrics', { peer: '203.0.113.7' }));
    await refused(await get(h.app, '/metrics', { peer: '10.0.0.5' }));
    await refused(await get(h.app, '/metrics')); // no socket: no address to vouch for
    const withToken = await get(h.app, '/metrics', {
      peer: '203.0.113.7',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(withToken.status).toBe(200);
    expect(await withToken.text()).toContain('press_liaison_http_requests_total');
    await refused(
      await get(h.app, '/metrics', { peer: '203.0.113.7', headers: { authorization: `Bearer ${TOKEN}x` } }),
    );
    await refused(
      await get(h.app, '/metrics', { peer: '203.0.113.7', headers: { authorization: 'Bearer ' } }),
    );
    // A wrong token is refused even from loopback: a misconfigured scraper shows up at once.
    await refused(
      await get(h.app, '/metrics', { peer: '127.0.0.1', headers: { authorization: 'Bearer wrong' } }),
    );
    // A proxy on this machine relaying a public client is not loopback, unless it is a trusted proxy...
    await refused(
      await get(h.app, '/metrics', { peer: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.7' } }),
    );
    await refused(
      await get(h.app, '/metrics', { peer: '127.0.0.1', headers: { forwarded: 'for=203.0.113.7' } }),
    );
    // ...and then the address it saw decides.
    const behindProxy = h.appWith({ limits: { trustProxy: 1 } });
    await refused(
      await get(behindProxy, '/metrics', {
        peer: '127.0.0.1',
        headers: { 'x-forwarded-for': '203.0.113.7' },
      }),
    );
    const spoofed = { 'x-forwarded-for': '127.0.0.1, 203.0.113.7' };
    await refused(await get(behindProxy, '/metrics', { peer: '127.0.0.1', headers: spoofed }));
    expect(
      (await get(behindProxy, '/metrics', { peer: '127.0.0.1', headers: { 'x-forwarded-for': '127.0.0.1' } }))
        .status,
    ).toBe(200);
    // Without a configured token, no bearer admits anyone.
    const noToken = h.appWith({});
    await refused(
      await get(noToken, '/metrics', { peer: '203.0.113.7', headers: { authorization: 'Bearer ' + TOKEN } }),
    );
    expect((await get(noToken, '/metrics', { peer: '127.0.0.1' })).status).toBe(200);
  });
});

describe('probes at the root', () => {
  it('/healthz and /readyz answer as under /api/v1', async () => {
    for (const path of ['/healthz', '/readyz']) {
      const root = await get(h.app, path, { peer: '203.0.113.7' });
      const api = await h.call('GET', path);
      expect(root.status, path).toBe(200);
      expect(await root.json()).toEqual(await expectJson(api, 200));
    }
    expect(await (await get(h.app, '/readyz')).json()).toEqual({
      status: 'ready',
      checks: { database: true, temporal: true },
    });
  });
});

describe('worker SDK metrics', () => {
  it('are served at WORKER_METRICS_ADDRESS, apart from the API', async () => {
    await openRequest(h);
    const text = await eventually(
      async () => (await fetch(`http://${workerMetrics}/metrics`)).text(),
      (t) => t.includes('temporal_workflow_task_execution_latency_seconds_bucket'),
    );
    expect(text).toMatch(/^temporal_\w+_total\{/m);
    expect(text).toContain(`task_queue="${h.taskQueue}"`);
    expect(text).not.toContain('press_liaison_');
  });
});
