/**
 * @module
 * Turns a user-supplied URL into a *pinned* target: the URL is judged (activities only ever call this at
 * delivery time, so a name that was harmless at registration is judged again), a host name is resolved once,
 * every address it resolves to is judged, and the connection may then only go to those addresses. Pinning
 * closes DNS rebinding: a name that answers with a public address for the check and with 127.0.0.1 for the
 * connection cannot exist here, because there is no second resolution.
 */
import { lookup as systemLookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { judgeOutboundAddress } from '../../domain/net/outbound-address.ts';
import {
  judgeOutboundUrl,
  NO_ALLOWED_HOSTS,
  type OutboundAllowList,
  type UrlRefusalReason,
} from '../../domain/net/outbound-url.ts';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has (tests inject one; the default asks the system resolver). */
export type HostResolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

/** What the composition root decides about outbound HTTP; the worker never reads the environment for it. */
export interface OutboundPolicy {
  /** Exact `host:port` targets exempt from the rules (`OUTBOUND_ALLOW_HOSTS`); default none. */
  allowHosts?: OutboundAllowList;
  /** Name resolution; default `dns.lookup` with every address. */
  resolve?: HostResolver;
}

/** The target may not be contacted; retrying cannot help. Carries no secret, only the host and the rule. */
export class UnsafeOutboundTargetError extends Error {
  override readonly name = 'UnsafeOutboundTargetError';
  readonly reason: UrlRefusalReason;
  readonly host: string;
  /** The resolved address that was refused, when the name itself passed. */
  readonly address: string | undefined;
  constructor(reason: UrlRefusalReason, host: string, address?: string) {
    super(
      address && address !== host
        ? `'${host}' resolves to ${address}, which is refused (${reason})`
        : `'${host}' is refused (${reason})`,
    );
    this.reason = reason;
    this.host = host;
    this.address = address;
  }
}

export interface PinnedTarget {
  url: URL;
  hostname: string;
  port: number;
  /** Every address judged acceptable, in the resolver's order: the only ones a connection may use. */
  addresses: readonly ResolvedAddress[];
  /** For `http.request({ lookup })`: answers with the pinned addresses, never asks DNS again. */
  lookup: LookupFunction;
}

export const systemResolver: HostResolver = async (hostname) =>
  (await systemLookup(hostname, { all: true, order: 'verbatim' })).map(({ address, family }) => ({
    address,
    family: family === 6 ? 6 : 4,
  }));

function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
    const usable = addresses.filter((a) => wanted === 0 || a.family === wanted);
    const first = usable[0];
    if (!first) {
      callback(Object.assign(new Error(`no IPv${wanted} address was pinned`), { code: 'ENOTFOUND' }), '');
      return;
    }
    if (options.all)
      callback(
        null,
        usable.map((a) => ({ ...a })),
      );
    else callback(null, first.address, first.family);
  };
}

/**
 * Judges `rawUrl`, resolves its host once and judges every address.
 * @throws UnsafeOutboundTargetError when the URL, its host name or any address it resolves to is refused
 *   (one bad address refuses the whole name: a receiver has no reason to publish an internal address).
 */
export async function pinTarget(rawUrl: string, policy: OutboundPolicy = {}): Promise<PinnedTarget> {
  const verdict = judgeOutboundUrl(rawUrl, policy.allowHosts ?? NO_ALLOWED_HOSTS);
  if (!verdict.allowed) throw new UnsafeOutboundTargetError(verdict.reason, verdict.host);
  const { url, hostname, port, ipLiteral, allowListed } = verdict;
  const addresses: readonly ResolvedAddress[] = ipLiteral
    ? [{ address: hostname, family: hostname.includes(':') ? 6 : 4 }]
    : await (policy.resolve ?? systemResolver)(hostname);
  if (addresses.length === 0)
    throw Object.assign(new Error(`'${hostname}' resolves to no address`), { code: 'ENOTFOUND' });
  if (!allowListed) {
    for (const { address } of addresses) {
      const judged = judgeOutboundAddress(address);
      if (!judged.allowed) throw new UnsafeOutboundTargetError(judged.reason, hostname, address);
    }
  }
  return { url, hostname, port, addresses, lookup: pinnedLookup(addresses) };
}
