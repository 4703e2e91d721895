import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { dataCutOff } from '../../src/web/static/model.js';
import { browserAvailable, SKIP_NOTE, startBrowserApp, type BrowserApp } from './support/browser-app.ts';

/** Adds `asOf` to every JSON answer of the API, as the service's answers are to carry it. */
async function withCutOff(page: Page, asOf: string): Promise<void> {
  await page.route('**/v1/**', async (route) => {
    const response = await route.fetch();
    const body: unknown = await response.json();
    const json = Array.isArray(body) ? body : { ...(body as object), asOf };
    await route.fulfill({ response, json });
  });
}

const VIEWS = [
  { url: '/?tg=jobparat', note: '#results-disclosure' },
  { url: '/?view=compare&ids=T1,T2', note: '#compare-disclosure' },
  { url: '/?view=offer&offer=T1', note: '#offer-disclosure' },
];

describe.skipIf(!browserAvailable())(`the data's cut-off date under the figures${SKIP_NOTE}`, () => {
  let b: BrowserApp;
  beforeAll(async () => {
    b = await startBrowserApp();
  });
  afterAll(() => b?.close());

  it('says "Data til og med 31. oktober 2026" under results, comparison and profile', async () => {
    const page = await b.newPage();
    await withCutOff(page, '2026-10-31');
    for (const view of VIEWS) {
      await page.goto(view.url);
      const note = page.locator(view.note);
      await note.waitFor();
      await expect(note.locator('.cut-off').textContent()).resolves.toBe('Data til og med 31. oktober 2026');
      await expect(note.locator('.footnote').textContent()).resolves.toBe(
        'Tallene er let ændret (højst ±2 pr. antal) for at beskytte borgerne; figurer for færre end 5 borgere vises ikke.',
      );
    }
    await page.goto('/?lang=en&view=offer&offer=T1');
    await page.locator('#offer-disclosure').waitFor();
    await expect(page.locator('#offer-disclosure .cut-off').textContent()).resolves.toBe(
      'Data up to and including 31 October 2026',
    );
  });

  it('shows the cut-off line exactly when the service states the date', async () => {
    const page = await b.newPage();
    const answer: unknown = await (await page.request.get('/v1/offers?targetGroup=jobparat')).json();
    await page.goto('/?tg=jobparat');
    await page.locator('#results-disclosure').waitFor();
    await expect(page.locator('#results-disclosure .cut-off').count()).resolves.toBe(
      dataCutOff(answer) === null ? 0 : 1,
    );
  });
});

describe('reading the cut-off date from an answer', () => {
  it('takes a top-level asOf, or one inside the data version', () => {
    expect(dataCutOff({ asOf: '2026-10-31', dataVersion: 3 })).toBe('2026-10-31');
    expect(dataCutOff({ dataVersion: { id: 3, asOf: '2026-10-31' } })).toBe('2026-10-31');
    expect(dataCutOff({ asOf: '2026-10-31T00:00:00.000Z' })).toBe('2026-10-31');
  });

  it('gives null when there is no usable date', () => {
    expect(dataCutOff({ dataVersion: 3 })).toBeNull();
    expect(dataCutOff({ asOf: 'yesterday' })).toBeNull();
    expect(dataCutOff(null)).toBeNull();
  });
});
