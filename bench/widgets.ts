/**
 * @module
 * The `widgets` bench group (issue 9): the demo pages in headless Chromium on the real product (API, worker,
 * Temporal dev server, a scratch database with the demo data and a few contacts filed through the API), each
 * signed in as its demo user the way a person would be (the page's own sign-in, `demo/demo-host.js`).
 *
 * For every view (a page, or one of its panels opened by its address) and every widget that view shows at first:
 * - **first render**: milliseconds from navigation start to the widget's `pl-ready` (its first answers from the
 *   API rendered, see `widgets/internal/base-element.ts`), over `WIDGET_LOADS` loads (default 5) in one browser
 *   context: the first with an empty cache, the rest warm. Beside it, when the element's class was defined (its
 *   code arrived) and how long its data took after the page signed in.
 * - **bytes**: the widget JavaScript the first (cold) load fetched before its widgets were ready — raw, gzip -9
 *   of each file (what a compressing server would send) and what went over the wire (this server does not
 *   compress) — and the API requests it made.
 * - **first render, same tab**: the same, loading each view again in one tab as a person moving within the site
 *   does (a new document, its renderer and memory cache already there). The figure above opens a new tab each time.
 * - **host page alone**: each demo page with its scripts taken out, loaded the same way: what this machine needs
 *   to show the page itself (first contentful paint, load), the share of a first render that is not ours.
 * - **later**: on the default view of each page, what the person's next steps fetch (another panel, a contact
 *   opened from a list, an appointment in the form): the chunks loaded on demand and the time to the widget's
 *   ready.
 * The figures are recorded in the page with `performance.mark` (an init script listens for `pl-ready`) and read
 * back at the end of each load. The machine's load average is printed beside them: the bench shares 2 cores.
 *
 * Before and after a change to the widgets: `WIDGETS_BASELINE=<another checkout>` measures that checkout's
 * bundle and demo pages too, alternating load by load with this one's, against the same API.
 */
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import { Client, Connection } from '@temporalio/client';
import { chromium, type Browser, type BrowserContext, type Page, type Response } from 'playwright-core';
import { createApp } from '../api/app.ts';
import { createDevIssuer, DEV_AUDIENCE, DEV_ISSUER } from '../api/auth/dev-issuer.ts';
import { createVerifier } from '../api/auth/verifier.ts';
import { ChangeStream } from '../api/change-stream.ts';
import { ContactWorkflows } from '../api/contact-workflows.ts';
import type { Orm } from '../db/orm.ts';
import { createScratchDatabase } from '../db/scratch-database.ts';
import { seedDemoData } from '../db/seeders/demo.ts';
import { startDevServer } from '../server/temporal-dev-server.ts';
import { findTemporalCli } from '../server/temporal-binary.ts';
import { createWorker } from '../worker/worker.ts';
import { buildWidgets } from '../scripts/build-widgets.ts';
import { demoUserToken, freePort } from '../scripts/product-process.ts';
import { CHROMIUM_ARGS, findChromium } from '../test/support/browser.ts';
import { durationRule, PROVINCE_RULES } from '../test/support/rules.ts';
import { report, summary } from './stats.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const FIRST_RENDER_GOAL = '≤ 300 ms';

/** A page, or one of its panels (by its address's #hash), as a person opens it. */
interface View {
  page: 'portal' | 'ioffice' | 'department';
  hash: string;
  /** The demo user the page signs in (the page remembers a choice per tab; the bench sets it before load). */
  user: string;
  /** The widgets this view shows at first, by CSS selector (`tag` or `tag#id`). */
  widgets: string[];
  /** What a person does next on this view, to see what loads on demand (default views only). */
  next?: Step[];
}

interface Step {
  label: string;
  /** Clicked (Playwright's CSS, which pierces the widgets' open shadow roots); skipped when absent. */
  click: string;
  /** The widget that shows the result, whose `pl-ready` ends the step (none: a fixed wait). */
  ready?: string;
}

const REPORTER = 'pv-nguyen-van-an';
const CLERK = 'yte-van-thu';
const HEAD = 'yte-giam-doc';
const SUPERVISOR = 'vhttdl-giam-sat';

