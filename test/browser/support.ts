/**
 * Helpers for the browser journey: the real system served over HTTP to a real Chromium, and a few assertions
 * that wait (Playwright locators pierce the widgets' open shadow roots).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { buildWidgets } from '../../scripts/build-widgets.ts';
import { launchBrowser } from '../support/browser.ts';
import { freePort } from '../support/global-setup.ts';
import { startHarness, type Harness } from '../support/harness.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A text file on disk (under `.tmp/`), for a file chooser. */
export async function textFile(name: string, text: string): Promise<string> {
  const file = path.join(ROOT, '.tmp', name);
  await writeFile(file, text);
  return file;
}
export const SCREENSHOT_DIR = path.join(ROOT, 'test-results', 'browser');

export interface Stack {
  h: Harness;
  baseUrl: string;
  context: BrowserContext;
  /** Uncaught exceptions and console errors seen on any page (except failed resource loads). */
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * Builds the widget bundle, starts the harness, serves it on 127.0.0.1 and launches Chromium. `officeHours` is
 * the deployment's `OFFICE_HOURS` (minutes after local midnight, or `always`: any day and hour for meetings);
 * 07:30–17:00 when absent.
 */
export async function startStack(
  options: { officeHours?: 'always' | { start: number; end: number } } = {},
): Promise<Stack> {
  const tmp = path.join(ROOT, '.tmp');
  const widgetsDir = path.join(tmp, 'browser-widgets');
  await buildWidgets({ outdir: widgetsDir });
  await mkdir(SCREENSHOT_DIR, { recursive: true });

  const h = await startHarness({
    roots: { widgetsDir, demoDir: path.join(ROOT, 'demo') },
    officeHours: options.officeHours,
  });
  const port = await freePort();
  let server: Server | undefined;
  let context: BrowserContext | undefined;
  let profileDir: string | undefined;
  const close = async () => {
    await context?.close().catch(() => undefined);
    if (server) {
      const s = server;
      const closed = new Promise<void>((resolve) => s.close(() => resolve()));
      // The live event streams never end by themselves.
      s.closeAllConnections();
      await closed;
    }
    await h.close();
    if (profileDir) await rm(profileDir, { recursive: true, force: true });
  };
  try {
    server = await new Promise<Server>((resolve) => {
      const s = serve({ fetch: h.app.fetch, port, hostname: '127.0.0.1' }, () => resolve(s as Server));
    });
    await mkdir(tmp, { recursive: true });
    profileDir = await mkdtemp(path.join(tmp, 'browser-profile-'));
    context = await launchBrowser(profileDir);
    context.setDefaultTimeout(10_000);
    const pageErrors: string[] = [];
    context.on('page', (page) => {
      page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
      page.on('console', (message) => {
        // 403/404 answers are expected in the journey; Chromium logs each as "Failed to load resource".
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
          pageErrors.push(`${page.url()}: console: ${message.text()}`);
      });
    });
    return { h, baseUrl: `http://127.0.0.1:${port}`, context, pageErrors, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A full-page screenshot as `test-results/browser/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Signs the demo page in as `sub` with its user switcher and waits until the host says so. */
export async function switchUser(page: Page, sub: string): Promise<void> {
  await page.locator('#demo-user').selectOption(sub);
  await expectAttribute(page.locator('body'), 'data-demo-user', sub);
}

export async function expectAttribute(
  locator: Locator,
  name: string,
  value: string,
  timeout = 10_000,
): Promise<void> {
  await expect
    .poll(
      () =>
        locator
          .first()
          .getAttribute(name, { timeout: 500 })
          .catch(() => null),
      {
        timeout,
        message: `${locator.toString()} [${name}]`,
      },
    )
    .toBe(value);
}

export async function expectText(locator: Locator, text: string, timeout = 10_000): Promise<void> {
  await expect
    .poll(
      async () =>
        (await locator
          .first()
          .textContent({ timeout: 500 })
          .catch(() => null)) ?? '',
      { timeout, message: `${locator.toString()} text` },
    )
    .toContain(text);
}

/** The actions `pl-contact` (inside `scope`) offers, in display order, once the view settles on `expected`. */
export async function expectActions(scope: Locator, expected: string[], timeout = 10_000): Promise<void> {
  const sections = scope.locator('pl-contact details[data-action]');
  await expect
    .poll(
      async () => {
        const out: string[] = [];
        for (const d of await sections.all()) out.push((await d.getAttribute('data-action')) ?? '?');
        return out;
      },
      { timeout, message: `actions offered in ${scope.toString()}` },
    )
    .toEqual(expected);
}

const CONTROL = /^\s*- (textbox|searchbox|combobox|listbox|checkbox|radio|spinbutton|slider|switch)\b(.*)$/;

/**
 * Basic accessibility of a widget: every visible form control inside its shadow roots has an accessible name
 * (its ARIA snapshot names it), and it has a polite live region for status messages. `withControls: false`
 * for a widget that may show no form at the moment (an empty list).
 */
export async function expectAccessible(widget: Locator, { withControls = true } = {}): Promise<void> {
  const controls = widget.locator('input, select, textarea').filter({ visible: true });
  const count = await controls.count();
  if (withControls) expect(count, `${widget.toString()} has form controls`).toBeGreaterThan(0);
  const snapshot = await widget.ariaSnapshot();
  const named: string[] = [];
  const unnamed: string[] = [];
  for (const line of snapshot.split('\n')) {
    const m = CONTROL.exec(line);
    if (!m) continue;
    const name = /^ "(.+?)"/.exec(m[2] ?? '')?.[1]?.trim();
    (name ? named : unnamed).push(line.trim());
  }
  expect(unnamed, `controls without an accessible name in ${widget.toString()}:\n${snapshot}`).toEqual([]);
  expect(named.length, `every visible control of ${widget.toString()} is in the tree:\n${snapshot}`).toBe(
    count,
  );
  const live = widget.locator('[aria-live="polite"]');
  expect(await live.count(), `${widget.toString()} has a polite live region`).toBeGreaterThan(0);
}

/** Where focus is, down through open shadow roots: `tag#id[name]`, innermost last. */
const FOCUS_PATH = `(() => {
  const path = [];
  let el = document.activeElement;
  while (el) {
    path.push(el.localName + (el.id ? '#' + el.id : '') + (el.getAttribute('name') ? '[' + el.getAttribute('name') + ']' : ''));
    el = el.shadowRoot?.activeElement ?? null;
  }
  return path.join(' > ') || '(nothing)';
})()`;

/**
 * Opens the file chooser of `picker` (a button) with the keyboard, as a clerk without a mouse would: focus, then
 * `key`. Once in CI (3 December) the chooser of the messages test did not open, and this did not happen again in
 * many runs: if it does not open within a few seconds, this says where focus was and tries once more, and fails
 * if it still does not.
 */
export async function chooseFilesWithKeyboard(
  page: Page,
  picker: Locator,
  files: string[],
  key: 'Space' | 'Enter' = 'Space',
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const chooser = page.waitForEvent('filechooser', { timeout: 5_000 });
    await picker.press(key);
    try {
      await (await chooser).setFiles(files);
      return;
    } catch (error) {
      const focus = await page.evaluate<string>(FOCUS_PATH);
      if (attempt === 2) {
        throw new Error(`The file chooser did not open after Space, twice; focus: ${focus}`, {
          cause: error,
        });
      }
      console.warn(`The file chooser did not open after Space (focus: ${focus}); trying once more.`);
    }
  }
}
