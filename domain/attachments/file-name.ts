/**
 * @module
 * File names of attachments as we store and serve them. A client's name is a hint, never a path: we keep
 * its last segment, drop what could hide or spoof text (control characters, bidi overrides, zero-width
 * characters), replace what Windows forbids, avoid its device names (`CON`, `NUL`, `COM1`…), trim trailing
 * dots and spaces, normalise to NFC (one spelling of every Vietnamese letter) and keep the name under
 * {@link MAX_FILE_NAME_BYTES} bytes of UTF-8 — and the extension always matches the type the content was
 * found to be, so a text file can never be saved as `.html`.
 *
 * @example
 * attachmentName('C:\\tmp\\Báo cáo\u202Efdp.exe', ATTACHMENT_TYPES.pdf); // 'Báo cáofdp.exe.pdf'
 * attachmentName('', ATTACHMENT_TYPES.png); // 'tep-dinh-kem.png'
 */
import type { AttachmentType } from './content-type.ts';

/** The name of a file that came without a usable one ("tệp đính kèm", attachment). */
export const DEFAULT_FILE_NAME = 'tep-dinh-kem';
/** Longest name in UTF-8 bytes (file systems allow 255; headers and archives want some room). */
export const MAX_FILE_NAME_BYTES = 180;

const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/**
 * Controls (C0, DEL, C1), format characters (soft hyphen, zero-width and direction marks, bidi embeddings,
 * overrides and isolates, BOM, tag characters), line/paragraph separators, private use and specials.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\uFFF0-\uFFFF]/gu;
/** Characters Windows refuses in names (the slashes are path separators, handled before). */
const WINDOWS_FORBIDDEN = /[<>:"|?*]/g;
const DEVICE_NAME = /^(?:con|prn|aux|nul|clock\$|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])\s*(?:\.|$)/iu;

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/** `text` cut to at most `maxBytes` of UTF-8, never inside a letter and its diacritics. */
function cutToBytes(text: string, maxBytes: number): string {
  if (utf8Length(text) <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  for (const { segment } of new Intl.Segmenter('vi', { granularity: 'grapheme' }).segment(text)) {
    const size = utf8Length(segment);
    if (bytes + size > maxBytes) break;
    out += segment;
    bytes += size;
  }
  return out;
}

const trimEnds = (text: string) => text.replace(/^[\s.]+/u, '').replace(/[\s.]+$/u, '');

/**
 * The client's name made safe, without regard to type: may be empty (no usable name). Not yet limited in
 * length; {@link attachmentName} does that once the extension is known.
 */
export function sanitiseFileName(raw: string | null | undefined): string {
  if (typeof raw !== 'string') return '';
  let name = raw.replace(LONE_SURROGATES, '').normalize('NFC');
  // A path's last segment, in either convention, then no drive letter (`C:name` is relative to C:).
  name = name.split(/[/\\]/u).pop() ?? '';
  name = name.replace(/^[A-Za-z]:/u, '');
  name = name.replace(INVISIBLE, '').replace(WINDOWS_FORBIDDEN, '_');
  name = trimEnds(name.replace(/\s+/gu, ' '));
  if (DEVICE_NAME.test(name)) name = `_${name}`;
  return name;
}

/** The extension of a sanitised name, lower-case, or `''`. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/**
 * The name an attachment of `type` is stored and served under: the client's name made safe (see the module
 * comment), with an extension of `type` (added when the name has another or none), within
 * {@link MAX_FILE_NAME_BYTES}.
 */
export function attachmentName(raw: string | null | undefined, type: AttachmentType): string {
  const name = sanitiseFileName(raw);
  const own = extensionOf(name);
  const matches = type.extensions.includes(own);
  const extension = matches ? name.slice(name.length - own.length) : type.extensions[0]!;
  let stem = matches ? name.slice(0, name.length - own.length - 1) : name;
  stem = trimEnds(cutToBytes(stem, MAX_FILE_NAME_BYTES - utf8Length(extension) - 1));
  if (!stem || DEVICE_NAME.test(`${stem}.`)) stem = stem ? `_${stem}` : DEFAULT_FILE_NAME;
  return `${stem}.${extension}`;
}