const VIEWS: View[] = [
  {
    page: 'portal',
    hash: '',
    user: REPORTER,
    widgets: ['pl-request-form', 'pl-my-contacts', 'pl-difficulty-form', 'pl-spokesperson-directory'],
    next: [
      { label: 'appointment in the form', click: 'pl-request-form [data-testid=kind-appointment]' },
      {
        label: 'a contact from my list',
        click: 'pl-my-contacts [data-testid=contact-row] >> nth=0',
        ready: 'pl-contact',
      },
    ],
  },
  {
    page: 'ioffice',
    hash: '',
    user: CLERK,
    widgets: ['pl-inbox'],
    next: [
      {
        label: 'a contact from the inbox',
        click: 'pl-inbox [data-testid=contact-row] >> nth=0',
        ready: 'pl-contact',
      },
      {
        label: 'spokespersons panel',
        click: 'a[data-panel-link=spokespersons]',
        ready: 'pl-registry-admin',
      },
      {
        label: 'resident reporters panel',
        click: 'a[data-panel-link=reporters]',
        ready: 'pl-resident-reporters',
      },
    ],
  },
  { page: 'ioffice', hash: '#tiep-phong-vien', user: CLERK, widgets: ['pl-walk-in-form'] },
  { page: 'ioffice', hash: '#nguoi-phat-ngon', user: HEAD, widgets: ['pl-registry-admin'] },
  { page: 'ioffice', hash: '#phong-vien-thuong-tru', user: CLERK, widgets: ['pl-resident-reporters'] },
  {
    page: 'department',
    hash: '',
    user: SUPERVISOR,
    widgets: ['pl-supervisor-board'],
    next: [
      {
        label: 'a contact from the board',
        click: 'pl-supervisor-board [data-testid=board-open] >> nth=0',
        ready: 'pl-contact#contact',
      },
      {
        label: 'difficulty reports panel',
        click: 'a[data-panel-link=difficulty]',
        ready: 'pl-inbox#difficulty-queue',
      },
      { label: 'responsiveness panel', click: 'a[data-panel-link=stats]', ready: 'pl-agency-stats' },
      { label: 'reports panel', click: 'a[data-panel-link=reports]', ready: 'pl-reports' },
    ],
  },
  { page: 'department', hash: '#muc-do-dap-ung', user: SUPERVISOR, widgets: ['pl-agency-stats'] },
  { page: 'department', hash: '#bao-cao', user: SUPERVISOR, widgets: ['pl-reports'] },
  { page: 'department', hash: '#phan-anh', user: SUPERVISOR, widgets: ['pl-inbox#difficulty-queue'] },
];

/**
 * Runs in every page before its scripts (a string: the Node tsconfig has no DOM types). Chooses the demo user
 * for the page's sign-in, and marks when each widget is ready (`pl-ready` is composed, so nested widgets reach
 * the window too) and when each element's class is defined (its code has arrived).
 */
function probeScript(view: View): string {
  return `{
    sessionStorage.setItem(${JSON.stringify(`pl-demo-user:${view.page}`)}, ${JSON.stringify(view.user)});
    const name = (el) => el.localName + (el.id ? '#' + el.id : '');
    addEventListener('pl-ready', (event) => {
      const el = event.composedPath()[0];
      if (el instanceof Element) performance.mark('pl-ready ' + name(el));
    }, true);
    for (const tag of ${JSON.stringify(WIDGET_TAGS)}) {
      customElements.whenDefined(tag).then(() => performance.mark('pl-defined ' + tag));
    }
  }`;
}

const WIDGET_TAGS = [
  'pl-request-form',
  'pl-my-contacts',
  'pl-spokesperson-directory',
  'pl-inbox',
  'pl-contact',
  'pl-slot-picker',
  'pl-registry-admin',
  'pl-resident-reporters',
  'pl-supervisor-board',
  'pl-agency-stats',
  'pl-reports',
];

interface Mark {
  name: string;
  startTime: number;
}

const readMarks = (page: Page) =>
  page.evaluate<Mark[]>(
    `performance.getEntriesByType('mark').filter((m) => m.name.startsWith('pl-')).map((m) => ({ name: m.name, startTime: m.startTime }))`,
  );

/** The selector's widget was ready: `pl-inbox` matches the mark of `pl-inbox` and of `pl-inbox#inbox`. */
function readyAt(marks: Mark[], selector: string, after = 0): number | undefined {
  return marks.find(
    (m) =>
      m.startTime >= after &&
      (m.name === `pl-ready ${selector}` || m.name.startsWith(`pl-ready ${selector}#`)),
  )?.startTime;
}

