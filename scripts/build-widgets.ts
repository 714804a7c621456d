/**
 * @module
 * Bundles the widgets (`widgets/index.ts`) into `dist/widgets/`: the entry `press-liaison.js`, the one file host
 * pages load, and the chunks it imports (`chunks/*.js`: the code every element shares, loaded with the entry;
 * one chunk per element, loaded when the page shows one, see `widgets/internal/lazy.ts`; code some elements
 * share; the English messages), each with a source map. Chunk names carry a content hash, so the server may
 * cache them for good; the entry keeps its name.
 *
 * Sizes (gzip -9 of each file, summed: what a browser downloads), with the budgets of SPEC.md §5:
 * - the entry: `press-liaison.js` and the chunks it imports statically, i.e. everything a page loads before
 *   any element can render — at most {@link ENTRY_BUDGET_GZIP_BYTES};
 * - each chunk on its own — at most {@link CHUNK_BUDGET_GZIP_BYTES}, a sanity bound that catches one element
 *   (or a dependency) growing out of proportion;
 * - per demo page (`demo/*.html` that load the bundle): the entry plus the on-demand chunks for every `pl-` tag
 *   the page holds. Printed, for comparison; the page budget is the entry's plus what the page chooses to show.
 *   An upper bound of its first load (elements in hidden panels load when shown) that leaves out elements shown
 *   inside others (`pl-contact` beside a list); `BENCH_ONLY=widgets npm run bench` measures what Chromium fetches.
 *
 * Run: `node scripts/build-widgets.ts` (prints the sizes, fails over budget). The server calls
 * {@link buildWidgets} at start.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { decode, encode } from '@jridgewell/sourcemap-codec';
import { build, type Metafile } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** SPEC.md §5 (≤ 60 KB gzipped), applied to what every page loads first. */
export const ENTRY_BUDGET_GZIP_BYTES = 60 * 1024;
/** Any single chunk; the largest today is the shared core (Lit, the base element, the Vietnamese messages). */
export const CHUNK_BUDGET_GZIP_BYTES = 40 * 1024;

const ENTRY_NAME = 'press-liaison';
/** The global constant `widgets/index.ts` reads the element preloads from, and what the build puts there first. */
const PRELOADS_CONSTANT = 'PL_ELEMENT_PRELOADS';
const PRELOADS_PLACEHOLDER = '__press_liaison_element_preloads__';

/** Tag → the chunks (relative to the entry) to fetch beside the element's own. */
type ElementPreloads = Record<string, string[]>;
const CHUNKS_DIR = 'chunks';

export interface BuildWidgetsOptions {
  /** Output folder; `dist/widgets` under the repository by default. */
  outdir?: string;
  /** Minify (default true); turn off to debug in the browser without the source map. */
  minify?: boolean;
  /** Folder of host pages whose per-page sizes to report; `demo/` by default. */
  pagesDir?: string;
}

export interface FileSize {
  /** Path relative to the output folder (`press-liaison.js`, `chunks/…`). */
  name: string;
  bytes: number;
  gzipBytes: number;
}

export interface PageSize {
  /** The page's file name without `.html` (`portal`, `ioffice`, `department`). */
  page: string;
  /** The on-demand elements the page holds, whose chunks it loads after the entry. */
  lazyTags: string[];
  /** Every file the page loads: the entry's and the on-demand elements' chunks. */
  files: string[];
  bytes: number;
  gzipBytes: number;
}

export interface BuildWidgetsResult {
  /** The entry module, `press-liaison.js`. */
  file: string;
  /** The entry and the chunks it imports statically (what every page loads first), raw. */
  bytes: number;
  /** The same, gzipped: held to {@link ENTRY_BUDGET_GZIP_BYTES}. */
  gzipBytes: number;
  /** Names of the files counted in {@link gzipBytes}. */
  entryFiles: string[];
  /** Every JavaScript file written, largest first. */
  files: FileSize[];
  pages: PageSize[];
  /** Budgets exceeded, as sentences; empty when all hold. */
  overBudget: string[];
}

