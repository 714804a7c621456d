// Issue 6: nothing limited dev-token minting, failed authentication, contact creation or request volume. Each
// policy is checked here on an app of its own with small limits: the request over the limit is answered 429
// with a problem document and Retry-After, while other users or addresses go on.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createApp } from '../../api/app.ts';
import { DEV_AUDIENCE, DEV_ISSUER } from '../../api/auth/dev-issuer.ts';
import { createVerifier } from '../../api/auth/verifier.ts';
import { parseRate, type RequestLimits } from '../../api/middleware/rate-limit.ts';
import { DEMO_PROVINCE_ID } from '../../db/seeders/demo-data.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { expectProblem, USERS } from '../support/api-helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

type App = ReturnType<typeof createApp>;

/**
 * The harness's real parts behind an app of our own, with `limits`; `verified` counts token checks. The
 * buckets' clock stands still unless a test moves it, so Retry-After values are exact however slow the machine.
 */
function appWith(limits: Partial<RequestLimits>) {
  const verify = createVerifier({ issuer: DEV_ISSUER, audience: DEV_AUDIENCE, jwks: h.issuer.jwks });
  const counter = { verified: 0 };
  const app = h.appWith({
    verifyToken: (token) => {
      counter.verified += 1;
      return verify(token);
    },
    devIssuer: h.issuer,
    limits: { clock: () => 0, ...limits },
  });
  return { app, counter };
}

interface CallOptions {
  as?: string;
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** The socket's peer address, as @hono/node-server would hand it to the app. */
  peer?: string;
}

async function call(app: App, method: string, path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token ?? (options.as ? await h.tokenFor(options.as) : undefined);
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const env = options.peer ? { incoming: { socket: { remoteAddress: options.peer } } } : undefined;
  return app.request(
    `/api/v1${path}`,
    { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) },
    env,
  );
}

async function expectRateLimited(response: Response, retryAfter?: number): Promise<void> {
  const body = await expectProblem(response, 429, 'rate_limited');
  expect(body).toMatchObject({ title: 'Too many requests', status: 429 });
  const header = Number(response.headers.get('retry-after'));
  expect(Number.isInteger(header) && header >= 1, `Retry-After: ${header}`).toBe(true);
  if (retryAfter !== undefined) expect(header).toBe(retryAfter);
}

/** Registers a second resident reporter in the demo province (the demo data has one) and signs them in. */
async function anotherResidentReporter(): Promise<string> {
  const id = `rate-${Date.now()}`;
  const post = async (path: string, body: unknown) =>
    expect((await h.call('POST', path, { as: USERS.admin, body })).status, path).toBe(201);
  await post('/journalists', {
    id,
    sub: `pv-${id}`,
    fullName: 'Phóng viên giới hạn',
    pressOrganisation: 'Báo Kiểm Thử',
    pressCardNumber: `GH-${id}`,
    pressCardExpiresOn: '2035-12-31',
  });
  await post(`/journalists/${id}/resident-registrations`, {
    provinceId: DEMO_PROVINCE_ID,
    validFrom: '2025-01-01',
    validTo: '2035-12-31',
  });
  return (await h.issuer.mint({ sub: `pv-${id}`, name: 'Phóng viên giới hạn', roles: ['journalist'] })).token;
}

const mint = (sub = 'someone') => ({ sub, roles: ['journalist'] });

let contactCounter = 0;
function newRequest() {
  contactCounter += 1;
  return {
    headers: { 'idempotency-key': `rate-${Date.now()}-${contactCounter}` },
    body: {
      kind: 'information_request',
      agencyId: 'qt-so-yte',
      subject: `Giới hạn số ${contactCounter}`,
      question: 'Xin cung cấp số liệu về giới hạn tần suất.',
    },
  };
}