interface FileFetched {
  name: string;
  bytes: number;
  gzipBytes: number;
  /** Bytes of the body on the wire (0 when served from the cache). */
  transferred: number;
}

/** Records the widget JavaScript and API requests a page fetches, from now until `take()`. */
function recordFetches(page: Page, base: string) {
  const files: Promise<FileFetched | undefined>[] = [];
  let apiRequests = 0;
  const onResponse = (response: Response) => {
    const url = new URL(response.url());
    if (url.pathname.startsWith('/api/')) apiRequests++;
    if (!url.href.startsWith(`${base}/widgets/`) || !url.pathname.endsWith('.js')) return;
    files.push(
      (async () => {
        try {
          const body = await response.body();
          const sizes = await response.request().sizes();
          return {
            name: url.pathname.replace('/widgets/', ''),
            bytes: body.byteLength,
            gzipBytes: gzipSync(body, { level: 9 }).byteLength,
            transferred: sizes.responseBodySize,
          };
        } catch {
          return undefined;
        }
      })(),
    );
  };
  page.on('response', onResponse);
  return {
    /** What was fetched so far; recording starts afresh. */
    async take() {
      const taken = files.splice(0);
      const requests = apiRequests;
      apiRequests = 0;
      const fetched = (await Promise.all(taken)).filter((f): f is FileFetched => !!f);
      return { files: fetched, apiRequests: requests };
    },
    stop: () => page.off('response', onResponse),
  };
}

