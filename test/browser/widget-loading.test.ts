/**
 * How the bundle loads a page's widgets (`widgets/internal/lazy.ts`), seen from Chromium's resource timings on
 * the portal (1366×900): the widgets in view first, each element's chunk together with the chunks it imports,
 * and the widgets below the fold only once those in view are ready — yet without any scrolling.
 */
import { createServer } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/global-setup.ts';
import { expectAttribute, startStack, type Stack } from './support.ts';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  expect(stack?.pageErrors ?? []).toEqual([]);
  await stack?.close();
});

interface Timing {
  name: string;
  startTime: number;
  responseEnd: number;
}

const IN_VIEW = ['pl-request-form', 'pl-my-contacts', 'pl-notifications'];
const BELOW_FOLD = ['pl-difficulty-form', 'pl-spokesperson-directory'];

/** Marks each widget's `pl-ready` in the page's timeline, before any of the page's scripts run. */
const READY_MARKS = `addEventListener('pl-ready', (event) => {
  const el = event.composedPath()[0];
  if (el instanceof Element) performance.mark('ready ' + el.localName);
}, true);`;

/** Resource timings and ready marks, read in the page (a string: the Node tsconfig has no DOM types). */
function timings(page: Page) {
  return page.evaluate<{ resources: Timing[]; ready: Record<string, number>; scrollY: number }>(`({
    resources: performance
      .getEntriesByType('resource')
      .map((e) => ({ name: new URL(e.name).pathname, startTime: e.startTime, responseEnd: e.responseEnd })),
    ready: Object.fromEntries(
      performance
        .getEntriesByType('mark')
        .filter((m) => m.name.startsWith('ready '))
        .map((m) => [m.name.slice('ready '.length), m.startTime]),
    ),
    scrollY,
  })`);
}

/** The element's own chunk (`chunks/request-form-XXXXXXXX.js`) among the resources. */
function elementChunk(resources: Timing[], tag: string): Timing {
  const name = tag.replace(/^pl-/, '');
  const found = resources.find((r) => new RegExp(`/chunks/${name}-[A-Z0-9]{8}\\.js$`).test(r.name));
  expect(found, `${tag}'s chunk was fetched`).toBeDefined();
  return found!;
}

describe('loading the widgets of a page', () => {
  it('loads the widgets in view first, with their chunks together, then those below the fold without scrolling', async () => {
    const page = await stack.context.newPage();
    try {
      await page.addInitScript(READY_MARKS);
      await page.goto(`${stack.baseUrl}/demo/portal.html`);
      for (const tag of [...IN_VIEW, ...BELOW_FOLD]) {
        await expectAttribute(page.locator(tag), 'data-ready', '', 20_000);
      }
      const { resources, ready, scrollY } = await timings(page);
      expect(scrollY).toBe(0);

      // Every widget in view was ready before any widget below the fold was asked for.
      const lastInView = Math.max(...IN_VIEW.map((tag) => ready[tag]!));
      for (const tag of BELOW_FOLD) {
        expect(elementChunk(resources, tag).startTime, `${tag} waited`).toBeGreaterThanOrEqual(lastInView);
      }

      // The chunks the request form's chunk imports were asked for before that chunk had even arrived.
      const entry = await (await page.request.get(`${stack.baseUrl}/widgets/press-liaison.js`)).text();
      const table = JSON.parse(/preloads:(\{"pl-[^]*?\]\})/.exec(entry)![1]!) as Record<string, string[]>;
      const shared = table['pl-request-form'] ?? [];
      expect(shared.length).toBeGreaterThan(0);
      const own = elementChunk(resources, 'pl-request-form');
      for (const file of shared) {
        const fetched = resources.find((r) => r.name === `/widgets/${file.replace(/^\.\//, '')}`);
        expect(fetched, file).toBeDefined();
        expect(fetched!.startTime, file).toBeLessThan(own.responseEnd);
      }
    } finally {
      await page.close();
    }
  });
});

describe('a host page on another origin', () => {
  it('loads the bundle with CORS, and revalidates its entry with a 304 that still loads', async () => {
    const entry = `${stack.baseUrl}/widgets/press-liaison.js`;
    // The host's own page, on a port of its own: another origin than the bundle's. No widget is on it, so it
    // asks the API nothing; it only imports the entry, as a module script (always a CORS request).
    const host = createServer((_request, response) => {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(
        `<!doctype html><script type="module">import * as pl from ${JSON.stringify(entry)};` +
          `document.body.dataset.loaded = typeof pl.loadElement;</script>`,
      );
    });
    const port = await freePort();
    await new Promise<void>((resolve) => host.listen(port, '127.0.0.1', resolve));
    const page = await stack.context.newPage();
    try {
      const cdp = await stack.context.newCDPSession(page);
      await cdp.send('Network.enable');
      const answers: number[] = [];
      cdp.on('Network.responseReceived', (event: { response: { url: string; status: number } }) => {
        if (event.response.url === entry) answers.push(event.response.status);
      });
      for (const load of [1, 2]) {
        await page.goto(`http://127.0.0.1:${port}/host.html?load=${load}`);
        await expectAttribute(page.locator('body'), 'data-loaded', 'function');
      }
      // The first load fetched it; the second asked whether it changed (no-cache) and was told it had not.
      expect(answers).toEqual([200, 304]);
    } finally {
      await page.close();
      await new Promise<void>((resolve) => host.close(() => resolve()));
    }
  });
});
