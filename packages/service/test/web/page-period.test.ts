import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, SKIP_NOTE, startBrowserApp, type BrowserApp } from './support/browser-app.ts';

// Fixture: T1 Rengøring og service has 10 jobparat enrollments ending in 2024H2 (7 successes)
// and 10 in 2025H1 (5 successes); T2's enrollments all end in 2025H1.
describe.skipIf(!browserAvailable())(`choosing a period${SKIP_NOTE}`, () => {
  let b: BrowserApp;
  beforeAll(async () => {
    b = await startBrowserApp();
  });
  afterAll(() => b?.close());

  it('offers the half-years of the data and all time, asks the API for the chosen one and keeps it in the URL', async () => {
    const page = await b.newPage();
    const searches: URLSearchParams[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/v1/offers') searches.push(url.searchParams);
    });
    await page.goto('/?tg=jobparat');
    await page.locator('table.results').waitFor();
    const period = page.getByLabel('Periode', { exact: true });
    const options = await period.locator('option').allTextContents();
    expect(options.map((option) => option.trim())).toEqual([
      'Hele perioden',
      '1. halvår 2025',
      '2. halvår 2024',
    ]);
    expect(searches.at(-1)?.has('period')).toBe(false);

    await period.selectOption('2024H2');
    await page.getByRole('button', { name: 'Søg', exact: true }).click();
    await page.waitForURL(/period=2024H2/);
    await page.locator('table.results').waitFor();
    await expect.poll(() => searches.at(-1)?.get('period')).toBe('2024H2');
    const t1 = page.locator('table.results tbody tr', {
      has: page.getByRole('link', { name: 'Rengøring og service' }),
    });
    await expect(t1.locator('.n').first().textContent()).resolves.toBe('n = 10');

    // A shared link opens with the period chosen.
    const shared = await b.newPage();
    await shared.goto('/?tg=jobparat&period=2024H2');
    await expect(shared.getByLabel('Periode', { exact: true }).inputValue()).resolves.toBe('2024H2');
  });
});
