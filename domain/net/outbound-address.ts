/**
 * @module
 * Which IP addresses the product may send HTTP to on behalf of a user (webhooks): public unicast only.
 * Anything that reaches this machine, its network, the cloud provider's metadata service or a special-purpose
 * range is refused, so a user-supplied URL can never be used to probe or drive internal services (SSRF).
 * IPv6 forms that carry an IPv4 address (mapped, compatible, translated, NAT64, 6to4) are judged by the IPv4
 * address they carry. The range tables are written out here rather than taken from `ipaddr.js`'s own
 * `range()` names, so a reviewer sees every refused block in one place and a library update cannot widen them.
 *
 * @example
 * judgeOutboundAddress('93.184.215.14'); // { allowed: true, address: '93.184.215.14' }
 * judgeOutboundAddress('169.254.169.254'); // { allowed: false, reason: 'cloud_metadata', range: '169.254.169.254/32', … }
 */
import ipaddr from 'ipaddr.js';

/** Why an address was refused; stable codes shown to operators and API clients. */
export type AddressRefusalReason =
  | 'not_an_ip_address'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'shared_address_space'
  | 'link_local'
  | 'cloud_metadata'
  | 'unique_local'
  | 'multicast'
  | 'broadcast'
  | 'documentation'
  | 'benchmarking'
  | 'teredo'
  | 'reserved';

export type AddressVerdict =
  | { allowed: true; /** The address in canonical form. */ address: string }
  | {
      allowed: false;
      reason: AddressRefusalReason;
      /** The refused block in CIDR notation (for the IPv4 block inside an IPv6 form, that IPv4 block). */
      range: string;
      /** The address as given, for messages. */
      address: string;
    };

type Refusal = readonly [cidr: string, reason: AddressRefusalReason];

/** First match wins: the metadata and broadcast hosts come before the blocks that contain them. */
const IPV4_REFUSED: readonly Refusal[] = [
  ['0.0.0.0/8', 'unspecified'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'shared_address_space'], // carrier-grade NAT; Alibaba Cloud's metadata lives here too
  ['127.0.0.0/8', 'loopback'],
  ['169.254.169.254/32', 'cloud_metadata'], // AWS, GCP, Azure, OpenStack…
  ['169.254.0.0/16', 'link_local'],
  ['168.63.129.16/32', 'cloud_metadata'], // Azure's host endpoint: a public address only VMs can reach
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'reserved'], // IETF protocol assignments (Oracle Cloud's metadata is 192.0.0.192)
  ['192.0.2.0/24', 'documentation'],
  ['192.88.99.0/24', 'reserved'], // the deprecated 6to4 relay anycast
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'benchmarking'],
  ['198.51.100.0/24', 'documentation'],
  ['203.0.113.0/24', 'documentation'],
  ['224.0.0.0/4', 'multicast'],
  ['255.255.255.255/32', 'broadcast'],
  ['240.0.0.0/4', 'reserved'],
];

/** IPv6 blocks that carry an IPv4 address in their last 32 bits, which decides. */
const IPV6_EMBEDDING_LAST_32: readonly string[] = [
  '::ffff:0:0/96', // IPv4-mapped
  '::ffff:0:0:0/96', // IPv4-translated (RFC 6145)
  '64:ff9b::/96', // NAT64 well-known prefix (RFC 6052)
];

const IPV6_REFUSED: readonly Refusal[] = [
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['64:ff9b:1::/48', 'reserved'], // NAT64 for local use (RFC 8215)
  ['100::/64', 'reserved'], // discard-only
  ['2001::/32', 'teredo'], // tunnels to an IPv4 host we cannot judge
  ['2001:2::/48', 'benchmarking'],
  ['2001:db8::/32', 'documentation'],
  ['2001::/23', 'reserved'], // IETF protocol assignments
  ['3fff::/20', 'documentation'],
  ['5f00::/16', 'reserved'], // segment routing
  ['fd00:ec2::254/128', 'cloud_metadata'], // AWS's IPv6 metadata endpoint
  ['fc00::/7', 'unique_local'],
  ['fe80::/10', 'link_local'],
  ['fec0::/10', 'reserved'], // deprecated site-local
  ['ff00::/8', 'multicast'],
];

