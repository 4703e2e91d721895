import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Route } from 'playwright-core';
import { browserAvailable, SKIP_NOTE, startBrowserApp, type BrowserApp } from './support/browser-app.ts';

const unavailable = (route: Route) =>
  route.fulfill({
    status: 503,
    contentType: 'application/problem+json',
    body: JSON.stringify({
      type: 'https://evg.kk.dk/problems/unavailable',
      title: 'Tjenesten er ikke klar',
      status: 503,
      detail: 'Effekttabellerne genberegnes. Prøv igen om lidt.',
    }),
  });

describe.skipIf(!browserAvailable())(`loading and error states${SKIP_NOTE}`, () => {
  let b: BrowserApp;
  beforeAll(async () => {
    b = await startBrowserApp();
  });
  afterAll(() => b?.close());

  it('says what went wrong and retries on request', async () => {
    const page = await b.newPage();
    await page.route('**/v1/offers?*', unavailable);
    await page.goto('/?tg=jobparat');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect((await alert.locator('.error-title').textContent())?.replace(/\s+/g, ' ').trim()).toBe(
      'Tjenesten er ikke klar (Fejlkode 503)',
    );
    await expect(alert.locator('.error-detail').textContent()).resolves.toBe(
      'Effekttabellerne genberegnes. Prøv igen om lidt.',
    );
    await b.screenshot(page, 'error');

    await page.unroute('**/v1/offers?*');
    await alert.getByRole('button', { name: 'Prøv igen' }).click();
    await page.locator('table.results').waitFor();
    await expect(page.getByRole('alert').count()).resolves.toBe(0);
  });

  it('in English, titles the problem in English and marks the API’s detail as Danish', async () => {
    const page = await b.newPage();
    await page.route('**/v1/offers?*', unavailable);
    await page.goto('/?lang=en&tg=jobparat');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect((await alert.locator('.error-title').textContent())?.replace(/\s+/g, ' ').trim()).toBe(
      'The service is not ready (Error code 503)',
    );
    const detail = alert.locator('.error-detail');
    await expect(detail.textContent()).resolves.toBe('Effekttabellerne genberegnes. Prøv igen om lidt.');
    await expect(detail.getAttribute('lang')).resolves.toBe('da');
  });

  it('tells the caseworker when the service cannot be reached', async () => {
    const page = await b.newPage();
    await page.route('**/v1/compare?*', (route) => route.abort('connectionrefused'));
    await page.goto('/?view=compare&ids=T1,T2');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.locator('.error-detail').textContent()).resolves.toBe(
      'Tjenesten svarer ikke. Tjek forbindelsen, og prøv igen.',
    );
    await page.unroute('**/v1/compare?*');
    await alert.getByRole('button', { name: 'Prøv igen' }).click();
    await page.locator('table.comparison').waitFor();
  });

  it('recovers when the code lists fail on the first load', async () => {
    const page = await b.newPage();
    await page.route('**/v1/industries', unavailable);
    await page.goto('/');
    await page.getByRole('alert').waitFor();
    await page.unroute('**/v1/industries');
    await page.getByRole('button', { name: 'Prøv igen' }).click();
    await page.locator('#search-form').waitFor();
  });

  it('shows that it is loading while an answer is on its way', async () => {
    const page = await b.newPage();
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/v1/offers/T1', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('/?view=offer&offer=T1');
    const loading = page.getByRole('status').filter({ hasText: 'Henter data …' });
    await loading.waitFor();
    await expect(page.locator('#offer-body').getAttribute('aria-busy')).resolves.toBe('true');
    release();
    await page.getByRole('heading', { level: 2, name: 'Rengøring og service' }).waitFor();
    await expect(page.locator('#offer-body').getAttribute('aria-busy')).resolves.toBe('false');
    await expect(loading.count()).resolves.toBe(0);
  });
});