const kb = (n: number) => n / 1024;
const total = (files: FileFetched[]) => ({
  files: files.length,
  kb: kb(files.reduce((s, f) => s + f.bytes, 0)),
  gzip_kb: kb(files.reduce((s, f) => s + f.gzipBytes, 0)),
  wire_kb: kb(files.reduce((s, f) => s + f.transferred, 0)),
});
/** `chunks/registry-admin-H7AN5KUG.js` → `registry-admin 9.8`: the element's chunk by its name, gzip KB. */
const fileList = (files: FileFetched[]) =>
  files
    .map((f) => {
      const name = f.name.replace(/^chunks\//, '').replace(/\.js$/, '');
      return `${/^chunk-/.test(name) ? name : name.replace(/-[A-Z0-9]{8}$/, '')} ${kb(f.gzipBytes).toFixed(1)}`;
    })
    .join(', ');

const viewName = (v: View) => `${v.page}${v.hash}`;

/**
 * Waits in the page until `expression` is true: checked now and after every `pl-ready` event there (one
 * DevTools call, no polling: calls into the page every few milliseconds took the renderer's main thread from the
 * very load being timed). Not `page.waitForFunction`: its string predicates are evaluated with `eval`, which the
 * demo pages' Content Security Policy refuses.
 */
async function waitInPage(page: Page, expression: string, timeoutMs: number): Promise<boolean> {
  return page.evaluate<boolean>(`new Promise((resolve) => {
    const check = () => {
      if (!(${expression})) return;
      removeEventListener('pl-ready', check, true);
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      removeEventListener('pl-ready', check, true);
      resolve(false);
    }, ${timeoutMs});
    addEventListener('pl-ready', check, true);
    check();
  })`);
}

/** The page expression: the selector's widget has marked itself ready after `after` (page time). */
const readyExpression = (selector: string, after = 0) =>
  `performance.getEntriesByType('mark').some((m) => m.startTime >= ${after} && ` +
  `(m.name === ${JSON.stringify(`pl-ready ${selector}`)} || m.name.startsWith(${JSON.stringify(`pl-ready ${selector}#`)})))`;

/** Waits until every selector's widget has marked itself ready; fails with what is missing. */
async function waitReady(page: Page, selectors: string[], timeoutMs = 30_000): Promise<void> {
  const all = selectors.map((s) => readyExpression(s)).join(' && ');
  if (await waitInPage(page, all, timeoutMs)) return;
  const marks = (await readMarks(page)).map((m) => m.name).join(', ');
  throw new Error(
    `${page.url()}: not ready within ${timeoutMs} ms: ${selectors.join(', ')} (marks: ${marks})`,
  );
}

/** One bundle and its demo pages, served on its own port beside the same API. */
interface Variant {
  /** Printed before the figures: '' for this checkout, `baseline ` for WIDGETS_BASELINE's. */
  label: string;
  base: string;
}

interface Samples {
  ready: Map<string, number[]>;
  /** Widgets whose box started below the window's height (the fold) in some load: not shown at first. */
  belowFold: Set<string>;
  defined: Map<string, number[]>;
  responseEnd: number[];
  domContentLoaded: number[];
  firstContentfulPaint: number[];
}

/**
 * Loads `view` `loads` times per variant, alternating between the variants load by load (so a baseline and this
 * checkout share whatever else the machine is doing), each variant in a browser context of its own.
 */
async function measureView(
  browser: Browser,
  variants: Variant[],
  view: View,
  loads: number,
  pageErrors: string[],
): Promise<void> {
  const name = viewName(view);
  const runs = await Promise.all(
    variants.map(async (variant) => {
      const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1366, height: 900 } });
      await context.addInitScript(probeScript(view));
      return { variant, context, samples: emptySamples(view) };
    }),
  );
  const sameTab = runs.map(() => emptySamples(view));
  try {
    for (let load = 0; load < loads; load++) {
      for (const { variant, context, samples } of runs) {
        await loadOnce(context, variant, view, load === 0, samples, pageErrors);
      }
    }
    // Then as a person moving within the site: the next page in the same tab (its renderer and memory cache
    // already there), each load a new document (a query makes the address differ, so it is not a hash change).
    const tabs = await Promise.all(runs.map(({ context }) => context.newPage()));
    // Load -1 only opens the tab.
    for (let load = -1; load < loads; load++) {
      for (const [i, { variant }] of runs.entries()) {
        await tabs[i]!.goto(`${variant.base}/demo/${view.page}.html?load=${load}${view.hash}`);
        await waitReady(tabs[i]!, view.widgets);
        if (load >= 0) await sampleLoad(tabs[i]!, view, sameTab[i]!);
      }
    }
  } finally {
    for (const run of runs) await run.context.close();
  }
  for (const { variant, samples } of runs) {
    const prefix = `widgets: ${variant.label}`;
    report(`${prefix}page ${name}`, {
      n: loads,
      html_p50_ms: summary(samples.responseEnd).p50,
      dom_content_loaded_p50_ms: summary(samples.domContentLoaded).p50,
      first_contentful_paint_p50_ms: summary(samples.firstContentfulPaint).p50,
    });
    for (const w of view.widgets) {
      const ready = samples.ready.get(w)!;
      const defined = samples.defined.get(w)!;
      const r = summary(ready);
      // A widget below the fold is not shown at first: it loads after those in view (widgets/internal/lazy.ts),
      // and is ready by the time a person scrolls to it. Its time from navigation is printed, without the goal.
      const below = samples.belowFold.has(w);
      report(
        `${prefix}${below ? 'below the fold' : 'first render'} ${name} ${w}`,
        {
          n: r.n,
          p50_ms: r.p50,
          max_ms: r.max,
          cold_ms: ready[0]!,
          code_p50_ms: summary(defined).p50,
          after_code_p50_ms: summary(ready.map((at, i) => at - defined[i]!)).p50,
        },
        below ? undefined : FIRST_RENDER_GOAL,
      );
    }
  }
  for (const [i, { variant }] of runs.entries()) {
    for (const w of view.widgets) {
      if (sameTab[i]!.belowFold.has(w)) continue;
      const r = summary(sameTab[i]!.ready.get(w)!);
      report(
        `widgets: ${variant.label}first render, same tab ${name} ${w}`,
        { n: r.n, p50_ms: r.p50, max_ms: r.max },
        FIRST_RENDER_GOAL,
      );
    }
  }
}

const emptySamples = (view: View): Samples => ({
  ready: new Map(view.widgets.map((w) => [w, []])),
  belowFold: new Set<string>(),
  defined: new Map(view.widgets.map((w) => [w, []])),
  responseEnd: [],
  domContentLoaded: [],
  firstContentfulPaint: [],
});

/**
 * The baseline of a first render: the demo page as its host would show it with no widgets at all (its scripts
 * taken out, so its custom elements stay undefined and keep the room the page reserves), loaded `loads` times in
 * new tabs as the views are. Its first contentful paint and load are what this machine needs for the page
 * itself — the share of a widget's first render that is not the widget's. Printed beside the goal, not against it.
 */