const parsedV4 = IPV4_REFUSED.map(([cidr, reason]) => ({ cidr, reason, block: ipaddr.IPv4.parseCIDR(cidr) }));
const parsedV6 = IPV6_REFUSED.map(([cidr, reason]) => ({ cidr, reason, block: ipaddr.IPv6.parseCIDR(cidr) }));
const embeddingV6 = IPV6_EMBEDDING_LAST_32.map((cidr) => ipaddr.IPv6.parseCIDR(cidr));
const IPV4_COMPATIBLE = ipaddr.IPv6.parseCIDR('::/96');
const SIX_TO_FOUR = ipaddr.IPv6.parseCIDR('2002::/16');
/** The only IPv6 block IANA allocates for global unicast; everything outside it is unassigned or special. */
const GLOBAL_UNICAST = ipaddr.IPv6.parseCIDR('2000::/3');

function ipv4From(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

function judgeV4(ip: ipaddr.IPv4, given: string): AddressVerdict {
  const hit = parsedV4.find(({ block }) => ip.match(block));
  if (hit) return { allowed: false, reason: hit.reason, range: hit.cidr, address: given };
  return { allowed: true, address: ip.toString() };
}

function judgeV6(ip: ipaddr.IPv6, given: string): AddressVerdict {
  const p = ip.parts;
  if (embeddingV6.some((block) => ip.match(block))) {
    const inner = judgeV4(ipv4From(p[6]!, p[7]!), given);
    return inner.allowed ? { allowed: true, address: ip.toString() } : inner;
  }
  const hit = parsedV6.find(({ block }) => ip.match(block));
  if (hit) return { allowed: false, reason: hit.reason, range: hit.cidr, address: given };
  if (ip.match(IPV4_COMPATIBLE)) {
    // Deprecated since 2006 and never legitimately used: refused even around a public IPv4 address.
    const inner = judgeV4(ipv4From(p[6]!, p[7]!), given);
    return inner.allowed ? { allowed: false, reason: 'reserved', range: '::/96', address: given } : inner;
  }
  if (ip.match(SIX_TO_FOUR)) {
    const inner = judgeV4(ipv4From(p[1]!, p[2]!), given);
    return inner.allowed ? { allowed: true, address: ip.toString() } : inner;
  }
  if (!ip.match(GLOBAL_UNICAST))
    return { allowed: false, reason: 'reserved', range: 'outside 2000::/3', address: given };
  return { allowed: true, address: ip.toString() };
}

/**
 * Decides whether `address` may be the target of outbound HTTP. Accepts any spelling `ipaddr.js` reads
 * (dotted, short `127.1`, hex, octal, a single integer, IPv6 with an embedded IPv4); anything that is not an
 * IP address is refused as `not_an_ip_address`, so a caller can never mistake a host name for a checked one.
 */
export function judgeOutboundAddress(address: string): AddressVerdict {
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = ipaddr.parse(address);
  } catch {
    return { allowed: false, reason: 'not_an_ip_address', range: '', address };
  }
  // A zone id (`fe80::1%eth0`) names an interface: only meaningful for link-local addresses, refused anyway.
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).zoneId)
    return { allowed: false, reason: 'link_local', range: 'zone id', address };
  return ip.kind() === 'ipv4' ? judgeV4(ip as ipaddr.IPv4, address) : judgeV6(ip as ipaddr.IPv6, address);
}

/** True when `text` is an IP address in a spelling `ipaddr.js` reads (rather than a host name). */
export function isIpAddress(text: string): boolean {
  return ipaddr.isValid(text);
}
