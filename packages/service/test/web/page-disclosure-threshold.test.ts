import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, SKIP_NOTE, startBrowserApp, type BrowserApp } from './support/browser-app.ts';

// At EVG_MIN_CELL_SIZE=7, T2's 6 jobparat enrollments are suppressed too.
describe.skipIf(!browserAvailable())(
  `explaining a hidden figure with the API's threshold${SKIP_NOTE}`,
  () => {
    let b: BrowserApp;
    beforeAll(async () => {
      b = await startBrowserApp({ EVG_MIN_CELL_SIZE: '7' });
    });
    afterAll(() => b?.close());

    it('says "fewer than 7" when the service suppresses below 7', async () => {
      const page = await b.newPage();
      await page.goto('/?tg=jobparat');
      await page.locator('table.results').waitFor();
      const hidden = page.locator('table.results .suppressed').first();
      await expect(hidden.getAttribute('title')).resolves.toBe('færre end 7 borgere');
      const texts = await page.locator('.suppressed .why').allTextContents();
      expect(texts.length).toBeGreaterThan(0);
      expect(texts.every((text) => text === 'færre end 7 borgere')).toBe(true);
      await expect(page.locator('#results-disclosure .footnote').textContent()).resolves.toContain(
        'figurer for færre end 7 borgere vises ikke',
      );
    });
  },
);
