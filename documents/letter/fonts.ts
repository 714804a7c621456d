/**
 * @module
 * The Tinos faces embedded in PDF letters. Tinos has the metrics of Times New Roman (the font Decree 30
 * prescribes) and every Vietnamese letter, and it ships as an npm package under a free licence, so PDFs look
 * the same on any server. The files are found through the package's own `package.json` (the package has no
 * `exports` map, so that subpath resolves), which works from any working directory and any install layout.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type TinosStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

const FILES: Record<TinosStyle, string> = {
  regular: '400Regular/Tinos_400Regular.ttf',
  bold: '700Bold/Tinos_700Bold.ttf',
  italic: '400Regular_Italic/Tinos_400Regular_Italic.ttf',
  boldItalic: '700Bold_Italic/Tinos_700Bold_Italic.ttf',
};

/** Absolute paths of the four Tinos faces. */
export function tinosFontPaths(): Record<TinosStyle, string> {
  const packageDir = dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/tinos/package.json'));
  const entries = Object.entries(FILES).map(([style, file]) => [style, join(packageDir, file)]);
  return Object.fromEntries(entries) as Record<TinosStyle, string>;
}

export interface TinosFonts {
  files: Record<TinosStyle, Uint8Array>;
  /** Whether Tinos has a glyph for the character (all four faces cover the same characters). */
  covers(codePoint: number): boolean;
  /**
   * The width of one line of `text` in points, without kerning. Tinos has the advance widths of Times New
   * Roman, so this is also how wide Word sets the text, which lets the DOCX size its rules and line breaks.
   */
  measure(text: string, style: TinosStyle, size: number): number;
}

let loading: Promise<TinosFonts> | undefined;

/** Reads the four faces once per process; a failed read is retried on the next call. */
export function loadTinos(): Promise<TinosFonts> {
  loading ??= readTinos().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function readTinos(): Promise<TinosFonts> {
  const paths = tinosFontPaths();
  const [regular, bold, italic, boldItalic] = await Promise.all([
    readFile(paths.regular),
    readFile(paths.bold),
    readFile(paths.italic),
    readFile(paths.boldItalic),
  ]);
  const files = { regular, bold, italic, boldItalic };
  const metrics = {
    regular: fontMetrics(regular),
    bold: fontMetrics(bold),
    italic: fontMetrics(italic),
    boldItalic: fontMetrics(boldItalic),
  };
  return {
    files,
    covers: (codePoint) => metrics.regular.glyphs.has(codePoint),
    measure: (text, style, size) => {
      const { glyphs, advances, unitsPerEm } = metrics[style];
      let units = 0;
      for (const ch of text) {
        const glyph = glyphs.get(ch.codePointAt(0)!) ?? 0;
        units += advances[Math.min(glyph, advances.length - 1)] ?? 0;
      }
      return (units / unitsPerEm) * size;
    },
  };
}

interface FontMetrics {
  /** Character → glyph id, for the characters the font really draws. */
  glyphs: Map<number, number>;
  /** Advance width of each glyph id (the last one repeats for the glyphs after it, as in `hmtx`). */
  advances: number[];
  unitsPerEm: number;
}

/**
 * What a TrueType font draws and how wide, read from its `cmap` (format 12, or format 4 for fonts limited to
 * the BMP), `head`, `hhea` and `hmtx` tables. The PDF renderer needs the coverage because pdfkit draws a
 * missing character as the empty `.notdef` box, which copies out of the PDF as U+0000 and silently loses text.
 */
export function fontMetrics(font: Uint8Array): FontMetrics {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tables = new Map<string, number>();
  for (let i = 0; i < view.getUint16(4); i += 1) {
    const record = 12 + i * 16;
    tables.set(String.fromCharCode(...font.subarray(record, record + 4)), view.getUint32(record + 8));
  }
  const table = (tag: string): number => {
    const at = tables.get(tag);
    if (at === undefined) throw new Error(`The font has no ${tag} table.`);
    return at;
  };
  const unitsPerEm = view.getUint16(table('head') + 18);
  const hMetrics = view.getUint16(table('hhea') + 34);
  const advances = Array.from({ length: hMetrics }, (_, i) => view.getUint16(table('hmtx') + i * 4));
  return { glyphs: characterGlyphs(view, table('cmap')), advances, unitsPerEm };
}

function characterGlyphs(view: DataView, cmap: number): Map<number, number> {
  const subtables = new Map<string, number>();
  for (let i = 0; i < view.getUint16(cmap + 2); i += 1) {
    const record = cmap + 4 + i * 8;
    subtables.set(
      `${view.getUint16(record)}/${view.getUint16(record + 2)}`,
      cmap + view.getUint32(record + 4),
    );
  }
  const full = subtables.get('3/10') ?? subtables.get('0/4');
  if (full !== undefined && view.getUint16(full) === 12) return format12(view, full);
  const bmp = subtables.get('3/1') ?? subtables.get('0/3');
  if (bmp !== undefined && view.getUint16(bmp) === 4) return format4(view, bmp);
  throw new Error('The font has no Unicode cmap subtable of format 4 or 12.');
}

function format12(view: DataView, at: number): Map<number, number> {
  const glyphs = new Map<number, number>();
  for (let i = 0; i < view.getUint32(at + 12); i += 1) {
    const group = at + 16 + i * 12;
    const first = view.getUint32(group);
    for (let c = first; c <= view.getUint32(group + 4); c += 1) {
      const glyph = view.getUint32(group + 8) + (c - first);
      if (glyph !== 0) glyphs.set(c, glyph);
    }
  }
  return glyphs;
}

function format4(view: DataView, at: number): Map<number, number> {
  const glyphs = new Map<number, number>();
  const segments = view.getUint16(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let s = 0; s < segments; s += 1) {
    const start = view.getUint16(starts + s * 2);
    const end = view.getUint16(ends + s * 2);
    const delta = view.getInt16(deltas + s * 2);
    const rangeOffset = view.getUint16(rangeOffsets + s * 2);
    for (let c = start; c <= end && c !== 0xffff; c += 1) {
      // With a range offset the glyph comes from glyphIdArray, addressed relative to the offset's own position.
      const raw =
        rangeOffset === 0 ? c : view.getUint16(rangeOffsets + s * 2 + rangeOffset + (c - start) * 2);
      const glyph = rangeOffset !== 0 && raw === 0 ? 0 : (raw + delta) & 0xffff;
      if (glyph !== 0) glyphs.set(c, glyph);
    }
  }
  return glyphs;
}
