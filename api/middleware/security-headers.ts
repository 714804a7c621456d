/**
 * @module
 * Security headers on every response, built on Hono's `secureHeaders`: `X-Content-Type-Options: nosniff`,
 * `Referrer-Policy`, HSTS, `X-Frame-Options: DENY` with CSP `frame-ancestors 'none'`, and a Content Security
 * Policy chosen by what is served:
 *
 * - API responses (JSON, problem documents, the event stream, 404s): `default-src 'none'`, since nothing in
 *   them should ever run or load as a document.
 * - The widget bundle (`/widgets/`): the same, plus `Cross-Origin-Resource-Policy: cross-origin`, because host
 *   pages on other origins load it (and may enable COEP).
 * - The demo host pages (`/demo/`): scripts, styles, images and fetches from this origin only, no inline code,
 *   and Trusted Types limited to Lit's `lit-html` policy — the CSP our integration guide asks of hosts.
 * - The API reference page: its one inline script and inline styles are allowed by their SHA-256 hashes,
 *   computed here from the page itself, so editing the page cannot silently break it.
 *
 * @example
 * ```ts
 * app.use('*', securityHeaders({ docs: { path: '/api/v1/docs', html: REFERENCE_PAGE } }));
 * ```
 */
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

export interface SecurityHeadersOptions {
  /** A page with inline `<script>`/`<style>` served at `path`: its inline code is allowed by hash. */
  docs?: { path: string; html: string };
  /** Path prefix of the widget bundle (default `/widgets/`). */
  widgetsPrefix?: string;
  /** Path prefix of the demo host pages and their assets (default `/demo/`). */
  pagesPrefix?: string;
}

/** Headers every response gets, whatever it is (Hono's defaults, made explicit where we rely on them). */
const COMMON = {
  xContentTypeOptions: 'nosniff',
  xFrameOptions: 'DENY',
  referrerPolicy: 'no-referrer',
  // Browsers ignore HSTS over plain HTTP, so development on http://127.0.0.1 is unaffected.
  strictTransportSecurity: 'max-age=31536000; includeSubDomains',
  crossOriginResourcePolicy: 'same-origin',
} as const;

const NO_FRAMING = { frameAncestors: ["'none'"] };

const DOCUMENT_BASE = {
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
  formAction: ["'self'"],
  ...NO_FRAMING,
};

const PERMISSIONS = { camera: [], microphone: [], geolocation: [], payment: [], usb: [] };

/** `'sha256-…'` of an inline script or style, as CSP hashes it (over the UTF-8 text between the tags). */
export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The hashes of a static page's inline scripts, `<style>` elements and `style="…"` attributes. */
export function inlineHashes(html: string): {
  scripts: string[];
  styles: string[];
  styleAttributes: string[];
} {
  const all = (pattern: RegExp) => [...html.matchAll(pattern)].map((m) => cspHash(m[1] ?? ''));
  return {
    scripts: all(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi),
    styles: all(/<style[^>]*>([\s\S]*?)<\/style>/gi),
    styleAttributes: all(/\sstyle="([^"]*)"/gi),
  };
}

export function securityHeaders(options: SecurityHeadersOptions = {}): MiddlewareHandler {
  const widgetsPrefix = options.widgetsPrefix ?? '/widgets/';
  const pagesPrefix = options.pagesPrefix ?? '/demo/';
  const api = secureHeaders({
    ...COMMON,
    contentSecurityPolicy: { defaultSrc: ["'none'"], ...NO_FRAMING },
  });
  const widgets = secureHeaders({
    ...COMMON,
    crossOriginResourcePolicy: 'cross-origin',
    contentSecurityPolicy: { defaultSrc: ["'none'"], ...NO_FRAMING },
  });
  const pages = secureHeaders({
    ...COMMON,
    permissionsPolicy: PERMISSIONS,
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      // Lit's adopted stylesheets are not inline styles; the page itself only links demo.css.
      styleSrc: ["'self'"],
      imgSrc: ["'self'"],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      ...DOCUMENT_BASE,
      requireTrustedTypesFor: ["'script'"],
      trustedTypes: ['lit-html'],
    },
  });
  let docs: MiddlewareHandler | undefined;
  if (options.docs) {
    const hashes = inlineHashes(options.docs.html);
    const attributes = hashes.styleAttributes.length ? ["'unsafe-hashes'", ...hashes.styleAttributes] : [];
    docs = secureHeaders({
      ...COMMON,
      permissionsPolicy: PERMISSIONS,
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        scriptSrc: hashes.scripts.length ? hashes.scripts : ["'none'"],
        styleSrc: [...hashes.styles, ...attributes],
        connectSrc: ["'self'"],
        imgSrc: ["'self'"],
        ...DOCUMENT_BASE,
        // The page builds its DOM with createElement and textContent: it needs no Trusted Types policy.
        requireTrustedTypesFor: ["'script'"],
        trustedTypes: ["'none'"],
      },
    });
  }
  return async function securityHeaders(c, next) {
    const path = c.req.path;
    const chosen =
      docs && path === options.docs?.path
        ? docs
        : path.startsWith(widgetsPrefix)
          ? widgets
          : path.startsWith(pagesPrefix)
            ? pages
            : api;
    await chosen(c, next);
  };
}