async function measureHostAlone(
  browser: Browser,
  base: string,
  pageName: View['page'],
  loads: number,
): Promise<void> {
  const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1366, height: 900 } });
  await context.route(`${base}/demo/${pageName}.html`, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '');
    await route.fulfill({ response, body: html });
  });
  const paints: number[] = [];
  const loaded: number[] = [];
  try {
    for (let load = 0; load < loads; load++) {
      const page = await context.newPage();
      try {
        await page.goto(`${base}/demo/${pageName}.html`, { waitUntil: 'load' });
        const times = await page.evaluate<{ paint: number; load: number }>(
          // The paint may come after the load event: wait for it (buffered), at most two seconds.
          `new Promise((resolve) => {
            const done = (paint) => resolve({ paint, load: performance.getEntriesByType('navigation')[0].loadEventStart });
            new PerformanceObserver((list) => {
              const entry = list.getEntriesByName('first-contentful-paint')[0];
              if (entry) done(entry.startTime);
            }).observe({ type: 'paint', buffered: true });
            setTimeout(() => done(NaN), 2000);
          })`,
        );
        paints.push(times.paint);
        loaded.push(times.load);
      } finally {
        await page.close();
      }
    }
  } finally {
    await context.close();
  }
  report(`widgets: host page alone ${pageName}`, {
    n: loads,
    first_contentful_paint_p50_ms: summary(paints).p50,
    load_p50_ms: summary(loaded).p50,
  });
}

/** Reads one finished load's figures from the page into `samples`. */
async function sampleLoad(page: Page, view: View, samples: Samples): Promise<void> {
  const marks = await readMarks(page);
  const nav = await page.evaluate<{ responseEnd: number; domContentLoaded: number; paint: number }>(
    `(({ responseEnd, domContentLoadedEventStart }) => ({ responseEnd, domContentLoaded: domContentLoadedEventStart, paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN }))(performance.getEntriesByType('navigation')[0])`,
  );
  samples.responseEnd.push(nav.responseEnd);
  samples.domContentLoaded.push(nav.domContentLoaded);
  samples.firstContentfulPaint.push(nav.paint);
  for (const w of view.widgets) {
    const top = await page.evaluate<number>(
      `document.querySelector(${JSON.stringify(w)}).getBoundingClientRect().top + scrollY - innerHeight`,
    );
    if (top >= 0) samples.belowFold.add(w);
    samples.ready.get(w)!.push(readyAt(marks, w)!);
    const tag = w.replace(/#.*/, '');
    samples.defined.get(w)!.push(marks.find((m) => m.name === `pl-defined ${tag}`)?.startTime ?? NaN);
  }
}

/** One load of `view` in a new tab of `context`; the first (cold) one also reports bytes and the next steps. */
async function loadOnce(
  context: BrowserContext,
  variant: Variant,
  view: View,
  first: boolean,
  samples: Samples,
  pageErrors: string[],
): Promise<void> {
  const name = viewName(view);
  const prefix = `widgets: ${variant.label}`;
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${variant.label}${name}: ${error.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
      pageErrors.push(`${variant.label}${name}: console: ${m.text()}`);
  });
  // Only the first (cold) load records what it fetched: reading every response body back over the DevTools
  // protocol slowed the very loads it measured (first render p50 ~1.2 s with it, ~0.2 s without).
  const fetches = first ? recordFetches(page, variant.base) : undefined;
  try {
    await page.goto(`${variant.base}/demo/${view.page}.html${view.hash}`);
    await waitReady(page, view.widgets);
    await sampleLoad(page, view, samples);
    if (fetches) {
      // Chunks a page asks for once its widgets render (a nested element's) arrive just after.
      await page.waitForTimeout(300);
      const fetched = await fetches.take();
      report(`${prefix}bytes ${name}`, { ...total(fetched.files), api_requests: fetched.apiRequests });
      console.log(`    files: ${fileList(fetched.files)}`);
      for (const step of view.next ?? []) await nextStep(page, fetches, variant, name, step);
    }
  } finally {
    fetches?.stop();
    await page.close();
  }
}

