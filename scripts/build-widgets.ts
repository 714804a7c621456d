/**
 * @module
 * Bundles the widgets (`widgets/index.ts`) into one self-contained ES module, `dist/widgets/press-liaison.js`,
 * with a source map, and reports its size raw and gzipped (SPEC.md §5: at most 60 KB gzipped).
 *
 * Run: `node scripts/build-widgets.ts` (prints the sizes). The server calls {@link buildWidgets} at start.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** SPEC.md §5. */
export const WIDGET_BUDGET_GZIP_BYTES = 60 * 1024;

export interface BuildWidgetsOptions {
  /** Output folder; `dist/widgets` under the repository by default. */
  outdir?: string;
  /** Minify (default true); turn off to debug in the browser without the source map. */
  minify?: boolean;
}

export interface BuildWidgetsResult {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export async function buildWidgets(options: BuildWidgetsOptions = {}): Promise<BuildWidgetsResult> {
  const outdir = path.resolve(options.outdir ?? path.join(root, 'dist', 'widgets'));
  const file = path.join(outdir, 'press-liaison.js');
  await build({
    absWorkingDir: root,
    entryPoints: [path.join(root, 'widgets', 'index.ts')],
    outfile: file,
    tsconfig: path.join(root, 'widgets', 'tsconfig.json'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: options.minify ?? true,
    sourcemap: true,
    // Vietnamese text stays readable (and smaller) instead of \u escapes.
    charset: 'utf8',
    legalComments: 'eof',
    logLevel: 'warning',
  });
  const code = await readFile(file);
  return { file, bytes: code.byteLength, gzipBytes: gzipSync(code, { level: 9 }).byteLength };
}

if (import.meta.main) {
  const result = await buildWidgets();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const share = Math.round((result.gzipBytes / WIDGET_BUDGET_GZIP_BYTES) * 100);
  console.log(
    `${path.relative(process.cwd(), result.file)}: ${kb(result.bytes)} raw, ${kb(result.gzipBytes)} gzipped`,
  );
  console.log(`budget: ${kb(WIDGET_BUDGET_GZIP_BYTES)} gzipped (${share}% used)`);
  if (result.gzipBytes > WIDGET_BUDGET_GZIP_BYTES) {
    console.error('The widget bundle is over its size budget (SPEC.md §5).');
    process.exitCode = 1;
  }
}
