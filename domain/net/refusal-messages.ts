/**
 * @module
 * Words for a refused outbound target, Vietnamese first (what the UI shows) with English alongside, and the
 * 422 error the API answers when a webhook URL is refused at registration.
 */
import { InvalidInputError } from '../errors.ts';
import type { UrlRefusalReason } from './outbound-url.ts';

/** What kind of target it is, as a noun phrase in each language. */
const WHAT: Record<UrlRefusalReason, { vi: string; en: string }> = {
  invalid_url: { vi: 'không phải một URL hợp lệ', en: 'is not a valid URL' },
  scheme_not_allowed: { vi: 'chỉ chấp nhận http hoặc https', en: 'only http and https are accepted' },
  credentials_in_url: {
    vi: 'URL không được chứa tên đăng nhập hoặc mật khẩu (webhook được xác thực bằng chữ ký)',
    en: 'the URL must not contain a user name or password (webhooks are authenticated by signature)',
  },
  missing_host: { vi: 'URL thiếu tên máy chủ', en: 'the URL has no host' },
  internal_name: { vi: 'là tên máy nội bộ', en: 'is an internal host name' },
  not_an_ip_address: { vi: 'không phải địa chỉ IP', en: 'is not an IP address' },
  unspecified: { vi: 'là địa chỉ không xác định (0.0.0.0, ::)', en: 'is an unspecified address' },
  loopback: { vi: 'là địa chỉ loopback (chính máy chủ)', en: 'is a loopback address (this machine)' },
  private: { vi: 'là địa chỉ mạng riêng (private)', en: 'is a private network address' },
  shared_address_space: {
    vi: 'là địa chỉ NAT của nhà mạng (100.64.0.0/10)',
    en: 'is a carrier-grade NAT address',
  },
  link_local: { vi: 'là địa chỉ link-local', en: 'is a link-local address' },
  cloud_metadata: {
    vi: 'là dịch vụ metadata của nhà cung cấp đám mây',
    en: 'is a cloud provider’s metadata service',
  },
  unique_local: { vi: 'là địa chỉ IPv6 nội bộ (fc00::/7)', en: 'is a unique-local IPv6 address' },
  multicast: { vi: 'là địa chỉ multicast', en: 'is a multicast address' },
  broadcast: { vi: 'là địa chỉ broadcast', en: 'is a broadcast address' },
  documentation: { vi: 'là địa chỉ dành cho tài liệu', en: 'is a documentation address' },
  benchmarking: { vi: 'là địa chỉ dành cho đo kiểm', en: 'is a benchmarking address' },
  teredo: { vi: 'là địa chỉ đường hầm Teredo', en: 'is a Teredo tunnel address' },
  reserved: { vi: 'là địa chỉ dành riêng, không dùng công khai', en: 'is a reserved, non-public address' },
};

/** Reasons about the URL's form rather than about where its host points. */
const FORM_REASONS: ReadonlySet<UrlRefusalReason> = new Set([
  'invalid_url',
  'scheme_not_allowed',
  'missing_host',
  'credentials_in_url',
]);

/** One sentence per language saying why the URL, or its `host`, may not receive webhooks. */
export function describeRefusal(reason: UrlRefusalReason, host: string): { vi: string; en: string } {
  const what = WHAT[reason];
  if (FORM_REASONS.has(reason))
    return {
      vi: `URL webhook không hợp lệ: ${what.vi}.`,
      en: `The webhook URL is not acceptable: ${what.en}.`,
    };
  const subject = host ? `'${host}' ` : '';
  return {
    vi: `Không thể gửi webhook tới ${subject}vì địa chỉ này ${what.vi}. Chỉ chấp nhận máy nhận có địa chỉ công khai trên Internet.`,
    en: `Webhooks cannot be sent to ${subject}because it ${what.en}. Only receivers at public Internet addresses are accepted.`,
  };
}

/** The API's answer to a webhook URL refused at registration: 422 `unsafe_webhook_url`. */
export function unsafeWebhookUrlError(reason: UrlRefusalReason, host: string): InvalidInputError {
  const { vi, en } = describeRefusal(reason, host);
  return new InvalidInputError('unsafe_webhook_url', vi, {
    reason,
    detailEn: en,
    issues: [{ path: 'url', message: vi, messageEn: en }],
  });
}