/** One of a person's next steps on a loaded page: what it fetched, and how long until the result was ready. */
async function nextStep(
  page: Page,
  fetches: ReturnType<typeof recordFetches>,
  variant: Variant,
  name: string,
  step: Step,
): Promise<void> {
  const prefix = `widgets: ${variant.label}later ${name} → ${step.label}`;
  const target = page.locator(step.click);
  if ((await target.count()) === 0) {
    console.log(`${prefix}: nothing to click (${step.click}), skipped`);
    return;
  }
  const before = await page.evaluate<number>('performance.now()');
  await target.click();
  let values: Record<string, number> = {};
  if (step.ready) {
    // Ready before the click (loaded with the page while hidden) counts as shown at once.
    const shown = `(${readyExpression(step.ready, before)}) || !!document.querySelector(${JSON.stringify(step.ready)})?.hasAttribute('data-ready')`;
    if (!(await waitInPage(page, shown, 30_000)))
      throw new Error(`${prefix}: ${step.ready} not ready within 30 s`);
    const at = readyAt(await readMarks(page), step.ready, before);
    values = { click_to_ready_ms: at === undefined ? 0 : at - before };
  }
  await page.waitForTimeout(300);
  const later = await fetches.take();
  report(prefix, {
    ...total(later.files),
    api_requests: later.apiRequests,
    ...values,
  });
  if (later.files.length) console.log(`    files: ${fileList(later.files)}`);
}

/**
 * A few contacts in the lists: information requests from the reporter to the health department, some assigned
 * and answered. A first response due in two seconds (as the department's browser test does) makes the others
 * overdue and escalated at once, so the department's board has rows.
 */
