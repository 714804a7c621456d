/**
 * The widget build (`scripts/build-widgets.ts`) writes into the entry, per on-demand element, the chunks that
 * element's chunk imports, so a page fetches them together instead of one level after another. What the entry
 * lists must be exactly what the chunks import (a stale list would fetch the wrong files, or miss one), and the
 * entry's source map must still point at the right source after the list was written in.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWidgets } from '../../scripts/build-widgets.ts';

let outdir: string;
let entry: string;

beforeAll(async () => {
  outdir = await mkdtemp(path.join(process.env['TMPDIR'] ?? '/tmp', 'widget-bundle-'));
  await buildWidgets({ outdir });
  entry = await readFile(path.join(outdir, 'press-liaison.js'), 'utf8');
}, 60_000);

afterAll(async () => {
  await rm(outdir, { recursive: true, force: true });
});

/** The `import … from "./x.js"` and `export … from` specifiers of a built chunk (its static imports). */
async function staticImports(file: string): Promise<string[]> {
  const code = await readFile(path.join(outdir, file), 'utf8');
  const specifiers = [...code.matchAll(/(?:import|export)\s*(?:[^'"();]*?from\s*)?["']([^"']+\.js)["']/g)];
  return specifiers.map((m) => path.posix.join(path.posix.dirname(file), m[1]!));
}

async function closure(file: string, into = new Set<string>()): Promise<Set<string>> {
  if (into.has(file)) return into;
  into.add(file);
  for (const imported of await staticImports(file)) await closure(imported, into);
  return into;
}

/** The preload table the build wrote into the entry: tag → chunk paths relative to the entry. */
function preloadTable(): Record<string, string[]> {
  const match = /preloads:(\{"pl-[^]*?\]\})/.exec(entry);
  expect(match, 'the entry holds the element preloads').not.toBeNull();
  return JSON.parse(match![1]!) as Record<string, string[]>;
}

describe('the widget bundle', () => {
  it("lists for each element exactly the chunks its chunk imports, beyond the entry's own", async () => {
    const table = preloadTable();
    const entryFiles = await closure('press-liaison.js');
    const elementChunks = [...entry.matchAll(/import\("\.\/(chunks\/([a-z-]+)-[A-Z0-9]{8}\.js)"\)/g)];
    expect(elementChunks.length).toBeGreaterThan(10);
    let withShared = 0;
    for (const [, chunk, name] of elementChunks) {
      const needed = [...(await closure(chunk!))]
        .filter((f) => f !== chunk && !entryFiles.has(f))
        .map((f) => `./${f}`)
        .sort();
      expect(table[`pl-${name}`] ?? [], `pl-${name}`).toEqual(needed);
      if (needed.length) withShared++;
    }
    // The case the table exists for: elements whose chunk imports code they share with others.
    expect(withShared).toBeGreaterThan(5);
  });

  it("keeps the entry's source map true after the table was written in", async () => {
    const map = new TraceMap(await readFile(path.join(outdir, 'press-liaison.js.map'), 'utf8'));
    const source = await readFile(path.resolve('widgets/index.ts'), 'utf8');
    const lines = entry.split('\n');
    const line = lines.findIndex((l) => l.includes('import.meta.url'));
    const position = originalPositionFor(map, {
      line: line + 1,
      column: lines[line]!.indexOf('import.meta.url'),
    });
    expect(position.source).toMatch(/widgets\/index\.ts$/);
    expect(source.split('\n')[position.line! - 1]).toContain('import.meta.url');
  });
});

describe('compressed copies', () => {
  it('writes every JavaScript file as brotli and gzip beside itself, each the same code, and no stale copies', async () => {
    const chunks = (await readdir(path.join(outdir, 'chunks'))).map((f) => `chunks/${f}`);
    const scripts = ['press-liaison.js', ...chunks.filter((f) => f.endsWith('.js'))];
    expect(scripts.length).toBeGreaterThan(10);
    for (const file of scripts) {
      const code = await readFile(path.join(outdir, file));
      expect(brotliDecompressSync(await readFile(path.join(outdir, `${file}.br`))).equals(code), file).toBe(
        true,
      );
      expect(gunzipSync(await readFile(path.join(outdir, `${file}.gz`))).equals(code), file).toBe(true);
    }
    // Every compressed copy belongs to a script of this build (those of earlier builds are removed with them).
    for (const copy of chunks.filter((f) => /\.(br|gz)$/.test(f)))
      expect(scripts, copy).toContain(copy.replace(/\.(br|gz)$/, ''));
  });
});
