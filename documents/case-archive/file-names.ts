/**
 * @module
 * Names for files inside an archive that are safe to extract on Windows, macOS and Linux: a single path
 * component (no `/`, `\`, `..`), no control or bidirectional-format characters, none of `<>:"|?*`, no
 * leading dot, no trailing dot or space, no reserved device name (`CON`, `NUL`, …), at most
 * `MAX_NAME_BYTES` of UTF-8; letters of every script kept, Vietnamese in NFC.
 */

/** Longest name in UTF-8 bytes: well under the 255 bytes of one path component on common file systems. */
export const MAX_NAME_BYTES = 150;
/** The name of a file whose own name leaves nothing usable. */
export const FALLBACK_NAME = 'tai-lieu';

const utf8Length = (s: string) => new TextEncoder().encode(s).length;

const graphemes = new Intl.Segmenter('vi', { granularity: 'grapheme' });

/** `s` cut to at most `maxBytes` of UTF-8 between graphemes (a letter keeps its marks), without a trailing dot or space. */
function truncateUtf8(s: string, maxBytes: number): string {
  let out = '';
  let bytes = 0;
  for (const { segment: ch } of graphemes.segment(s)) {
    const size = utf8Length(ch);
    if (bytes + size > maxBytes) break;
    out += ch;
    bytes += size;
  }
  return out.replace(/[\s.]+$/, '');
}

const RESERVED_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** A name split into its stem and its extension (`.pdf`; empty when there is none worth keeping). */
function splitExtension(name: string): { stem: string; ext: string } {
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot) : '';
  return /^\.[\p{L}\p{N}]{1,10}$/u.test(ext) ? { stem: name.slice(0, dot), ext } : { stem: name, ext: '' };
}

function fit(stem: string, ext: string, suffix = ''): string {
  const room = MAX_NAME_BYTES - utf8Length(ext) - utf8Length(suffix);
  return `${truncateUtf8(stem, room) || FALLBACK_NAME}${suffix}${ext}`;
}

/**
 * One file's name made safe (see the module comment); never empty.
 * @example safeFileName('../../etc/passwd') // 'etc_passwd'
 * @example safeFileName('Công văn số 12.pdf') // 'Công văn số 12.pdf'
 */
export function safeFileName(name: string): string {
  const flat = name
    .normalize('NFC')
    .split(/[/\\]+/)
    .map((segment) => segment.trim())
    .filter((segment) => segment !== '' && segment !== '.' && segment !== '..')
    .join('_');
  const cleaned = flat
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}<>:"|?*]+/gu, '_')
    .replace(/\s+/g, ' ')
    .replace(/\.{2,}/g, '.')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const { stem, ext } = splitExtension(cleaned);
  const device = RESERVED_DEVICE.test(stem.split('.')[0]!.trim()) ? '_' : '';
  return fit(`${device}${stem}`, ext);
}

/**
 * The names made safe and unique, in order: a later file whose name is taken (ignoring case, as Windows and
 * macOS do) gets ` (2)`, ` (3)`, … before its extension.
 */
export function uniqueFileNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((raw) => {
    const safe = safeFileName(raw);
    let name = safe;
    const { stem, ext } = splitExtension(safe);
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = fit(stem, ext, ` (${n})`);
    taken.add(name.toLowerCase());
    return name;
  });
}
