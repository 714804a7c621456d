// Issue 6 (webhook SSRF): the URL check used at registration and again at delivery. It relies on the WHATWG URL
// parser rewriting every IPv4 spelling for http(s); these tests pin that behaviour. Nothing here connects.
import { describe, expect, it } from 'vitest';
import {
  judgeOutboundUrl,
  parseAllowHosts,
  type UrlRefusalReason,
  type UrlVerdict,
} from '../../../domain/net/outbound-url.ts';
import { describeRefusal, unsafeWebhookUrlError } from '../../../domain/net/refusal-messages.ts';

const reasonOf = (verdict: UrlVerdict) => (verdict.allowed ? 'allowed' : verdict.reason);

describe('judgeOutboundUrl', () => {
  it.each([
    'http://127.0.0.1:8080/internal-admin',
    'http://127.1/',
    'http://127.0.1/',
    'http://0x7f000001/',
    'http://0x7F.0.0.1/',
    'http://2130706433/',
    'http://0177.0.0.1/',
    'http://017700000001/',
    'http://127.000.000.001/',
    'http://127.0.0.1./',
    'http://%31%32%37.0.0.1/',
    'http://１２７.０.０.１/',
    'https://[::1]/',
    'http://[0:0:0:0:0:0:0:1]:9000/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[::127.0.0.1]/',
  ])('refuses the loopback spelling %s', (url) => {
    expect(reasonOf(judgeOutboundUrl(url))).toBe('loopback');
  });

  it.each([
    'http://localhost/',
    'http://LOCALHOST:3000/',
    'http://localhost./',
    'http://%6c%6fcalhost/',
    'http://api.localhost/',
    'http://a.b.localhost/',
    'http://localhost.localdomain/',
    'http://printer.local/',
    'http://build.corp.internal/',
    'http://router.home.arpa/',
    'http://1.0.0.127.in-addr.arpa/',
    'http://intranet/',
    'http://kubernetes/',
  ])('refuses the internal name %s', (url) => {
    expect(reasonOf(judgeOutboundUrl(url))).toBe('internal_name');
  });

  it.each([
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://METADATA.GOOGLE.INTERNAL./',
    'http://metadata/',
    'http://metadata.goog/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[fd00:ec2::254]/',
    'http://0xa9fea9fe/',
    'http://2852039166/',
  ])('refuses the metadata service %s', (url) => {
    expect(reasonOf(judgeOutboundUrl(url))).toBe('cloud_metadata');
  });

  it.each<[string, UrlRefusalReason]>([
    ['http://0/', 'unspecified'],
    ['http://0.0.0.0:8080/', 'unspecified'],
    ['http://[::]/', 'unspecified'],
    ['http://10.1.2.3/', 'private'],
    ['http://012.1.2.3/', 'private'],
    ['http://0xc0a80001/', 'private'],
    ['http://172.20.0.5/', 'private'],
    ['http://100.64.1.1/', 'shared_address_space'],
    ['http://169.254.1.1/', 'link_local'],
    ['http://[fe80::1]/', 'link_local'],
    ['http://[fd00::1]/', 'unique_local'],
    ['http://224.0.0.251/', 'multicast'],
    ['http://255.255.255.255/', 'broadcast'],
    ['http://[2001::1]/', 'teredo'],
    ['http://[64:ff9b::a00:1]/', 'private'],
    ['http://[2002:a00:1::]/', 'private'],
  ])('refuses %s (%s)', (url, reason) => {
    expect(reasonOf(judgeOutboundUrl(url))).toBe(reason);
  });

  it.each<[string, UrlRefusalReason]>([
    ['not a url', 'invalid_url'],
    ['/relative/path', 'invalid_url'],
    ['ftp://files.example.com/', 'scheme_not_allowed'],
    ['file:///etc/passwd', 'scheme_not_allowed'],
    ['gopher://example.com:70/', 'scheme_not_allowed'],
    ['javascript:alert(1)', 'scheme_not_allowed'],
    ['http://user:secret@hooks.example.com/', 'credentials_in_url'],
    ['http://user@hooks.example.com/', 'credentials_in_url'],
    ['http://127.0.0.1@hooks.example.com/', 'credentials_in_url'],
  ])('refuses %s (%s)', (url, reason) => {
    expect(reasonOf(judgeOutboundUrl(url))).toBe(reason);
  });

  it('treats the host after userinfo as the host (no confusion with what precedes @)', () => {
    expect(reasonOf(judgeOutboundUrl('http://hooks.example.com@127.0.0.1/'))).toBe('credentials_in_url');
    expect(judgeOutboundUrl('http://hooks.example.com@127.0.0.1/')).toMatchObject({ host: '127.0.0.1' });
  });

  it('accepts public names and addresses, saying which still need resolving', () => {
    expect(judgeOutboundUrl('https://hooks.bo-tttt.gov.vn/press-liaison')).toMatchObject({
      allowed: true,
      hostname: 'hooks.bo-tttt.gov.vn',
      port: 443,
      ipLiteral: false,
      allowListed: false,
    });
    expect(judgeOutboundUrl('http://hooks.example.com./in')).toMatchObject({
      allowed: true,
      hostname: 'hooks.example.com',
      port: 80,
    });
    expect(judgeOutboundUrl('http://8.8.8.8:8080/')).toMatchObject({
      allowed: true,
      ipLiteral: true,
      port: 8080,
    });
    expect(judgeOutboundUrl('https://[2606:4700:4700::1111]/')).toMatchObject({
      allowed: true,
      hostname: '2606:4700:4700::1111',
      ipLiteral: true,
    });
  });

  it('lets an allow-listed host:port through, and only that exact port', () => {
    const allow = parseAllowHosts('127.0.0.1:9000,[::1]:9000 localhost:9001 receiver:8080');
    expect(judgeOutboundUrl('http://127.0.0.1:9000/hook', allow)).toMatchObject({
      allowed: true,
      allowListed: true,
    });
    expect(judgeOutboundUrl('http://127.1:9000/hook', allow)).toMatchObject({
      allowed: true,
      allowListed: true,
    });
    expect(judgeOutboundUrl('http://0x7f000001:9000/hook', allow)).toMatchObject({ allowed: true });
    expect(judgeOutboundUrl('http://[::1]:9000/', allow)).toMatchObject({ allowed: true, hostname: '::1' });
    expect(judgeOutboundUrl('http://localhost:9001/', allow)).toMatchObject({ allowed: true });
    expect(judgeOutboundUrl('http://receiver:8080/', allow)).toMatchObject({ allowed: true });
    expect(reasonOf(judgeOutboundUrl('http://127.0.0.1:9001/hook', allow))).toBe('loopback');
    expect(reasonOf(judgeOutboundUrl('http://127.0.0.1/hook', allow))).toBe('loopback');
    expect(reasonOf(judgeOutboundUrl('http://localhost:9000/', allow))).toBe('internal_name');
    expect(reasonOf(judgeOutboundUrl('http://127.0.0.2:9000/', allow))).toBe('loopback');
    expect(reasonOf(judgeOutboundUrl('http://u:p@127.0.0.1:9000/', allow))).toBe('credentials_in_url');
  });
});

