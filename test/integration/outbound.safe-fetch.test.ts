// Issue 6 (webhook SSRF): the worker POSTed to http://127.0.0.1:<port>/internal-admin. safeFetch is now the only
// way it sends HTTP to a user's URL. Receivers here listen on loopback only, and every name resolves to loopback:
// this machine never sends traffic beyond it. Other ranges are refused by the pure check (test/domain/net).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pinTarget, type HostResolver } from '../../activities/outbound/pinned-target.ts';
import { createSafeFetch, UnsafeOutboundTargetError } from '../../activities/outbound/safe-fetch.ts';
import { parseAllowHosts } from '../../domain/net/outbound-url.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A receiver on one loopback address that counts every TCP connection, not only complete requests. */
interface Receiver {
  port: number;
  connections: number;
  requests: { url: string; host: string; body: string }[];
  handler: Handler;
  close(): Promise<void>;
}

async function startReceiver(address: string, port = 0): Promise<Receiver> {
  const sockets = new Set<Socket>();
  const receiver: Receiver = {
    port: 0,
    connections: 0,
    requests: [],
    handler: (_req, res) => res.end('ok'),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      receiver.requests.push({ url: req.url ?? '', host: req.headers.host ?? '', body });
      receiver.handler(req, res);
    });
  });
  server.on('connection', (socket) => {
    receiver.connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, address, resolve));
  receiver.port = (server.address() as AddressInfo).port;
  return receiver;
}

let v4: Receiver;
let v6: Receiver;
let other: Receiver;
beforeAll(async () => {
  v4 = await startReceiver('127.0.0.1');
  v6 = await startReceiver('::1', v4.port); // the same port on IPv6 loopback, so `[::1]:port` has a listener
  other = await startReceiver('127.0.0.1');
});
afterAll(async () => {
  await Promise.all([v4?.close(), v6?.close(), other?.close()]);
});
beforeEach(() => {
  for (const r of [v4, v6, other]) {
    r.connections = 0;
    r.requests = [];
    r.handler = (_req, res) => res.end('ok');
  }
});

const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id":1}' } as const;

async function refusal(promise: Promise<unknown>): Promise<UnsafeOutboundTargetError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UnsafeOutboundTargetError);
  return error as UnsafeOutboundTargetError;
}

describe('safeFetch refuses loopback in every spelling, before connecting', () => {
  const spellings = (port: number) => [
    `http://127.0.0.1:${port}/internal-admin`,
    `http://localhost:${port}/internal-admin`,
    `http://[::1]:${port}/internal-admin`,
    `http://127.1:${port}/internal-admin`,
    `http://0x7f000001:${port}/internal-admin`,
    `http://2130706433:${port}/internal-admin`,
    `http://0177.0.0.1:${port}/internal-admin`,
    `http://127.0.0.1.:${port}/internal-admin`,
    `http://[::ffff:127.0.0.1]:${port}/internal-admin`,
    `http://sub.localhost:${port}/internal-admin`,
  ];

  it('refuses each spelling, and neither loopback listener sees a connection', async () => {
    const send = createSafeFetch();
    for (const url of spellings(v4.port)) {
      const error = await refusal(send(url, post));
      expect(['loopback', 'internal_name']).toContain(error.reason);
    }
    expect(v4.connections).toBe(0);
    expect(v6.connections).toBe(0);
  });

  it('refuses a name that resolves to loopback at delivery time, whatever it looked like at registration', async () => {
    const resolver: HostResolver = (name) =>
      Promise.resolve(name === 'hooks.example.test' ? [{ address: '127.0.0.1', family: 4 }] : []);
    const error = await refusal(
      createSafeFetch({ resolve: resolver })(`http://hooks.example.test:${v4.port}/hook`, post),
    );
    expect(error).toMatchObject({ reason: 'loopback', host: 'hooks.example.test', address: '127.0.0.1' });
    expect(error.message).toBe("'hooks.example.test' resolves to 127.0.0.1, which is refused (loopback)");
    const mapped = await refusal(
      createSafeFetch({ resolve: () => Promise.resolve([{ address: '::ffff:127.0.0.1', family: 6 }]) })(
        `http://hooks.example.test:${v4.port}/hook`,
        post,
      ),
    );
    expect(mapped.reason).toBe('loopback');
    expect(v4.connections + v6.connections).toBe(0);
  });

  it('resolves `localhost` through the system resolver to loopback, and refuses it by name first', async () => {
    // The name rule stands even without DNS: allow-listing another port does not open this one.
    const send = createSafeFetch({ allowHosts: parseAllowHosts(`localhost:${other.port}`) });
    expect((await refusal(send(`http://localhost:${v4.port}/`, post))).reason).toBe('internal_name');
    expect(v4.connections).toBe(0);
  });

  it('judges every resolved address, not only the first one (checked without connecting)', async () => {
    const mixed: HostResolver = () =>
      Promise.resolve([
        { address: '2606:4700:4700::1111', family: 6 },
        { address: '127.0.0.1', family: 4 },
      ]);
    const error = await refusal(pinTarget('https://hooks.example.test/hook', { resolve: mixed }));
    expect(error).toMatchObject({ reason: 'loopback', address: '127.0.0.1' });
  });
});

