/**
 * @module
 * The only way the worker sends HTTP to a URL a user supplied (webhooks). It pins the target
 * (pinned-target.ts: judged URL, one resolution, every address judged) and connects only to the pinned
 * addresses; it follows no redirect (a 3xx is returned as it is, so a receiver cannot bounce us to an internal
 * address); it gives up after a deadline that covers resolution, connection, headers and body; and it reads at
 * most `maxResponseBytes` of the answer. Built on `node:http`/`node:https` because their `lookup` option lets us
 * pin the connection without a new dependency (the `undici` package is not installed).
 *
 * @example
 * const send = createSafeFetch({ allowHosts: parseAllowHosts(env.OUTBOUND_ALLOW_HOSTS) });
 * const res = await send('https://hooks.example.com/in', { method: 'POST', headers, body });
 * if (res.status >= 200 && res.status < 300) …
 */
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { pinTarget, type OutboundPolicy } from './pinned-target.ts';

export { UnsafeOutboundTargetError, type OutboundPolicy } from './pinned-target.ts';

export interface SafeRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Deadline for the whole exchange, resolution included (default 10 s). */
  timeoutMs?: number;
  /** The most of the response body read before the connection is dropped (default 64 KiB). */
  maxResponseBytes?: number;
}

export interface SafeResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** At most `maxResponseBytes` of the body. */
  body: Buffer;
  /** The receiver sent more than `maxResponseBytes`; the rest was not read. */
  truncated: boolean;
}

export type SafeFetch = (url: string, request: SafeRequest) => Promise<SafeResponse>;

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;

/** Rejects with `reason` when `signal` aborts, so a resolver that never answers cannot outlive the deadline. */
function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal, reason: Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    void promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function timeoutError(ms: number): Error {
  return Object.assign(new Error(`no complete answer within ${ms} ms`), { code: 'ETIMEDOUT' });
}

/** Builds the fetch function for one policy (allow-list and resolver come from the composition root). */
export function createSafeFetch(policy: OutboundPolicy = {}): SafeFetch {
  return async function safeFetch(rawUrl, request) {
    const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const maxBytes = request.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    const deadline = new AbortController();
    const expired = timeoutError(timeoutMs);
    const timer = setTimeout(() => deadline.abort(expired), timeoutMs);
    // An aborted request reports a generic AbortError: say what happened instead.
    const failure = (error: Error) => (deadline.signal.aborted ? expired : error);
    try {
      const target = await unlessAborted(pinTarget(rawUrl, policy), deadline.signal, expired);
      const transport = target.url.protocol === 'https:' ? https : http;
      return await new Promise<SafeResponse>((resolve, reject) => {
        const req = transport.request(
          {
            host: target.hostname,
            port: target.port,
            path: `${target.url.pathname}${target.url.search}`,
            method: request.method,
            headers: { ...request.headers, host: target.url.host },
            lookup: target.lookup,
            // A fresh connection per request: a pooled socket could outlive the check it was made under.
            agent: false,
            signal: deadline.signal,
          },
          (res) => {
            const chunks: Buffer[] = [];
            let size = 0;
            const finish = (truncated: boolean) =>
              resolve({
                status: res.statusCode ?? 0,
                headers: res.headers,
                body: Buffer.concat(chunks).subarray(0, maxBytes),
                truncated,
              });
            res.on('data', (chunk: Buffer) => {
              chunks.push(chunk);
              size += chunk.length;
              if (size > maxBytes) {
                finish(true);
                res.destroy();
              }
            });
            res.on('end', () => finish(false));
            res.on('error', (error) => reject(failure(error)));
            // After 'end' or a truncation this changes nothing; otherwise the receiver hung up mid-answer.
            res.on('close', () => reject(new Error('the connection closed before the answer was complete')));
          },
        );
        req.on('error', (error) => reject(failure(error)));
        req.end(request.body);
      });
    } finally {
      clearTimeout(timer);
    }
  };
}
