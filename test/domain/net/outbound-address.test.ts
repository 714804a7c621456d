// Issue 6 (webhook SSRF): a supervisor registered http://127.0.0.1:<port>/internal-admin and the worker sent it
// signed POSTs. This is the pure address policy behind every outbound request; nothing here connects anywhere.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { judgeOutboundAddress, type AddressRefusalReason } from '../../../domain/net/outbound-address.ts';

const refused = (address: string) => {
  const verdict = judgeOutboundAddress(address);
  return verdict.allowed ? 'allowed' : verdict.reason;
};

describe('judgeOutboundAddress: IPv4', () => {
  it.each<[string, AddressRefusalReason]>([
    ['0.0.0.0', 'unspecified'],
    ['0.255.255.255', 'unspecified'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['127.1.2.3', 'loopback'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.0.1', 'private'],
    ['192.168.255.255', 'private'],
    ['100.64.0.1', 'shared_address_space'],
    ['100.127.255.255', 'shared_address_space'],
    ['100.100.100.200', 'shared_address_space'],
    ['169.254.0.1', 'link_local'],
    ['169.254.169.254', 'cloud_metadata'],
    ['169.254.170.2', 'link_local'],
    ['168.63.129.16', 'cloud_metadata'],
    ['192.0.0.192', 'reserved'],
    ['192.0.2.10', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.200', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.255', 'benchmarking'],
    ['192.88.99.1', 'reserved'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.254', 'reserved'],
    ['255.255.255.255', 'broadcast'],
  ])('refuses %s (%s)', (address, reason) => {
    expect(refused(address)).toBe(reason);
  });

  it.each([
    '1.1.1.1',
    '8.8.8.8',
    '93.184.215.14',
    '172.15.255.255',
    '172.32.0.0',
    '100.63.255.255',
    '100.128.0.0',
  ])('accepts the public unicast address %s (including the edges of refused blocks)', (address) => {
    expect(judgeOutboundAddress(address)).toEqual({ allowed: true, address });
  });

  it.each([
    ['127.1', 'short form'],
    ['127.0.1', 'three parts'],
    ['0x7f000001', 'one hexadecimal number'],
    ['0x7f.0.0.1', 'hexadecimal part'],
    ['2130706433', 'one decimal number'],
    ['0177.0.0.1', 'octal part'],
    ['017700000001', 'one octal number'],
  ])('reads the loopback spelling %s (%s) as loopback', (address) => {
    expect(refused(address)).toBe('loopback');
  });

  it('refuses every address of 127/8, 10/8 and 169.254/16 whatever the host part', () => {
    const octet = fc.integer({ min: 0, max: 255 });
    fc.assert(
      fc.property(octet, octet, octet, (a, b, c) => {
        expect(refused(`127.${a}.${b}.${c}`)).toBe('loopback');
        expect(refused(`10.${a}.${b}.${c}`)).toBe('private');
        expect(['link_local', 'cloud_metadata']).toContain(refused(`169.254.${a}.${b}`));
      }),
    );
  });
});

describe('judgeOutboundAddress: IPv6', () => {
  it.each<[string, AddressRefusalReason]>([
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['fe80::1', 'link_local'],
    ['febf:ffff::1', 'link_local'],
    ['fe80::1%eth0', 'link_local'],
    ['fc00::1', 'unique_local'],
    ['fd12:3456:789a::1', 'unique_local'],
    ['fd00:ec2::254', 'cloud_metadata'],
    ['fec0::1', 'reserved'],
    ['ff02::1', 'multicast'],
    ['ff05::1:3', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['3fff::1', 'documentation'],
    ['2001:2::1', 'benchmarking'],
    ['2001::1', 'teredo'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'teredo'],
    ['2001:10::1', 'reserved'],
    ['100::1', 'reserved'],
    ['64:ff9b:1::1', 'reserved'],
    ['5f00::1', 'reserved'],
    ['4000::1', 'reserved'],
    ['::2:3', 'unspecified'],
  ])('refuses %s (%s)', (address, reason) => {
    expect(refused(address)).toBe(reason);
  });

  it.each<[string, AddressRefusalReason, string]>([
    ['::ffff:127.0.0.1', 'loopback', 'IPv4-mapped'],
    ['::ffff:7f00:1', 'loopback', 'IPv4-mapped, hexadecimal'],
    ['0:0:0:0:0:ffff:7f00:1', 'loopback', 'IPv4-mapped, uncompressed'],
    ['::ffff:10.0.0.1', 'private', 'IPv4-mapped'],
    ['::ffff:169.254.169.254', 'cloud_metadata', 'IPv4-mapped'],
    ['::7f00:1', 'loopback', 'IPv4-compatible'],
    ['::a9fe:a9fe', 'cloud_metadata', 'IPv4-compatible'],
    ['::ffff:0:7f00:1', 'loopback', 'IPv4-translated'],
    ['64:ff9b::127.0.0.1', 'loopback', 'NAT64'],
    ['64:ff9b::a9fe:a9fe', 'cloud_metadata', 'NAT64'],
    ['64:ff9b::c0a8:101', 'private', 'NAT64'],
    ['2002:7f00:1::', 'loopback', '6to4'],
    ['2002:c0a8:101::1', 'private', '6to4'],
    ['2002:a9fe:a9fe::1', 'cloud_metadata', '6to4'],
  ])('judges the IPv4 inside %s (%s, %s)', (address, reason) => {
    expect(refused(address)).toBe(reason);
  });

  it('still refuses an IPv4-compatible address around a public IPv4 (deprecated form)', () => {
    expect(refused('::808:808')).toBe('reserved');
  });

  it.each([
    '2606:4700:4700::1111',
    '2001:4860:4860::8888',
    '2a00:1450:4001:82b::200e',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ])('accepts the public address %s', (address) => {
    expect(judgeOutboundAddress(address).allowed).toBe(true);
  });

  it('refuses every mapped address of a refused IPv4 block', () => {
    const octet = fc.integer({ min: 0, max: 255 });
    fc.assert(
      fc.property(octet, octet, octet, (a, b, c) => {
        expect(refused(`::ffff:127.${a}.${b}.${c}`)).toBe('loopback');
        expect(refused(`::ffff:192.168.${a}.${b}`)).toBe('private');
        expect(refused(`::ffff:172.${16 + (a % 16)}.${b}.${c}`)).toBe('private');
      }),
    );
  });
});

describe('judgeOutboundAddress: not an address', () => {
  it.each([
    'localhost',
    'example.com',
    '',
    ' 127.0.0.1',
    '127.0.0.1 ',
    '1.2.3.4.5',
    '08.0.0.1',
    '[::1]',
    ':::1',
  ])('refuses %j as not an IP address', (text) => {
    expect(refused(text)).toBe('not_an_ip_address');
  });
});
