// Issue 6: no response carried CSP, X-Content-Type-Options, X-Frame-Options/frame-ancestors, Referrer-Policy or
// HSTS. Every kind of answer is checked here: JSON, problem documents, 404s, the widget bundle, demo pages and
// the API reference page — and that each page's CSP admits exactly what the page itself contains.
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.ts';
import { USERS } from '../support/api-helpers.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let h: Harness;
let widgetsDir: string;
const ENTRY = 'export const version = "test";\n';

beforeAll(async () => {
  widgetsDir = await mkdtemp(path.join(process.env.TMPDIR ?? '/tmp', 'widgets-'));
  await writeFile(path.join(widgetsDir, 'press-liaison.js'), ENTRY);
  // As the build writes them: the entry compressed beside itself.
  await writeFile(path.join(widgetsDir, 'press-liaison.js.br'), brotliCompressSync(ENTRY));
  await writeFile(path.join(widgetsDir, 'press-liaison.js.gz'), gzipSync(ENTRY));
  h = await startHarness({ withWorker: false, roots: { widgetsDir, demoDir: path.join(ROOT, 'demo') } });
});
afterAll(async () => {
  await h?.close();
  await rm(widgetsDir, { recursive: true, force: true });
});

/** The directives of a CSP header as a map: name → sources. */
function csp(response: Response): Map<string, string[]> {
  const header = response.headers.get('content-security-policy');
  expect(header, `CSP on ${response.url}`).toBeTruthy();
  return new Map(
    header!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

function expectBaseline(response: Response): void {
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
  expect(csp(response).get('frame-ancestors')).toEqual(["'none'"]);
}

function expectStrictApiPolicy(response: Response): void {
  expectBaseline(response);
  expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('security headers', () => {
  it('are on JSON answers, authenticated or not', async () => {
    const health = await h.app.request('/api/v1/healthz');
    expect(health.status).toBe(200);
    expectStrictApiPolicy(health);
    const mine = await h.call('GET', '/contacts', { as: USERS.reporter });
    expect(mine.status).toBe(200);
    expectStrictApiPolicy(mine);
  });

  it('are on problem documents: 401, 404 (inside and outside the API) and 422', async () => {
    const unauthenticated = await h.call('GET', '/stream');
    expect(unauthenticated.status).toBe(401);
    expectStrictApiPolicy(unauthenticated);
    const missing = await h.call('GET', '/no-such-thing', { as: USERS.reporter });
    expect(missing.status).toBe(404);
    expectStrictApiPolicy(missing);
    const outside = await h.app.request('/no-such-page');
    expect(outside.status).toBe(404);
    expect(outside.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expectStrictApiPolicy(outside);
    const invalid = await h.call('POST', '/auth/dev-token', { body: { sub: '' } });
    expect(invalid.status).toBe(422);
    expectStrictApiPolicy(invalid);
  });

  it('leave the widget bundle loadable by host pages on other origins', async () => {
    const bundle = await h.app.request('/widgets/press-liaison.js', {
      headers: { origin: 'https://ioffice.quangtri.gov.vn' },
    });
    expect(bundle.status).toBe(200);
    expectBaseline(bundle);
    expect(bundle.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    // A module script is always fetched with CORS.
    expect(bundle.headers.get('access-control-allow-origin')).toBe('*');
    expect(bundle.headers.get('content-type')).toMatch(/javascript/);
  });

  it('send the widget code compressed as the browser accepts, and as it is to one that accepts nothing', async () => {
    const fetchAs = (acceptEncoding?: string) =>
      h.app.request('/widgets/press-liaison.js', {
        headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {},
      });
    const chromium = await fetchAs('gzip, deflate, br, zstd');
    expect(chromium.headers.get('content-encoding')).toBe('br');
    expect(chromium.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(chromium.headers.get('access-control-allow-origin')).toBe('*');
    expect(brotliDecompressSync(Buffer.from(await chromium.arrayBuffer())).toString()).toBe(ENTRY);
    const gzipOnly = await fetchAs('gzip');
    expect(gzipOnly.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gzipOnly.arrayBuffer())).toString()).toBe(ENTRY);
    const plain = await fetchAs();
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(ENTRY);
  });

  it('answer a revalidation of the entry or a demo page with a 304 that keeps the CORS and security headers', async () => {
    const origin = 'https://ioffice.quangtri.gov.vn';
    for (const file of ['/widgets/press-liaison.js', '/demo/ioffice.html']) {
      const first = await h.app.request(file, { headers: { origin } });
      expect(first.status, file).toBe(200);
      const tag = first.headers.get('etag');
      expect(tag, file).toMatch(/^"[^"]+"$/);
      const again = await h.app.request(file, { headers: { origin, 'if-none-match': tag! } });
      expect(again.status, file).toBe(304);
      expect(await again.text()).toBe('');
      expect(again.headers.get('etag')).toBe(tag);
      expectBaseline(again);
      if (file.startsWith('/widgets/')) {
        expect(again.headers.get('access-control-allow-origin')).toBe('*');
        expect(again.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
        expect(again.headers.get('cache-control')).toBe('no-cache');
      }
      // Another version of the file: the whole of it.
      const changed = await h.app.request(file, { headers: { origin, 'if-none-match': '"another"' } });
      expect(changed.status, file).toBe(200);
      expect((await changed.text()).length).toBeGreaterThan(0);
    }
  });

  it('give the demo pages a CSP without inline code, and the pages have none', async () => {
    for (const page of ['/demo/', '/demo/portal.html', '/demo/ioffice.html']) {
      const response = await h.app.request(page);
      expect(response.status, page).toBe(200);
      expectBaseline(response);
      const policy = csp(response);
      expect(policy.get('default-src')).toEqual(["'none'"]);
      expect(policy.get('script-src')).toEqual(["'self'"]);
      expect(policy.get('style-src')).toEqual(["'self'"]);
      expect(policy.get('connect-src')).toEqual(["'self'"]);
      expect(policy.get('require-trusted-types-for')).toEqual(["'script'"]);
      expect(policy.get('trusted-types')).toEqual(['lit-html']);
      // What the policy forbids must not be in the page: inline scripts, inline styles, event handlers.
      const html = await response.text();
      expect(html.match(/<script(?![^>]*\ssrc=)[^>]*>/gi), `${page}: inline script`).toBeNull();
      expect(html.match(/<style\b/gi), `${page}: inline <style>`).toBeNull();
      expect(html.match(/\sstyle=|\son[a-z]+=/gi), `${page}: inline style or handler`).toBeNull();
      for (const [, src] of html.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+)"/gi))
        expect(src, `${page} loads only from its own origin`).toMatch(/^\/(?!\/)/);
    }
    const script = await h.app.request('/demo/demo-host.js');
    expect(script.status).toBe(200);
    expectBaseline(script);
  });

  it('allow exactly the inline script and styles of the API reference page, by hash', async () => {
    const response = await h.app.request('/api/v1/docs');
    expect(response.status).toBe(200);
    expectBaseline(response);
    const html = await response.text();
    const policy = csp(response);
    const scripts = [...html.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => sha256(m[1]!));
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/gi)].map((m) => sha256(m[1]!));
    const attributes = [...html.matchAll(/ style="([^"]*)"/g)].map((m) => sha256(m[1]!));
    expect(scripts.length).toBeGreaterThan(0);
    expect(policy.get('script-src')).toEqual(scripts);
    expect(policy.get('style-src')).toEqual([
      ...styles,
      ...(attributes.length ? ["'unsafe-hashes'"] : []),
      ...attributes,
    ]);
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('cover the live stream and CORS preflights too', async () => {
    const preflight = await h.app.request('/api/v1/contacts', {
      method: 'OPTIONS',
      headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST' },
    });
    expectStrictApiPolicy(preflight);
    const controller = new AbortController();
    const stream = await h.app.request('/api/v1/stream', {
      headers: { authorization: `Bearer ${await h.tokenFor(USERS.reporter)}` },
      signal: controller.signal,
    });
    expect(stream.status).toBe(200);
    expectStrictApiPolicy(stream);
    controller.abort();
    await stream.body?.cancel().catch(() => undefined);
  });
});
