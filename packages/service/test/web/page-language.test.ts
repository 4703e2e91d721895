import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, SKIP_NOTE, startBrowserApp, type BrowserApp } from './support/browser-app.ts';

describe.skipIf(!browserAvailable())(`Danish first, English on request${SKIP_NOTE}`, () => {
  let b: BrowserApp;
  beforeAll(async () => {
    b = await startBrowserApp();
  });
  afterAll(() => b?.close());

  it('switches the whole page and its lang attribute, keeps the search, and remembers it in the URL', async () => {
    const page = await b.newPage();
    await page.goto('/?tg=jobparat&sort=name');
    await page.locator('table.results').waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('da');
    const switcher = page.getByRole('button', { name: 'Switch to English' });
    await expect(switcher.getAttribute('lang')).resolves.toBe('en');

    await switcher.click();
    await page.getByRole('heading', { name: 'Search and filter' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.title()).resolves.toBe('Electronic Referral Guide (EVG)');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    expect(new URL(page.url()).searchParams.get('tg')).toBe('jobparat');
    await page.locator('table.results').waitFor();
    await expect(page.locator('#result-count').textContent()).resolves.toBe('3 offers found');
    const headers = (await page.locator('table.results thead th').allTextContents()).map((h) =>
      h.replace(/\s+/g, ' ').trim(),
    );
    expect(headers).toContain('3-month effect measured / adjusted');
    expect(headers).toContain('Closer to a job');
    await expect(page.locator('.suppressed').first().getAttribute('title')).resolves.toBe(
      'fewer than 5 citizens',
    );
    // Focus stays on the switch, so a keyboard user can switch back at once.
    await expect(page.locator(':focus').getAttribute('id')).resolves.toBe('lang-switch');
    await b.screenshot(page, 'search-english');

    await page.getByRole('button', { name: 'Skift til dansk' }).click();
    await page.getByRole('heading', { name: 'Søg og filtrér' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('da');
    expect(new URL(page.url()).searchParams.get('lang')).toBeNull();
  });

  it('opens an English link in English, on every view', async () => {
    const page = await b.newPage();
    await page.goto('/?lang=en&view=compare&ids=T1,T2');
    await page.locator('table.comparison').waitFor();
    await expect(page.getByRole('heading', { level: 2, name: 'Comparison' }).isVisible()).resolves.toBe(true);
    await expect(page.locator('table.comparison').textContent()).resolves.toContain('no clear difference');
    await page.goto('/?lang=en&view=offer&offer=T1');
    await page.getByRole('heading', { name: 'About the offer' }).waitFor();
    await expect(page.locator('.smiley strong').textContent()).resolves.toBe('Happy smiley');
  });
});
