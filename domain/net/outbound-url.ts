/**
 * @module
 * Which URLs the product may send HTTP to on behalf of a user: `http`/`https`, no credentials, a host that is
 * neither an internal name (`localhost`, `*.internal`, single-label names…) nor a refused IP literal. The
 * WHATWG URL parser already rewrites every IPv4 spelling (`127.1`, `0x7f000001`, `2130706433`,
 * `0177.0.0.1`, `１２７.0.0.1`, `%31%32%37.0.0.1`) to dotted decimal for http(s), so a literal is judged as
 * the address it really is. A host name that passes still has to resolve to allowed addresses at delivery
 * time (activities/outbound/safe-fetch.ts): this check alone cannot see what a name points to.
 *
 * An operator who really runs a receiver on an internal host lists it in an allow-list of exact `host:port`
 * entries (`OUTBOUND_ALLOW_HOSTS`); an entry skips both the name and the address rules for that host and port.
 *
 * @example
 * const allow = parseAllowHosts('hooks.internal:8443');
 * judgeOutboundUrl('https://hooks.internal:8443/in', allow).allowed; // true
 * judgeOutboundUrl('http://127.1/admin').allowed; // false (loopback)
 */
import { isIpAddress, judgeOutboundAddress, type AddressRefusalReason } from './outbound-address.ts';

export type UrlRefusalReason =
  | 'invalid_url'
  | 'scheme_not_allowed'
  | 'credentials_in_url'
  | 'missing_host'
  | 'internal_name'
  | AddressRefusalReason;

/** Normalised `host:port` entries (IPv6 in brackets) whose targets skip the SSRF rules. */
export type OutboundAllowList = ReadonlySet<string>;

export const NO_ALLOWED_HOSTS: OutboundAllowList = new Set();

export type UrlVerdict =
  | {
      allowed: true;
      url: URL;
      /** The host without IPv6 brackets or a trailing dot: what to resolve or connect to. */
      hostname: string;
      port: number;
      /** The host is an IP literal (already judged); otherwise it must be resolved and judged again. */
      ipLiteral: boolean;
      /** Listed in the allow-list: no rule applies to this target. */
      allowListed: boolean;
    }
  | { allowed: false; reason: UrlRefusalReason; /** The offending host, when there is one. */ host: string };

/** Names that always mean "this machine" or a cloud metadata service, whatever DNS says. */
const METADATA_NAMES = new Set(['metadata', 'metadata.google.internal', 'metadata.goog', 'instance-data']);
/**
 * Suffixes for local or private use: `.localhost` (RFC 6761), `.local` (mDNS, RFC 6762), `.internal`
 * (ICANN, 2024), `.arpa` (reverse zones and `home.arpa`, RFC 8375) and the de-facto `.localdomain`/`.lan`.
 */
const INTERNAL_SUFFIXES = ['localhost', 'localdomain', 'local', 'internal', 'intranet', 'lan', 'arpa'];

/** The host of a parsed URL without brackets and without the trailing dot of a fully-qualified name. */
function bareHost(url: URL): string {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

function effectivePort(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

/** The allow-list key of a target: `host:port`, IPv6 in brackets, as the URL parser normalised it. */
export function allowListKey(hostname: string, port: number): string {
  return `${hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`;
}

/** Why a host *name* (not an IP literal) is refused on sight, or `undefined`. */
export function internalNameReason(name: string): UrlRefusalReason | undefined {
  const host = name.toLowerCase().replace(/\.$/, '');
  if (METADATA_NAMES.has(host)) return 'cloud_metadata';
  if (!host.includes('.')) return 'internal_name'; // resolved through search domains: an intranet host
  if (INTERNAL_SUFFIXES.some((suffix) => host === suffix || host.endsWith(`.${suffix}`)))
    return 'internal_name';
  return undefined;
}

/**
 * Judges a user-supplied URL before anything is sent to it (and again at delivery). An allowed verdict for a
 * host name means only "not refused by name": the caller must resolve it and judge every address.
 */
export function judgeOutboundUrl(raw: string, allowHosts: OutboundAllowList = NO_ALLOWED_HOSTS): UrlVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { allowed: false, reason: 'invalid_url', host: '' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { allowed: false, reason: 'scheme_not_allowed', host: url.hostname };
  const hostname = bareHost(url);
  if (!hostname) return { allowed: false, reason: 'missing_host', host: '' };
  // Credentials would be sent to the receiver and logged with the URL; a webhook authenticates by signature.
  if (url.username || url.password) return { allowed: false, reason: 'credentials_in_url', host: hostname };
  const port = effectivePort(url);
  const ipLiteral = isIpAddress(hostname);
  if (allowHosts.has(allowListKey(hostname, port)))
    return { allowed: true, url, hostname, port, ipLiteral, allowListed: true };
  if (ipLiteral) {
    const verdict = judgeOutboundAddress(hostname);
    if (!verdict.allowed) return { allowed: false, reason: verdict.reason, host: hostname };
  } else {
    const reason = internalNameReason(hostname);
    if (reason) return { allowed: false, reason, host: hostname };
  }
  return { allowed: true, url, hostname, port, ipLiteral, allowListed: false };
}

/** A DNS name (after IDNA) or a bracketed IPv6 address: no wildcards or other characters URLs tolerate. */
const HOST_CHARS = /^(?:\[[0-9a-f:.]+\]|[a-z0-9.-]+)$/;

/**
 * Reads an allow-list of exact `host:port` entries (comma- or space-separated), normalised the way URLs are,
 * so `127.1:8080` and `127.0.0.1:8080` are one entry. Throws on anything else: a typo in an operator's
 * setting must stop the process at start-up rather than silently allow nothing (or too much).
 *
 * @example
 * parseAllowHosts('127.0.0.1:9000, [::1]:9000 receiver.internal:443');
 */
export function parseAllowHosts(value: string | readonly string[] | undefined): OutboundAllowList {
  const entries = (typeof value === 'string' ? value.split(/[\s,]+/) : (value ?? []))
    .map((e) => e.trim())
    .filter(Boolean);
  const keys = new Set<string>();
  for (const entry of entries) {
    const explicitPort = /:(\d{1,5})$/.exec(entry);
    let url: URL | undefined;
    try {
      url = new URL(`http://${entry}`);
    } catch {
      url = undefined;
    }
    const exact = url?.href === `http://${url?.host}/` && HOST_CHARS.test(url.hostname);
    if (!explicitPort || !url || !exact)
      throw new Error(`OUTBOUND_ALLOW_HOSTS: '${entry}' is not an exact host:port entry.`);
    const port = Number(explicitPort[1]);
    if (port < 1 || port > 65535) throw new Error(`OUTBOUND_ALLOW_HOSTS: '${entry}' has no valid port.`);
    keys.add(allowListKey(bareHost(url), port));
  }
  return keys;
}