export async function buildWidgets(options: BuildWidgetsOptions = {}): Promise<BuildWidgetsResult> {
  const outdir = path.resolve(options.outdir ?? path.join(root, 'dist', 'widgets'));
  const { metafile, outputFiles } = await build({
    absWorkingDir: root,
    entryPoints: { [ENTRY_NAME]: path.join(root, 'widgets', 'index.ts') },
    outdir,
    entryNames: '[name]',
    chunkNames: `${CHUNKS_DIR}/[name]-[hash]`,
    // Dynamic import() becomes a chunk loaded on demand; code shared with the entry goes to shared chunks.
    splitting: true,
    format: 'esm',
    tsconfig: path.join(root, 'widgets', 'tsconfig.json'),
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    minify: options.minify ?? true,
    sourcemap: true,
    // Vietnamese text stays readable (and smaller) instead of \u escapes.
    charset: 'utf8',
    legalComments: 'eof',
    logLevel: 'warning',
    metafile: true,
    // Filled in below, once the chunks are known.
    define: { [PRELOADS_CONSTANT]: JSON.stringify(PRELOADS_PLACEHOLDER) },
    write: false,
  });
  const outputs = outputsOf(metafile, outdir);
  const entry = `${ENTRY_NAME}.js`;
  const files = new Map(outputFiles.map((f) => [outputName(outdir, f.path), f.text]));
  fillPreloads(files, entry, elementPreloads(outputs));
  await mkdir(path.join(outdir, CHUNKS_DIR), { recursive: true });
  for (const [name, text] of files) {
    await writeFile(path.join(outdir, name), text);
    if (!name.endsWith('.js')) continue;
    const code = Buffer.from(text);
    for (const [suffix, compress] of COMPRESSED)
      await writeFile(path.join(outdir, name + suffix), compress(code));
  }
  await removeStaleChunks(outdir, new Set([...outputs.keys()].flatMap(withCompressed)));

  const sizes = new Map<string, FileSize>();
  for (const name of outputs.keys()) {
    if (!name.endsWith('.js')) continue;
    const code = await readFile(path.join(outdir, name));
    sizes.set(name, { name, bytes: code.byteLength, gzipBytes: gzipSync(code, { level: 9 }).byteLength });
  }
  const total = (names: Iterable<string>) => {
    let bytes = 0;
    let gzipBytes = 0;
    for (const name of names) {
      bytes += sizes.get(name)?.bytes ?? 0;
      gzipBytes += sizes.get(name)?.gzipBytes ?? 0;
    }
    return { bytes, gzipBytes };
  };

  const entryFiles = staticClosure(outputs, entry);
  const chunks = elementChunks(outputs);

  const pages: PageSize[] = [];
  for (const page of await hostPages(options.pagesDir ?? path.join(root, 'demo'))) {
    const lazyTags = page.tags.filter((tag) => chunks.has(tag));
    const files = new Set(entryFiles);
    for (const tag of lazyTags) staticClosure(outputs, chunks.get(tag)!, files);
    pages.push({ page: page.name, lazyTags, files: [...files], ...total(files) });
  }

  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const entryTotal = total(entryFiles);
  const overBudget: string[] = [];
  if (entryTotal.gzipBytes > ENTRY_BUDGET_GZIP_BYTES) {
    overBudget.push(
      `The entry (${[...entryFiles].join(' + ')}) is ${kb(entryTotal.gzipBytes)} gzipped, over its ` +
        `${kb(ENTRY_BUDGET_GZIP_BYTES)} budget (SPEC.md §5).`,
    );
  }
  for (const size of sizes.values()) {
    if (size.gzipBytes > CHUNK_BUDGET_GZIP_BYTES) {
      overBudget.push(
        `${size.name} is ${kb(size.gzipBytes)} gzipped, over the ${kb(CHUNK_BUDGET_GZIP_BYTES)} per-chunk budget.`,
      );
    }
  }
  return {
    file: path.join(outdir, entry),
    ...entryTotal,
    entryFiles: [...entryFiles],
    files: [...sizes.values()].sort((a, b) => b.gzipBytes - a.gzipBytes),
    pages,
    overBudget,
  };
}