describe('rate limits', () => {
  it('dev-token minting: per client address, X-Forwarded-For ignored unless a proxy is trusted', async () => {
    const { app } = appWith({ devTokensPerAddress: { limit: 3, windowSeconds: 60 } });
    for (let i = 0; i < 3; i++)
      expect(
        (await call(app, 'POST', '/auth/dev-token', { body: mint(), peer: '198.51.100.1' })).status,
      ).toBe(200);
    // 3 per 60 s refill one token every 20 s.
    await expectRateLimited(
      await call(app, 'POST', '/auth/dev-token', { body: mint(), peer: '198.51.100.1' }),
      20,
    );
    // A forged X-Forwarded-For does not buy a fresh bucket when no proxy is trusted.
    await expectRateLimited(
      await call(app, 'POST', '/auth/dev-token', {
        body: mint(),
        peer: '198.51.100.1',
        headers: { 'x-forwarded-for': '192.0.2.99' },
      }),
    );
    // Another address is not affected; nor are other routes of the same address.
    expect((await call(app, 'POST', '/auth/dev-token', { body: mint(), peer: '198.51.100.2' })).status).toBe(
      200,
    );
    expect((await call(app, 'GET', '/demo/users', { peer: '198.51.100.1' })).status).toBe(200);

    const proxied = appWith({ devTokensPerAddress: { limit: 1, windowSeconds: 60 }, trustProxy: 1 }).app;
    const via = (client: string) =>
      call(proxied, 'POST', '/auth/dev-token', {
        body: mint(),
        peer: '10.0.0.5',
        // The leftmost entry is whatever the client sent; the proxy appended the address it saw.
        headers: { 'x-forwarded-for': `203.0.113.250, ${client}` },
      });
    expect((await via('192.0.2.10')).status).toBe(200);
    await expectRateLimited(await via('192.0.2.10'));
    expect((await via('192.0.2.11')).status).toBe(200);
  });

  it('keys IPv6 clients by /64 and IPv4-mapped addresses as IPv4; without a socket, one shared key', async () => {
    const { app } = appWith({ requestsPerAddress: { limit: 1, windowSeconds: 60 } });
    expect((await call(app, 'GET', '/healthz', { peer: '2001:db8:1:2::1' })).status).toBe(200);
    await expectRateLimited(await call(app, 'GET', '/healthz', { peer: '2001:db8:1:2:ffff::9' }));
    expect((await call(app, 'GET', '/healthz', { peer: '2001:db8:1:3::1' })).status).toBe(200);
    expect((await call(app, 'GET', '/healthz', { peer: '::ffff:192.0.2.1' })).status).toBe(200);
    await expectRateLimited(await call(app, 'GET', '/healthz', { peer: '192.0.2.1' }));
    // app.request() without a socket (as in the rest of the test suite): all such requests share one bucket.
    expect((await call(app, 'GET', '/healthz')).status).toBe(200);
    await expectRateLimited(await call(app, 'GET', '/healthz'));
  });

  it('reads the address of a real socket', async () => {
    const { app } = appWith({ requestsPerAddress: { limit: 2, windowSeconds: 60 } });
    const server = await new Promise<Server>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
    });
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/healthz`;
      expect((await fetch(url)).status).toBe(200);
      expect((await fetch(url, { headers: { 'x-forwarded-for': '192.0.2.1' } })).status).toBe(200);
      const refused = await fetch(url, { headers: { 'x-forwarded-for': '192.0.2.2' } });
      await expectRateLimited(refused, 30);
      // The socket's 127.0.0.1 is the key: an app.request() without a socket has its own bucket.
      expect((await call(app, 'GET', '/healthz')).status).toBe(200);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('failed authentication: over the limit, an address is refused before its tokens are verified', async () => {
    const { app, counter } = appWith({
      authFailuresPerAddress: { limit: 3, windowSeconds: 60 },
      trustProxy: 1,
    });
    const from = (address: string) => ({ 'x-forwarded-for': address });
    // Successful authentication costs nothing.
    for (let i = 0; i < 5; i++)
      expect(
        (await call(app, 'GET', '/contacts', { as: USERS.reporter, headers: from('192.0.2.7') })).status,
      ).toBe(200);
    for (let i = 0; i < 3; i++)
      await expectProblem(
        await call(app, 'GET', '/contacts', { token: `forged.${i}.x`, headers: from('192.0.2.7') }),
        401,
      );
    const before = counter.verified;
    await expectRateLimited(
      await call(app, 'GET', '/contacts', { token: 'forged.4.x', headers: from('192.0.2.7') }),
      20,
    );
    // Refused unverified, valid token or not: the address is over its limit.
    await expectRateLimited(
      await call(app, 'GET', '/contacts', { as: USERS.reporter, headers: from('192.0.2.7') }),
    );
    expect(counter.verified).toBe(before);
    // Requests without a token, and other addresses, go on.
    expect((await call(app, 'GET', '/healthz', { headers: from('192.0.2.7') })).status).toBe(200);
    expect(
      (await call(app, 'GET', '/contacts', { as: USERS.reporter, headers: from('192.0.2.8') })).status,
    ).toBe(200);
  });

  it('contact creation: per user', async () => {
    const { app } = appWith({ contactCreatesPerUser: { limit: 2, windowSeconds: 600 } });
    for (let i = 0; i < 2; i++)
      expect((await call(app, 'POST', '/contacts', { as: USERS.reporter, ...newRequest() })).status).toBe(
        201,
      );
    await expectRateLimited(
      await call(app, 'POST', '/contacts', { as: USERS.reporter, ...newRequest() }),
      300,
    );
    // Reading is not creating, and another resident reporter has a bucket of their own.
    expect((await call(app, 'GET', '/contacts', { as: USERS.reporter })).status).toBe(200);
    const other = await anotherResidentReporter();
    expect((await call(app, 'POST', '/contacts', { token: other, ...newRequest() })).status).toBe(201);
  });

  it('general limits: per signed-in user and per address', async () => {
    const perUser = appWith({ requestsPerUser: { limit: 5, windowSeconds: 60 } }).app;
    for (let i = 0; i < 5; i++)
      expect((await call(perUser, 'GET', '/contacts', { as: USERS.clerk })).status).toBe(200);
    await expectRateLimited(await call(perUser, 'GET', '/contacts', { as: USERS.clerk }), 12);
    expect((await call(perUser, 'GET', '/contacts', { as: USERS.officer })).status).toBe(200);
    expect((await call(perUser, 'GET', '/healthz')).status).toBe(200);

    const perAddress = appWith({ requestsPerAddress: { limit: 4, windowSeconds: 60 } }).app;
    for (let i = 0; i < 4; i++)
      expect((await call(perAddress, 'GET', '/healthz', { peer: '192.0.2.30' })).status).toBe(200);
    await expectRateLimited(
      await call(perAddress, 'GET', '/contacts', { as: USERS.clerk, peer: '192.0.2.30' }),
      15,
    );
  });

  it('refills over the window: Retry-After tells when the next request is allowed', async () => {
    let now = 1_000_000;
    const { app } = appWith({ devTokensPerAddress: { limit: 2, windowSeconds: 60 }, clock: () => now });
    const mintOne = () => call(app, 'POST', '/auth/dev-token', { body: mint() });
    expect((await mintOne()).status).toBe(200);
    expect((await mintOne()).status).toBe(200);
    await expectRateLimited(await mintOne(), 30);
    now += 29_000;
    await expectRateLimited(await mintOne(), 1);
    now += 1_000;
    expect((await mintOne()).status).toBe(200);
    await expectRateLimited(await mintOne(), 30);
  });

  it('defaults stay out of the way of ordinary use', async () => {
    const { app } = appWith({});
    for (let i = 0; i < 50; i++)
      expect((await call(app, 'GET', '/contacts', { as: USERS.reporter })).status).toBe(200);
  });
});

describe('parseRate', () => {
  it('reads <limit>/<window> and off, and refuses anything else', () => {
    expect(parseRate('600/1m')).toEqual({ limit: 600, windowSeconds: 60 });
    expect(parseRate('60/10m')).toEqual({ limit: 60, windowSeconds: 600 });
    expect(parseRate('5/30s')).toEqual({ limit: 5, windowSeconds: 30 });
    expect(parseRate('1000/1h')).toEqual({ limit: 1000, windowSeconds: 3600 });
    expect(parseRate('OFF')).toBe(false);
    for (const bad of ['', '60', '60/m', '0/1m', '5/0s', '-1/1m', '1.5/1m', '60/1d'])
      expect(() => parseRate(bad), bad).toThrow();
  });
});
