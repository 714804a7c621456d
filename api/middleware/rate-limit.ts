/**
 * @module
 * Request limits: token buckets kept in memory by each API process, keyed by user (`sub`) or by client
 * address, answering `429` `application/problem+json` (code `rate_limited`) with `Retry-After`.
 *
 * Each policy is "`limit` requests per `windowSeconds`": a bucket holds at most `limit` tokens (the burst) and
 * refills evenly over the window, so a steady client never notices it while a flood is cut to the refill
 * rate. Buckets live in this process only (several API processes multiply the limits; a shared store is
 * future work, see docs/decisions/2026-12-01_request-limits-and-headers.md).
 *
 * @example
 * ```ts
 * api.use('/auth/dev-token', rateLimit({ policy: 'dev_tokens', rate: { limit: 60, windowSeconds: 60 },
 *   key: addressKey(0) }));
 * ```
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import ipaddr from 'ipaddr.js';
import type { AppEnv } from '../context.ts';
import { problem } from '../errors.ts';

/** `limit` requests per `windowSeconds`, as a burst of `limit` that refills evenly over the window. */
export interface Rate {
  limit: number;
  windowSeconds: number;
}

/** Every limit the API applies; `false` turns a policy off. */
export interface RequestLimits {
  /** Any request by one signed-in user. */
  requestsPerUser: Rate | false;
  /** Any API request from one client address (signed in or not); generous, since offices share addresses. */
  requestsPerAddress: Rate | false;
  /** `POST /auth/dev-token` per client address (development sign-in only). */
  devTokensPerAddress: Rate | false;
  /** Requests whose bearer token failed verification, per client address; over it, tokens are not verified. */
  authFailuresPerAddress: Rate | false;
  /** `POST /contacts` per user. */
  contactCreatesPerUser: Rate | false;
  /** Open live streams (`GET /stream`) per user in this process. */
  streamsPerUser: number;
  /**
   * Reverse proxies in front of the API whose `X-Forwarded-For` entries are believed (0: none, the socket
   * address is the client). Only a proxy we run can vouch for the hop before it, so this counts hops from the
   * right of the header rather than trusting its spoofable leftmost entry.
   */
  trustProxy: number;
  /** Clock for the buckets in milliseconds (monotonic by default); tests move it instead of waiting. */
  clock?: () => number;
}

/**
 * Defaults sized for real use, far above what an honest widget page or the test suites send: a page load is
 * a few dozen requests, a token lasts minutes, a journalist files a few contacts a day.
 */
export const DEFAULT_LIMITS: RequestLimits = {
  requestsPerUser: { limit: 600, windowSeconds: 60 },
  requestsPerAddress: { limit: 3000, windowSeconds: 60 },
  devTokensPerAddress: { limit: 60, windowSeconds: 60 },
  authFailuresPerAddress: { limit: 60, windowSeconds: 60 },
  contactCreatesPerUser: { limit: 60, windowSeconds: 600 },
  streamsPerUser: 4,
  trustProxy: 0,
};

/** The defaults with the given settings on top. */
export function resolveLimits(overrides: Partial<RequestLimits> = {}): RequestLimits {
  const defined = Object.entries(overrides).filter(([, value]) => value !== undefined);
  return { ...DEFAULT_LIMITS, ...(Object.fromEntries(defined) as Partial<RequestLimits>) };
}

/**
 * Parses a rate setting: `<limit>/<window>` with the window in seconds, minutes or hours (`600/1m`,
 * `60/10m`, `1000/1h`), or `off`.
 */
