/**
 * @module
 * Who may scrape `/metrics`: a client on loopback (Prometheus or an agent on the same machine), or anyone
 * presenting `Authorization: Bearer <METRICS_TOKEN>` when a token is configured; everyone else gets `403`.
 * The client address is the rate limiter's ({@link clientIp}): with `TRUST_PROXY` hops the address the outermost
 * trusted proxy saw, else the socket's peer. Without trusted proxies, a loopback peer that sends forwarding
 * headers is a reverse proxy on this machine relaying someone else, so it is not taken for loopback.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import ipaddr from 'ipaddr.js';
import { problem } from '../errors.ts';
import { clientIp } from '../middleware/rate-limit.ts';

export interface MetricsAccessOptions {
  /** The bearer token that admits any address (`METRICS_TOKEN`); unset or empty, only loopback is admitted. */
  token?: string | undefined;
  /** Reverse proxies whose `X-Forwarded-For` is believed (`TRUST_PROXY`), as for the rate limits. */
  trustProxy: number;
}

const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

/** Whether the client is on this machine (127.0.0.0/8, ::1, or IPv4-mapped loopback). */
export function fromLoopback(c: Context, trustProxy: number): boolean {
  const ip = clientIp(c, trustProxy);
  if (ip === undefined || !ipaddr.isValid(ip)) return false;
  if (trustProxy === 0 && FORWARDING_HEADERS.some((name) => c.req.header(name) !== undefined)) return false;
  return ipaddr.process(ip).range() === 'loopback';
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Compares in constant time: both sides are hashed first, so neither length nor content leaks by timing. */
export function tokenMatches(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

/** The bearer token of the request, if it has one. */
function bearer(c: Context): string | undefined {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(c.req.header('authorization') ?? '');
  return match?.[1];
}

/**
 * Admits loopback clients and holders of the token. A request that presents a wrong token is refused even
 * from loopback, so a misconfigured scraper shows up at once instead of working only on some hosts.
 */
export function metricsAccess(options: MetricsAccessOptions): MiddlewareHandler {
  const expected = options.token || undefined;
  return async function metricsAccess(c, next) {
    const presented = bearer(c);
    const admitted =
      presented !== undefined
        ? expected !== undefined && tokenMatches(presented, expected)
        : fromLoopback(c, options.trustProxy);
    if (!admitted) {
      return problem(
        c,
        403,
        'forbidden',
        'Metrics are served to loopback clients or with the metrics token.',
      );
    }
    await next();
    return undefined;
  };
}