/** A written file: where it came from and what it imports, by path relative to the output folder. */
interface Output {
  entryPoint: string | undefined;
  imports: { path: string; kind: Metafile['outputs'][string]['imports'][number]['kind'] }[];
}
type Outputs = Map<string, Output>;

/** The build's outputs by their path relative to the output folder (`press-liaison.js`, `chunks/…`). */
function outputsOf(metafile: Metafile, outdir: string): Outputs {
  // Paths in the metafile are relative to the working directory.
  const relative = (key: string) => outputName(outdir, path.resolve(root, key));
  const outputs: Outputs = new Map();
  for (const [key, output] of Object.entries(metafile.outputs)) {
    outputs.set(relative(key), {
      entryPoint: output.entryPoint?.split(path.sep).join('/'),
      imports: output.imports.map((i) => ({ path: relative(i.path), kind: i.kind })),
    });
  }
  return outputs;
}

/** An absolute path of the build's as a path relative to the output folder, with forward slashes. */
const outputName = (outdir: string, file: string) => path.relative(outdir, file).split(path.sep).join('/');

/** `name` and every chunk it imports statically, transitively. */
function staticClosure(outputs: Outputs, name: string, into = new Set<string>()): Set<string> {
  if (into.has(name)) return into;
  into.add(name);
  for (const i of outputs.get(name)?.imports ?? []) {
    if (i.kind === 'import-statement') staticClosure(outputs, i.path, into);
  }
  return into;
}

/**
 * On-demand elements: the chunks the entry imports dynamically, by tag. Tags map to modules by the project's
 * convention (`pl-x` is `widgets/x/x.ts`).
 */
function elementChunks(outputs: Outputs): Map<string, string> {
  const chunks = new Map<string, string>();
  for (const i of outputs.get(`${ENTRY_NAME}.js`)?.imports ?? []) {
    if (i.kind !== 'dynamic-import') continue;
    const source = outputs.get(i.path)?.entryPoint;
    const match = source && /^widgets\/([a-z0-9-]+)\/\1\.ts$/.exec(source);
    if (match) chunks.set(`pl-${match[1]}`, i.path);
  }
  return chunks;
}

/**
 * For each on-demand element, the chunks its own chunk imports (transitively) that a page does not hold from the
 * entry: fetched beside the element's chunk instead of one level after another (see `widgets/internal/lazy.ts`).
 * Paths are relative to the entry.
 */
function elementPreloads(outputs: Outputs): ElementPreloads {
  const entryFiles = staticClosure(outputs, `${ENTRY_NAME}.js`);
  const preloads: ElementPreloads = {};
  for (const [tag, chunk] of elementChunks(outputs)) {
    const needed = [...staticClosure(outputs, chunk)].filter(
      (name) => name !== chunk && !entryFiles.has(name),
    );
    if (needed.length) preloads[tag] = needed.map((name) => `./${name}`).sort();
  }
  return preloads;
}

/**
 * Writes the element preloads into the entry in place of the placeholder the build left there. The entry keeps
 * its name (no content hash), so no other file changes; its source map moves what follows on that line.
 */