async function fileContacts(apiBase: string, count: number): Promise<void> {
  const tokens = new Map<string, string>();
  const token = async (sub: string) => {
    let t = tokens.get(sub);
    if (!t) {
      t = await demoUserToken(apiBase, sub);
      tokens.set(sub, t);
    }
    return t;
  };
  const call = async (
    path: string,
    as: string,
    body: unknown,
    headers: Record<string, string> = {},
    method = 'POST',
  ) => {
    const res = await fetch(`${apiBase}${path}`, {
      method,
      headers: { authorization: `Bearer ${await token(as)}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string };
  };
  const rule = (clock: string, span: string, warn: string, grace: string) =>
    durationRule('information_request', clock, span, warn, grace);
  await call(
    PROVINCE_RULES,
    'admin-quang-tri',
    { items: [rule('first_response', 'PT2S', 'PT1S', 'PT2S'), rule('answer', 'PT1H', 'PT10M', 'PT1H')] },
    {},
    'PUT',
  );
  const run = randomBytes(3).toString('hex');
  for (let i = 0; i < count; i++) {
    const { id } = await call(
      '/contacts',
      REPORTER,
      {
        kind: 'information_request',
        agencyId: 'qt-so-yte',
        subject: `Số liệu y tế cơ sở, đợt ${i + 1}`,
        question: 'Đề nghị Sở cung cấp số liệu về mạng lưới y tế cơ sở trên địa bàn tỉnh.',
      },
      { 'idempotency-key': `bench-widgets-${run}-${i}` },
    );
    if (i % 2 === 0) await call(`/contacts/${id}/actions/assign`, CLERK, { assigneeSub: 'yte-chuyen-vien' });
    if (i % 4 === 0) {
      await call(`/contacts/${id}/actions/submit_answer`, 'yte-chuyen-vien', { text: 'Số liệu kèm theo.' });
      await call(`/contacts/${id}/actions/approve_answer`, 'yte-phat-ngon', {});
    }
  }
  // Overdue two seconds after filing, escalated two seconds later.
  await new Promise((resolve) => setTimeout(resolve, 5000));
}

export async function benchWidgets(options: {
  databaseUrl: string | undefined;
  /** Loads per view; the first with an empty cache. */
  loads: number;
  /**
   * Another checkout of the project (a `git worktree` at an earlier commit, say): its bundle and demo pages are
   * measured too, load for load alternately with this checkout's, and printed as `widgets: baseline …`.
   */
  baseline?: string | undefined;
}): Promise<void> {
  const [one, five] = loadavg();
  console.log(
    `widgets: Chromium ${findChromium()}, ${options.loads} loads per view (first cold); ` +
      `load average ${one!.toFixed(2)} / ${five!.toFixed(2)} (1 / 5 min)`,
  );
  const sites: Site[] = [await buildSite('', root, buildWidgets)];
  if (options.baseline) {
    const checkout = path.resolve(options.baseline);
    // That checkout's own build script, which bundles that checkout's widgets.
    const theirs = (await import(path.join(checkout, 'scripts', 'build-widgets.ts'))) as {
      buildWidgets: typeof buildWidgets;
    };
    sites.push(await buildSite('baseline ', checkout, theirs.buildWidgets));
  }

  const temporal = await startDevServer({ binary: await findTemporalCli(), port: await freePort() });
  const db = await createScratchDatabase(options.databaseUrl, 'pl_bench');
  let browser: Browser | undefined;
  let stack: Awaited<ReturnType<typeof startStack>> | undefined;
  try {
    await seedDemoData(db.orm.em.fork());
    stack = await startStack(temporal.address, db.orm, sites);
    await fileContacts(`${stack.variants[0]!.base}/api/v1`, 12);
    browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
    const pageErrors: string[] = [];
    const base = stack.variants[0]!.base;
    for (const page of new Set(VIEWS.map((v) => v.page)))
      await measureHostAlone(browser, base, page, options.loads);
    for (const view of VIEWS) await measureView(browser, stack.variants, view, options.loads, pageErrors);
    if (pageErrors.length) console.log(`widgets: page errors:\n  ${pageErrors.slice(0, 10).join('\n  ')}`);
  } finally {
    await browser?.close();
    await stack?.close();
    await db.drop();
    await temporal.stop();
  }
  const [after] = loadavg();
  console.log(`widgets: load average at the end ${after!.toFixed(2)}`);
}

/** A checkout's built bundle and its demo pages. */
interface Site {
  label: string;
  widgetsDir: string;
  demoDir: string;
}

async function buildSite(label: string, checkout: string, build: typeof buildWidgets): Promise<Site> {
  const widgetsDir = path.join(root, '.tmp', label ? 'bench-widgets-baseline' : 'bench-widgets-pages');
  await mkdir(widgetsDir, { recursive: true });
  const bundle = await build({ outdir: widgetsDir });
  for (const p of bundle.pages) {
    report(`widgets: ${label}build, every tag of page ${p.page}`, {
      files: p.files.length,
      kb: kb(p.bytes),
      gzip_kb: kb(p.gzipBytes),
    });
  }
  return { label, widgetsDir, demoDir: path.join(checkout, 'demo') };
}

/**
 * The worker and the API on loopback, the API once per site (each with that site's bundle and demo pages, on a
 * port of its own, so each is the pages' own origin).
 */
async function startStack(address: string, orm: Orm, sites: Site[]) {
  const taskQueue = `bench-widgets-${randomBytes(3).toString('hex')}`;
  const { worker, connection: workerConnection } = await createWorker({
    address,
    namespace: 'default',
    orm,
    taskQueue,
  });
  const running = worker.run();
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace: 'default' });
  const issuer = await createDevIssuer();
  const changes = new ChangeStream(orm);
  const deps = {
    orm,
    workflows: new ContactWorkflows(client, { taskQueue }),
    verifyToken: createVerifier({ issuer: DEV_ISSUER, audience: DEV_AUDIENCE, jwks: issuer.jwks }),
    devIssuer: issuer,
    changes,
    temporalReady: () => Promise.resolve(true),
    // Dozens of page loads from one address within a minute, each minting a token: not a flood.
    limits: {
      requestsPerUser: false as const,
      requestsPerAddress: false as const,
      devTokensPerAddress: false as const,
    },
  };
  const servers: ReturnType<typeof serve>[] = [];
  const variants: Variant[] = [];
  for (const site of sites) {
    const app = createApp(deps, { widgetsDir: site.widgetsDir, demoDir: site.demoDir });
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    servers.push(server);
    variants.push({
      label: site.label,
      base: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    });
  }
  return {
    variants,
    async close() {
      changes.close();
      for (const server of servers) {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        // The pages' live streams never end by themselves.
        (server as unknown as { closeAllConnections(): void }).closeAllConnections();
        await closed;
      }
      worker.shutdown();
      await running;
      await workerConnection.close();
      await connection.close();
    },
  };
}
