import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, SKIP_NOTE, startBrowserApp, type BrowserApp } from './support/browser-app.ts';

/** The focused element as `id` (or tag and text when it has none). */
const focused = (page: Page): Promise<string> =>
  page.evaluate(
    '(() => { const e = document.activeElement; return e ? (e.id || `${e.tagName.toLowerCase()}:${(e.textContent || "").trim()}`) : ""; })()',
  );

/** Whether the focused element shows a focus indicator (an outline that is not 'none'). */
const focusVisible = (page: Page): Promise<boolean> =>
  page.evaluate('getComputedStyle(document.activeElement).outlineStyle !== "none"');

/** Presses Tab until `target` has focus; fails when it is not reached in a sensible number of steps. */
async function tabTo(page: Page, target: string, maxSteps = 40): Promise<string[]> {
  const path: string[] = [];
  for (let step = 0; step < maxSteps; step++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    path.push(now);
    if (now === target) {
      expect(await focusVisible(page), `focus indicator on ${target}`).toBe(true);
      return path;
    }
  }
  throw new Error(`Tab never reached ${target}; went through ${path.join(' → ')}`);
}

describe.skipIf(!browserAvailable())(`keyboard-only use${SKIP_NOTE}`, () => {
  let b: BrowserApp;
  beforeAll(async () => {
    b = await startBrowserApp();
  });
  afterAll(() => b?.close());

  it('starts with a skip link to the content', async () => {
    const page = await b.newPage();
    await page.goto('/');
    await page.locator('#search-form').waitFor();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('skip-link');
    expect(await focusVisible(page)).toBe(true);
    await expect(page.locator('#skip-link').isVisible()).resolves.toBe(true);
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('main');
    // From the content, the next stop is the first field of the search, not the header.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('entry-targetGroup');
  });

  it('goes from a target group to a comparison with the keyboard alone', async () => {
    const page = await b.newPage();
    await page.goto('/');
    await page.locator('#search-form').waitFor();
    const path = await tabTo(page, 'f-targetGroup');
    // Tab order follows the page: skip link, language switch, entry point, then its list.
    expect(path).toEqual(['skip-link', 'lang-switch', 'entry-targetGroup', 'f-targetGroup']);
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('#f-targetGroup').inputValue()).resolves.not.toBe('');
    await page.locator('#f-targetGroup').selectOption('jobparat'); // the list's first entry may differ
    await tabTo(page, 'button:Søg');
    await page.keyboard.press('Enter');
    await page.locator('table.results').waitFor();

    await tabTo(page, 'pick-T1');
    await page.keyboard.press('Space');
    await tabTo(page, 'pick-T2');
    await page.keyboard.press('Space');
    expect(new URL(page.url()).searchParams.get('ids')).toBe('T1,T2');
    // The compare link appears above the table, so go back to it.
    for (let step = 0; step < 40 && (await focused(page)) !== 'compare-link'; step++)
      await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('compare-link');
    await page.keyboard.press('Enter');
    await page.locator('table.comparison').waitFor();
    expect(await focused(page)).toBe('view-title');
    await expect(page.locator('#view-title').textContent()).resolves.toBe('Sammenligning');
  });

  it('switches the entry point with the arrow keys without losing focus', async () => {
    const page = await b.newPage();
    await page.goto('/');
    await page.locator('#search-form').waitFor();
    await tabTo(page, 'entry-targetGroup');
    await page.keyboard.press('ArrowRight');
    await page.getByRole('combobox', { name: 'Branche' }).waitFor();
    expect(await focused(page)).toBe('entry-industry');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('f-industry');
  });

  it('retries a failed search from the keyboard and lands on the answer', async () => {
    const page = await b.newPage();
    await page.route('**/v1/offers?*', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: '{"title":"Tjenesten er ikke klar","detail":"Prøv igen."}',
      }),
    );
    await page.goto('/?tg=jobparat');
    await page.getByRole('alert').waitFor();
    await page.unroute('**/v1/offers?*');
    await tabTo(page, 'retry-results');
    await page.keyboard.press('Enter');
    await page.locator('table.results').waitFor();
    expect(await focused(page)).toBe('result-count');
  });
});
