/**
 * @module
 * `Content-Disposition: attachment` for a download (RFC 6266), with the name twice: an ASCII fallback in
 * `filename` (Vietnamese letters without their marks, `đ` as `d`) for old clients, and the exact UTF-8 name
 * in `filename*` (RFC 8187, formerly 5987), which every current browser prefers.
 *
 * @example
 * contentDisposition('Báo cáo.pdf');
 * // attachment; filename="Bao cao.pdf"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o.pdf
 */

/** The name in printable ASCII without `"` or `\`, for the plain `filename` parameter. */
export function asciiFileName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/gu, 'd')
    .replace(/Đ/gu, 'D')
    .replace(/[^\x20-\x7e]|["\\%]/gu, '_');
}

/** RFC 8187 `value-chars`: attr-chars as they are, every other UTF-8 byte percent-encoded. */
export function rfc8187Encode(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/gu,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The header value that makes a browser save the file under `name`. */
export function contentDisposition(name: string): string {
  return `attachment; filename="${asciiFileName(name)}"; filename*=UTF-8''${rfc8187Encode(name)}`;
}
