/**
 * Finds a Chromium for browser tests: `CHROMIUM_PATH`, the system's (Debian `chromium`, `chromium-browser`,
 * Google Chrome), or Playwright's own download where the internet allows it.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { chromium, type BrowserContext } from 'playwright-core';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findChromium(): string {
  const explicit = process.env.CHROMIUM_PATH;
  if (explicit) {
    if (executable(explicit)) return explicit;
    throw new Error(`CHROMIUM_PATH='${explicit}' is not an executable.`);
  }
  const system = CANDIDATES.find(executable);
  if (system) return system;
  try {
    execFileSync(process.execPath, ['node_modules/playwright-core/cli.js', 'install', 'chromium'], {
      stdio: 'inherit',
    });
    const downloaded = chromium.executablePath();
    if (executable(downloaded)) return downloaded;
  } catch {
    // fall through to the explanation
  }
  throw new Error('No Chromium found: install one (Debian: apt-get install chromium) or set CHROMIUM_PATH.');
}

/** Flags that keep Chromium quiet and self-contained on closed networks and in containers. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(profileDir: string, lang = 'vi-VN'): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: findChromium(),
    args: CHROMIUM_ARGS,
    headless: true,
    locale: lang,
    viewport: { width: 1366, height: 900 },
  });
}