export function parseRate(value: string): Rate | false {
  const text = value.trim().toLowerCase();
  if (text === 'off') return false;
  const match = /^(\d{1,9})\/(\d{1,6})(s|m|h)$/.exec(text);
  if (!match) throw new Error(`expected '<limit>/<window>' such as '600/1m' or 'off', got '${value}'`);
  const limit = Number(match[1]);
  const windowSeconds = Number(match[2]) * { s: 1, m: 60, h: 3600 }[match[3] as 's' | 'm' | 'h'];
  if (limit < 1 || windowSeconds < 1)
    throw new Error(`a rate needs a limit and a window of at least 1, got '${value}'`);
  return { limit, windowSeconds };
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets for one policy. Refill is computed lazily on access (no timers), and the map forgets the
 * least recently used keys beyond `maxKeys`, so a flood of distinct keys cannot grow memory without bound
 * (a forgotten bucket is simply full again, which is what an idle key's bucket would be anyway).
 */
export class TokenBuckets {
  readonly #capacity: number;
  /** Tokens per millisecond. */
  readonly #refill: number;
  readonly #now: () => number;
  readonly #maxKeys: number;
  readonly #buckets = new Map<string, Bucket>();

  constructor(rate: Rate, options: { clock?: (() => number) | undefined; maxKeys?: number } = {}) {
    this.#capacity = rate.limit;
    this.#refill = rate.limit / (rate.windowSeconds * 1000);
    this.#now = options.clock ?? (() => performance.now());
    this.#maxKeys = options.maxKeys ?? 100_000;
  }

  /** Takes a token for `key`: 0 when granted, else the whole seconds until one is available. */
  take(key: string): number {
    const bucket = this.#refilled(key);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return this.#wait(bucket);
  }

  /** Like {@link take} but takes nothing: 0 when `key` has a token left. */
  peek(key: string): number {
    const bucket = this.#refilled(key);
    return bucket.tokens >= 1 ? 0 : this.#wait(bucket);
  }

  #wait(bucket: Bucket): number {
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.#refill / 1000));
  }

  #refilled(key: string): Bucket {
    const now = this.#now();
    const found = this.#buckets.get(key);
    const bucket: Bucket = found
      ? { tokens: Math.min(this.#capacity, found.tokens + (now - found.at) * this.#refill), at: now }
      : { tokens: this.#capacity, at: now };
    // Re-inserting keeps the map in least-recently-used order for the eviction below.
    this.#buckets.delete(key);
    this.#buckets.set(key, bucket);
    if (this.#buckets.size > this.#maxKeys) {
      const oldest = this.#buckets.keys().next().value;
      if (oldest !== undefined) this.#buckets.delete(oldest);
    }
    return bucket;
  }
}

/** The key used for a request without a socket (`app.request()` in tests, other runtimes): one shared bucket. */
export const UNKNOWN_ADDRESS = 'local';

function socketAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    // No Node socket behind this request (app.request(), a test): there is no address to read.
    return undefined;
  }
}

/**
 * The client's IP address: the socket's peer, or with `trustProxy` hops the entry of `X-Forwarded-For` that
 * the outermost trusted proxy saw; `undefined` for a request without a socket. Only a proxy we run can vouch
 * for the hop before it, so this counts hops from the right of the header, never trusting its leftmost entry.
 */
export function clientIp(c: Context, trustProxy: number): string | undefined {
  const socket = socketAddress(c);
  let address = socket;
  if (trustProxy > 0) {
    const forwarded = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const chain = [...forwarded, socket ?? UNKNOWN_ADDRESS];
    const candidate = chain[Math.max(0, chain.length - 1 - trustProxy)];
    if (candidate && ipaddr.isValid(candidate)) address = candidate;
  }
  return address;
}

/**
 * The client's address as a bucket key (see {@link clientIp}). IPv4-mapped IPv6 becomes IPv4, and IPv6 is
 * keyed by its /64 (one subscriber usually holds a whole /64, so keying single addresses would be trivial to
 * evade).
 */
export function clientAddress(c: Context, trustProxy: number): string {
  const address = clientIp(c, trustProxy) ?? UNKNOWN_ADDRESS;
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `${parts.map((p) => p.toString(16)).join(':')}::/64`;
}

export type KeyOf = (c: Context<AppEnv>) => string | undefined;

/** Keys by client address (see {@link clientAddress}). */
export function addressKey(trustProxy: number): KeyOf {
  return (c) => clientAddress(c, trustProxy);
}

/** Keys by the signed-in user; requests without a user are not counted by this policy. */
export const userKey: KeyOf = (c) => c.var.actor?.sub;

/** The one `429` answer of every policy. */
export function tooManyRequests(c: Context, policy: string, retryAfterSeconds: number): Response {
  c.header('retry-after', String(retryAfterSeconds));
  return problem(
    c,
    429,
    'rate_limited',
    `Too many requests (${policy}). Try again in ${retryAfterSeconds} s.`,
    { policy, retryAfter: retryAfterSeconds },
  );
}

export interface RateLimitOptions {
  /** Name of the policy, shown in the problem document. */
  policy: string;
  /** The rate, or `false` for a middleware that only passes requests on. */
  rate: Rate | false;
  key: KeyOf;
  /** Counts only requests this accepts (e.g. `POST` on a path that also serves `GET`). */
  when?: (c: Context<AppEnv>) => boolean;
  clock?: (() => number) | undefined;
}

/** One token per request and key; a request finding the bucket empty is answered `429`. */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler<AppEnv> {
  const buckets = options.rate ? new TokenBuckets(options.rate, { clock: options.clock }) : undefined;
  return async function rateLimit(c, next) {
    const key = buckets && (options.when?.(c) ?? true) ? options.key(c) : undefined;
    if (buckets && key !== undefined) {
      const wait = buckets.take(key);
      if (wait > 0) return tooManyRequests(c, options.policy, wait);
    }
    await next();
    return undefined;
  };
}

/**
 * Counts requests whose bearer token was refused (`401` after an `Authorization` header) per key, and once a
 * key is over the limit refuses its token-bearing requests with `429` before they reach verification, so a
 * client replaying bad tokens costs no signature checks or key-set fetches. Mounted just before
 * `authenticate()`; requests without a token and successful ones take nothing from the bucket.
 */
export function limitFailedAuthentication(
  options: Omit<RateLimitOptions, 'when'>,
): MiddlewareHandler<AppEnv> {
  const buckets = options.rate ? new TokenBuckets(options.rate, { clock: options.clock }) : undefined;
  return async function limitFailedAuthentication(c, next) {
    const key = buckets && c.req.header('authorization') !== undefined ? options.key(c) : undefined;
    if (!buckets || key === undefined) {
      await next();
      return undefined;
    }
    const wait = buckets.peek(key);
    if (wait > 0) return tooManyRequests(c, options.policy, wait);
    await next();
    if (c.res.status === 401) buckets.take(key);
    return undefined;
  };
}

/** The per-request policies in the order `createApi` mounts them. */
export function requestLimiters(limits: RequestLimits) {
  const byAddress = addressKey(limits.trustProxy);
  const clock = limits.clock;
  return {
    /** Before anything else in the API. */
    perAddress: rateLimit({
      policy: 'requests_per_address',
      rate: limits.requestsPerAddress,
      key: byAddress,
      clock,
    }),
    /** Just before `authenticate()`. */
    failedAuthentication: limitFailedAuthentication({
      policy: 'auth_failures_per_address',
      rate: limits.authFailuresPerAddress,
      key: byAddress,
      clock,
    }),
    /** Just after `authenticate()`. */
    perUser: rateLimit({ policy: 'requests_per_user', rate: limits.requestsPerUser, key: userKey, clock }),
    /** On `/auth/dev-token`. */
    devTokens: rateLimit({
      policy: 'dev_tokens_per_address',
      rate: limits.devTokensPerAddress,
      key: byAddress,
      when: (c) => c.req.method === 'POST',
      clock,
    }),
    /** On `/contacts`. */
    contactCreates: rateLimit({
      policy: 'contact_creates_per_user',
      rate: limits.contactCreatesPerUser,
      key: userKey,
      when: (c) => c.req.method === 'POST',
      clock,
    }),
  };
}
