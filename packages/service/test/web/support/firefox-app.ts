/**
 * The web client in Firefox: the EVG app on its own test database with the API fixture, and
 * Debian's firefox-esr driven over WebDriver BiDi by puppeteer-core. Without
 * /usr/bin/firefox-esr the Firefox tests are skipped locally (the reason in the suite's name)
 * and fail in CI, where `.ci/run` installs it.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { createTestApp, type TestApp } from '../../app/test-app.ts';
import { SCREENSHOT_DIR } from './browser-app.ts';

export const FIREFOX_PATH = '/usr/bin/firefox-esr';

/** axe-core's browser bundle, injected into the page to check it inside Firefox. */
export const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * Whether the Firefox tests can run here. In CI a missing browser is an error, not a skip.
 *
 * @example
 *   describe.skipIf(!firefoxAvailable())(`in Firefox${FIREFOX_SKIP_NOTE}`, () => { ... });
 */
export function firefoxAvailable(): boolean {
  if (existsSync(FIREFOX_PATH)) return true;
  if (process.env.CI)
    throw new Error(`${FIREFOX_PATH} is missing; CI must install firefox-esr (see .ci/run).`);
  return false;
}

/** Appended to a suite's name so a skipped run says why. */
export const FIREFOX_SKIP_NOTE = existsSync(FIREFOX_PATH)
  ? ''
  : ` (skipped: ${FIREFOX_PATH} not found; install Debian's firefox-esr to run the Firefox tests)`;

export interface FirefoxApp {
  baseUrl: string;
  testApp: TestApp;
  browser: Browser;
  /** A fresh page at the given viewport. */
  newPage(viewport: { width: number; height: number }): Promise<Page>;
  /** Saves a full-page screenshot as test-results/screenshots/firefox-<name>.png. */
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts the app on the fixture database and launches firefox-esr headless.
 *
 * @example
 *   let f: FirefoxApp;
 *   beforeAll(async () => { f = await startFirefoxApp(); });
 *   afterAll(() => f?.close());
 */
export async function startFirefoxApp(): Promise<FirefoxApp> {
  const testApp = await createTestApp();
  await testApp.app.listen({ host: '127.0.0.1', port: 0 });
  const address = testApp.app.server.address();
  if (address === null || typeof address === 'string')
    throw new Error('the app did not listen on a TCP port');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    // Quiet and offline: no update checks or telemetry from the test browser.
    extraPrefsFirefox: {
      'app.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'intl.accept_languages': 'da-DK, da',
    },
  });
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  return {
    baseUrl,
    testApp,
    browser,
    async newPage(viewport) {
      const page = await browser.newPage();
      // Generous: several engineers' test runs share two cores.
      page.setDefaultTimeout(30_000);
      await page.setViewport(viewport);
      return page;
    },
    async screenshot(page, name) {
      const path = join(SCREENSHOT_DIR, `firefox-${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await browser.close();
      await testApp.close();
    },
  };
}