describe('safeFetch with the explicit allow-list', () => {
  it('delivers to an allow-listed loopback host:port, and nowhere else', async () => {
    const send = createSafeFetch({ allowHosts: parseAllowHosts(`127.0.0.1:${v4.port}`) });
    const res = await send(`http://127.0.0.1:${v4.port}/hook?x=1`, post);
    expect(res).toMatchObject({ status: 200, truncated: false });
    expect(res.body.toString()).toBe('ok');
    expect(v4.requests).toEqual([{ url: '/hook?x=1', host: `127.0.0.1:${v4.port}`, body: '{"id":1}' }]);
    // Another port of the same address, or another spelling of a port that is not listed, stays refused.
    expect((await refusal(send(`http://127.0.0.1:${other.port}/hook`, post))).reason).toBe('loopback');
    expect((await refusal(send(`http://[::1]:${v4.port}/hook`, post))).reason).toBe('loopback');
    expect(other.connections + v6.connections).toBe(0);
  });

  it('connects to the address it resolved once (no second lookup a rebinding DNS could answer)', async () => {
    let lookups = 0;
    // The first answer is the receiver; any later answer points where nothing listens.
    const rebinding: HostResolver = () =>
      Promise.resolve([{ address: lookups++ === 0 ? '127.0.0.1' : '127.0.0.9', family: 4 }]);
    const send = createSafeFetch({
      allowHosts: parseAllowHosts(`hooks.example.test:${v4.port}`),
      resolve: rebinding,
    });
    const res = await send(`http://hooks.example.test:${v4.port}/hook`, post);
    expect(res.status).toBe(200);
    expect(lookups).toBe(1);
    expect(v4.requests.map((r) => r.host)).toEqual([`hooks.example.test:${v4.port}`]);
  });

  it('follows no redirect: the 3xx comes back and its target is never contacted', async () => {
    v4.handler = (_req, res) => {
      res.writeHead(302, { location: `http://127.0.0.1:${other.port}/internal-admin` });
      res.end();
    };
    const send = createSafeFetch({
      allowHosts: parseAllowHosts([`127.0.0.1:${v4.port}`, `127.0.0.1:${other.port}`]),
    });
    const res = await send(`http://127.0.0.1:${v4.port}/hook`, post);
    expect(res.status).toBe(302);
    expect(other.connections).toBe(0);
  });

  it('gives up at the deadline when the receiver never answers', async () => {
    v4.handler = () => undefined;
    const send = createSafeFetch({ allowHosts: parseAllowHosts(`127.0.0.1:${v4.port}`) });
    const started = performance.now();
    await expect(send(`http://127.0.0.1:${v4.port}/hook`, { ...post, timeoutMs: 300 })).rejects.toMatchObject(
      {
        code: 'ETIMEDOUT',
      },
    );
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('gives up at the deadline when the resolver never answers', async () => {
    const send = createSafeFetch({ resolve: () => new Promise(() => undefined) });
    await expect(send('http://hooks.example.test/hook', { ...post, timeoutMs: 200 })).rejects.toMatchObject({
      code: 'ETIMEDOUT',
    });
  });

  it('reads at most maxResponseBytes of the answer', async () => {
    v4.handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('x'.repeat(1024 * 1024));
    };
    const send = createSafeFetch({ allowHosts: parseAllowHosts(`127.0.0.1:${v4.port}`) });
    const res = await send(`http://127.0.0.1:${v4.port}/hook`, { ...post, maxResponseBytes: 1000 });
    expect(res.status).toBe(200);
    expect(res.truncated).toBe(true);
    expect(res.body.length).toBe(1000);
  });

  it('refuses credentials in the URL even for an allow-listed target', async () => {
    const send = createSafeFetch({ allowHosts: parseAllowHosts(`127.0.0.1:${v4.port}`) });
    expect((await refusal(send(`http://user:pw@127.0.0.1:${v4.port}/hook`, post))).reason).toBe(
      'credentials_in_url',
    );
    expect(v4.connections).toBe(0);
  });
});
