// Issue 6: the demo pages and the API reference page now carry an enforced Content Security Policy (no inline
// code on the demo pages, Trusted Types limited to lit-html; hashed inline code on the reference page). This
// checks in Chromium that each page still renders fully with no violation, and that the policy is really
// enforced (an injected inline style is refused and reported).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAttribute, startStack, type Stack } from './support.ts';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
  // Runs before any page script: records every CSP violation the page reports. (A string: this project's
  // Node tsconfig has no DOM types.)
  await stack.context.addInitScript(`
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.cspViolations.push(e.effectiveDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber);
    }, true);
  `);
});

afterAll(async () => {
  await stack?.close();
});

const violations = (page: Page) => page.evaluate<string[]>('window.cspViolations');

const computed = (page: Page, selector: string, property: string) =>
  page.evaluate<string>(`getComputedStyle(document.querySelector(${JSON.stringify(selector)})).${property}`);

/**
 * Waits until `tag`'s shadow root has rendered something. Polled from here: `page.waitForFunction` polls a string
 * predicate with `eval` inside the page, which this very policy refuses (a widget below the fold renders late).
 */
async function rendered(page: Page, tag: string): Promise<void> {
  await expect
    .poll(
      () => page.evaluate<number>(`document.querySelector('${tag}')?.shadowRoot?.childElementCount ?? 0`),
      { timeout: 15_000, message: `${tag} rendered` },
    )
    .toBeGreaterThan(0);
}

describe('Content Security Policy in Chromium', () => {
  it('the API reference page renders with its hashed inline script and styles', async () => {
    const page = await stack.context.newPage();
    const response = await page.goto(`${stack.baseUrl}/api/v1/docs`);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
    await expect.poll(() => page.locator('main details').count(), { timeout: 15_000 }).toBeGreaterThan(10);
    expect(await page.locator('#v').textContent()).toMatch(/\d/);
    // The inline <style> applied: the header has its dark red background.
    expect(await computed(page, 'header', 'backgroundColor')).toBe('rgb(139, 26, 26)');
    expect(await violations(page)).toEqual([]);
    // Enforced, not just sent: an inline style the policy does not list is refused and reported.
    await page.evaluate(`{
      const style = document.createElement('style');
      style.textContent = 'body { color: rgb(1, 2, 3) }';
      document.head.append(style);
    }`);
    await expect.poll(() => violations(page)).toEqual([expect.stringMatching(/^style-src/)]);
    expect(await computed(page, 'body', 'color')).not.toBe('rgb(1, 2, 3)');
    await page.close();
  });

  it('the portal and IOffice demo pages render their widgets, each then ready, without a violation', async () => {
    // Only this test's pages: the one above logged its deliberately refused style.
    const errorsBefore = stack.pageErrors.length;
    for (const [path, widgets] of [
      ['/demo/portal.html', ['pl-request-form', 'pl-my-contacts', 'pl-spokesperson-directory']],
      ['/demo/ioffice.html', ['pl-inbox']],
    ] as const) {
      const page = await stack.context.newPage();
      const response = await page.goto(`${stack.baseUrl}${path}`);
      expect(response?.headers()['content-security-policy']).toContain('trusted-types lit-html');
      await expect
        .poll(() => page.locator('#demo-user option').count(), { timeout: 15_000 })
        .toBeGreaterThan(1);
      for (const tag of widgets) await rendered(page, tag);
      // Each widget says when its first data has rendered (the base element's ready signal).
      for (const tag of widgets) await expectAttribute(page.locator(tag), 'data-ready', '', 15_000);
      // Lit's adopted stylesheets are not inline styles: the widgets are styled.
      expect(await computed(page, widgets[0], 'display')).toBe('block');
      await page.waitForTimeout(500);
      expect(await violations(page), path).toEqual([]);
      await page.close();
    }
    expect(stack.pageErrors.slice(errorsBefore)).toEqual([]);
  });
});
