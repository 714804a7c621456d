/**
 * @module
 * What an uploaded file is, told by its content (magic bytes and structure), never by its name or the
 * client's `Content-Type`. Only these types are accepted: PDF, PNG, JPEG, DOCX, XLSX and plain UTF-8 text.
 * Everything else is refused, with a reason for the problem response: executables, HTML/SVG/XML markup,
 * macro-enabled Office files, and anything unknown.
 *
 * @example
 * const sniffed = sniffContent(bytes);
 * if (!sniffed.ok) throw unsupported(sniffed.reason);
 * sniffed.type.mime; // 'application/pdf'
 */
import { inflateSync } from 'fflate';
import { textProblem } from '../text/policy.ts';
import { entryDataOffset, zipEntries, type ZipEntry } from './zip.ts';

export interface AttachmentType {
  /** The `Content-Type` the file is served with. */
  mime: string;
  /** Extensions a name of this type may end with; the first is used when a name has none of them. */
  extensions: readonly string[];
}

export const ATTACHMENT_TYPES = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'] },
  png: { mime: 'image/png', extensions: ['png'] },
  jpeg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
  },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  text: { mime: 'text/plain; charset=utf-8', extensions: ['txt', 'csv'] },
} as const satisfies Record<string, AttachmentType>;

export type AttachmentKind = keyof typeof ATTACHMENT_TYPES;

/** Why a file is refused. */
export type RefusedContent = 'empty' | 'executable' | 'markup' | 'macros' | 'unknown';

export type Sniffed =
  { ok: true; kind: AttachmentKind; type: AttachmentType } | { ok: false; reason: RefusedContent };

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EXECUTABLES: readonly (readonly number[])[] = [
  [0x4d, 0x5a], // MZ: Windows PE, DOS
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0xfe, 0xed, 0xfa, 0xce], // Mach-O 32
  [0xfe, 0xed, 0xfa, 0xcf], // Mach-O 64
  [0xce, 0xfa, 0xed, 0xfe],
  [0xcf, 0xfa, 0xed, 0xfe],
  [0xca, 0xfe, 0xba, 0xbe], // Mach-O universal, Java class
  [0x00, 0x61, 0x73, 0x6d], // WebAssembly
  [0x23, 0x21], // #! script
];

/** Markup a browser would render or run if the file were ever opened as HTML or SVG. */
const MARKUP =
  /<(?:script|html|svg|iframe|frame|object|embed|body|head|meta|link|style|img|form|math|base)\b|<!doctype|<\?xml|<!--|javascript:/iu;

const ok = (kind: AttachmentKind): Sniffed => ({ ok: true, kind, type: ATTACHMENT_TYPES[kind] });
const refused = (reason: RefusedContent): Sniffed => ({ ok: false, reason });

/** `[Content_Types].xml` larger than this is not a real Office document (they are a few kilobytes). */
const MAX_CONTENT_TYPES_BYTES = 256 * 1024;

function readEntry(bytes: Uint8Array, entry: ZipEntry): string | undefined {
  if (entry.encrypted || entry.size > MAX_CONTENT_TYPES_BYTES) return undefined;
  const start = entryDataOffset(bytes, entry);
  if (start === undefined) return undefined;
  const data = bytes.subarray(start, start + entry.compressedSize);
  try {
    // A fixed output buffer of the declared size: a deflate bomb cannot grow it.
    const raw =
      entry.method === 0
        ? data
        : entry.method === 8
          ? inflateSync(data, { out: new Uint8Array(entry.size) })
          : undefined;
    return raw && new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return undefined;
  }
}

/** DOCX or XLSX by their parts and declared main content type; other ZIP archives are refused. */
function sniffOfficeDocument(bytes: Uint8Array): Sniffed {
  const entries = zipEntries(bytes);
  if (!entries) return refused('unknown');
  if (entries.some((e) => e.encrypted)) return refused('unknown');
  if (entries.some((e) => /(?:^|\/)vbaProject\.bin$/iu.test(e.name))) return refused('macros');
  const contentTypes = entries.find((e) => e.name === '[Content_Types].xml');
  const manifest = contentTypes && readEntry(bytes, contentTypes);
  if (!manifest) return refused('unknown');
  if (/macroEnabled/iu.test(manifest)) return refused('macros');
  const has = (name: string) => entries.some((e) => e.name === name);
  if (has('word/document.xml') && manifest.includes('wordprocessingml.document.main+xml')) return ok('docx');
  if (has('xl/workbook.xml') && manifest.includes('spreadsheetml.sheet.main+xml')) return ok('xlsx');
  return refused('unknown');
}

/** Plain text: valid UTF-8 (a BOM is fine) with no control or direction-override characters and no markup. */
function sniffText(bytes: Uint8Array): Sniffed {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return refused('unknown');
  }
  if (textProblem(text, { multiline: true })) return refused('unknown');
  if (/^\s*</u.test(text) || MARKUP.test(text)) return refused('markup');
  return ok('text');
}

/** What `bytes` is, by content only. */
export function sniffContent(bytes: Uint8Array): Sniffed {
  if (bytes.length === 0) return refused('empty');
  if (startsWith(bytes, PDF)) return ok('pdf');
  if (startsWith(bytes, PNG)) return ok('png');
  if (startsWith(bytes, JPEG)) return ok('jpeg');
  if (startsWith(bytes, ZIP)) return sniffOfficeDocument(bytes);
  if (EXECUTABLES.some((magic) => startsWith(bytes, magic))) return refused('executable');
  return sniffText(bytes);
}
