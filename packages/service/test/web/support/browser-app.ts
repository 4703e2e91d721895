/**
 * The web client in a real browser: the EVG app on its own test database with the API
 * fixture, listening on a free loopback port, and Debian's Chromium driven by playwright-core.
 * Without /usr/bin/chromium the browser tests are skipped locally (with the reason in the test
 * name) and fail in CI, where `.ci/run` installs it.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../../app/test-app.ts';

export const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Screenshots of the main views land here (gitignored), for people to look at. */
export const SCREENSHOT_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../../../test-results/screenshots',
);

/**
 * Whether the browser tests can run here. In CI a missing browser is an error, not a skip.
 *
 * @example
 *   describe.skipIf(!browserAvailable())(`search${SKIP_NOTE}`, () => { ... });
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI) throw new Error(`${CHROMIUM_PATH} is missing; CI must install chromium (see .ci/run).`);
  return false;
}

/** Appended to a suite's name so a skipped run says why. */
export const SKIP_NOTE = existsSync(CHROMIUM_PATH)
  ? ''
  : ` (skipped: ${CHROMIUM_PATH} not found; install Debian's chromium to run the browser tests)`;

export interface BrowserApp {
  baseUrl: string;
  testApp: TestApp;
  browser: Browser;
  /** A fresh page in its own context; desktop width unless a viewport is given. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  /** Saves a full-page screenshot as test-results/screenshots/<name>.png. */
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts the app on the fixture database (with `env` as extra configuration) and launches Chromium.
 *
 * @example
 *   let b: BrowserApp;
 *   beforeAll(async () => { b = await startBrowserApp(); });
 *   afterAll(() => b.close());
 */
export async function startBrowserApp(env: Record<string, string> = {}): Promise<BrowserApp> {
  const testApp = await createTestApp(env);
  await testApp.app.listen({ host: '127.0.0.1', port: 0 });
  const address = testApp.app.server.address();
  if (address === null || typeof address === 'string')
    throw new Error('the app did not listen on a TCP port');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const contexts: BrowserContext[] = [];
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  return {
    baseUrl,
    testApp,
    browser,
    async newPage(viewport = { width: 1366, height: 900 }) {
      const context = await browser.newContext({ viewport, baseURL: baseUrl, locale: 'da-DK' });
      contexts.push(context);
      const page = await context.newPage();
      // Generous: several engineers' test runs share two cores.
      page.setDefaultTimeout(20_000);
      return page;
    },
    async screenshot(page, name) {
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      for (const context of contexts) await context.close();
      await browser.close();
      await testApp.close();
    },
  };
}

/**
 * Every request the page made to the service, to check it only calls documented endpoints.
 *
 * @example
 *   const seen = recordApiCalls(page); ...; expect(seen.every(isDocumented)).toBe(true);
 */
export function recordApiCalls(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/v1/')) seen.push(`${request.method()} ${url.pathname}`);
  });
  return seen;
}