describe('parseAllowHosts', () => {
  it('normalises entries the way URLs are normalised', () => {
    expect([...parseAllowHosts(' 127.1:80 , [0::1]:443\nHooks.Internal.:8443 ')]).toEqual([
      '127.0.0.1:80',
      '[::1]:443',
      'hooks.internal:8443',
    ]);
    expect(parseAllowHosts(['127.0.0.1:9000'])).toEqual(new Set(['127.0.0.1:9000']));
    expect(parseAllowHosts(undefined).size).toBe(0);
    expect(parseAllowHosts('').size).toBe(0);
  });

  it.each([
    '127.0.0.1',
    'localhost',
    'http://127.0.0.1:80',
    '127.0.0.1:80/path',
    'user@127.0.0.1:80',
    '127.0.0.1:0',
    '127.0.0.1:99999',
    ':80',
    '*.example.com:443',
  ])('refuses the malformed entry %j', (entry) => {
    expect(() => parseAllowHosts(entry)).toThrow(/OUTBOUND_ALLOW_HOSTS/);
  });
});

describe('refusal messages', () => {
  it('answers 422 unsafe_webhook_url in Vietnamese first, English alongside', () => {
    const error = unsafeWebhookUrlError('loopback', '127.0.0.1');
    expect(error.name).toBe('InvalidInputError');
    expect(error.code).toBe('unsafe_webhook_url');
    expect(error.message).toBe(
      "Không thể gửi webhook tới '127.0.0.1' vì địa chỉ này là địa chỉ loopback (chính máy chủ). Chỉ chấp nhận máy nhận có địa chỉ công khai trên Internet.",
    );
    expect(error.details).toMatchObject({
      reason: 'loopback',
      detailEn:
        "Webhooks cannot be sent to '127.0.0.1' because it is a loopback address (this machine). Only receivers at public Internet addresses are accepted.",
      issues: [{ path: 'url', message: error.message }],
    });
  });

  it('words form problems as such', () => {
    expect(describeRefusal('scheme_not_allowed', 'x')).toEqual({
      vi: 'URL webhook không hợp lệ: chỉ chấp nhận http hoặc https.',
      en: 'The webhook URL is not acceptable: only http and https are accepted.',
    });
  });
});