function fillPreloads(files: Map<string, string>, entry: string, preloads: ElementPreloads): void {
  const code = files.get(entry)!;
  const placeholder = JSON.stringify(PRELOADS_PLACEHOLDER);
  const at = code.indexOf(placeholder);
  if (at < 0 || code.indexOf(placeholder, at + 1) >= 0) {
    throw new Error(`${entry}: expected the preloads placeholder exactly once.`);
  }
  const table = JSON.stringify(preloads);
  files.set(entry, code.slice(0, at) + table + code.slice(at + placeholder.length));

  const mapName = `${entry}.map`;
  const map = JSON.parse(files.get(mapName)!) as { mappings: string };
  const line = code.slice(0, at).split('\n').length - 1;
  const column = at - (code.lastIndexOf('\n', at - 1) + 1);
  const mappings = decode(map.mappings);
  for (const segment of mappings[line] ?? []) {
    if (segment[0] > column) segment[0] += table.length - placeholder.length;
  }
  map.mappings = encode(mappings);
  files.set(mapName, JSON.stringify(map));
}

/**
 * Each JavaScript file is also written compressed, once per build, beside itself (`.br`, `.gz`): the API serves
 * the one the browser accepts (`serveStatic`'s `precompressed`), so a page's first load carries about a third
 * of the bytes without compressing on every request or needing a proxy to do it.
 */
const COMPRESSED: [suffix: string, compress: (code: Buffer) => Buffer][] = [
  ['.br', (code) => brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })],
  ['.gz', (code) => gzipSync(code, { level: 9 })],
];

/** A file this build writes, with its compressed copies when it has them. */
const withCompressed = (name: string) =>
  name.endsWith('.js') ? [name, ...COMPRESSED.map(([suffix]) => name + suffix)] : [name];

/** Deletes files in `chunks/` that this build did not write (chunks of earlier builds, by their hash). */
async function removeStaleChunks(outdir: string, written: Set<string>): Promise<void> {
  const entries = await readdir(path.join(outdir, CHUNKS_DIR)).catch(() => []);
  for (const file of entries) {
    const name = `${CHUNKS_DIR}/${file}`;
    if (!written.has(name)) await rm(path.join(outdir, name), { force: true });
  }
}

/** The `.html` pages in `dir` that load the bundle, with the `pl-` tags each holds. */
async function hostPages(dir: string): Promise<{ name: string; tags: string[] }[]> {
  const files = await readdir(dir).catch(() => []);
  const pages = [];
  for (const file of files.filter((f) => f.endsWith('.html')).sort()) {
    const html = await readFile(path.join(dir, file), 'utf8');
    if (!html.includes(`${ENTRY_NAME}.js`)) continue;
    const tags = [...new Set([...html.matchAll(/<(pl-[a-z0-9-]+)/g)].map((m) => m[1]!))];
    pages.push({ name: file.replace(/\.html$/, ''), tags });
  }
  return pages;
}

if (import.meta.main) {
  const result = await buildWidgets();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`.padStart(9);
  const outdir = path.relative(process.cwd(), path.dirname(result.file));
  console.log(`${outdir}/ (gzip -9 per file)`);
  for (const f of result.files) {
    const role = result.entryFiles.includes(f.name) ? 'entry' : 'on demand';
    console.log(`  ${f.name.padEnd(44)} ${kb(f.bytes)} raw ${kb(f.gzipBytes)} gz  ${role}`);
  }
  const share = Math.round((result.gzipBytes / ENTRY_BUDGET_GZIP_BYTES) * 100);
  console.log(
    `entry, every page (${result.entryFiles.length} files): ${kb(result.bytes).trim()} raw, ` +
      `${kb(result.gzipBytes).trim()} gzipped — budget ${kb(ENTRY_BUDGET_GZIP_BYTES).trim()} (${share}% used)`,
  );
  for (const p of result.pages) {
    const extra = p.lazyTags.length ? `entry + ${p.lazyTags.join(', ')}` : 'entry only';
    console.log(
      `page ${p.page.padEnd(12)} ${kb(p.bytes)} raw ${kb(p.gzipBytes)} gz  (${p.files.length} files: ${extra})`,
    );
  }
  console.log(`per-chunk budget: ${kb(CHUNK_BUDGET_GZIP_BYTES).trim()} gzipped`);
  for (const problem of result.overBudget) console.error(problem);
  if (result.overBudget.length) process.exitCode = 1;
}
