import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, SKIP_NOTE, startBrowserApp, type BrowserApp } from './support/browser-app.ts';

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
// WCAG 2.1 reflow (1.4.10): usable at 320 CSS px without scrolling the page sideways.
const NARROW = { width: 320, height: 800 };

/** axe's findings as readable lines: rule, impact and the offending elements. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  return result.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}

/** Each view as a caseworker reaches it, and what to wait for before checking it. */
const VIEWS: { name: string; url: string; ready: string; act?: (page: Page) => Promise<void> }[] = [
  { name: 'start', url: '/', ready: '.start-hint' },
  {
    name: 'search-results',
    url: '/?tg=jobparat&ids=T1',
    ready: 'table.results',
    act: (page) => page.getByText('Flere filtre').click(),
  },
  { name: 'search-industry', url: '/?entry=industry&industry=transport&sort=price', ready: 'table.results' },
  { name: 'compare', url: '/?view=compare&ids=T1,T2,T4', ready: 'table.comparison' },
  {
    name: 'offer-profile',
    url: '/?view=offer&offer=T1',
    ready: 'svg.trend-chart',
    act: (page) => page.getByText('Tallene bag grafen').click(),
  },
  { name: 'english-search', url: '/?lang=en&tg=aktivitetsparat', ready: 'table.results' },
  { name: 'english-profile', url: '/?lang=en&view=offer&offer=T2', ready: 'table.measures' },
];

describe.skipIf(!browserAvailable())(`WCAG 2.1 AA, checked by axe-core${SKIP_NOTE}`, () => {
  let b: BrowserApp;
  beforeAll(async () => {
    b = await startBrowserApp();
  });
  afterAll(() => b?.close());

  for (const view of VIEWS) {
    it(`has no violations on ${view.name}, at desktop width and on a narrow screen`, async () => {
      for (const viewport of [undefined, NARROW]) {
        const page = await b.newPage(viewport);
        await page.goto(view.url);
        await page.locator(view.ready).first().waitFor();
        await view.act?.(page);
        expect(await violations(page), `${view.name} at ${viewport ? 'narrow' : 'desktop'} width`).toEqual(
          [],
        );
        if (viewport) {
          // Nothing but the tables' own scroll regions may scroll sideways on a phone.
          const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
          expect(overflow, `${view.name} scrolls sideways`).toBeLessThanOrEqual(0);
        }
        await b.screenshot(page, `${view.name}${viewport ? '-narrow' : ''}`);
        await page.close();
      }
    });
  }

  it('has no violations in the error state', async () => {
    const page = await b.newPage();
    await page.route('**/v1/offers?*', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'https://evg.kk.dk/problems/unavailable',
          title: 'Tjenesten er ikke klar',
          status: 503,
          detail: 'Prøv igen om lidt.',
        }),
      }),
    );
    await page.goto('/?tg=jobparat');
    await page.getByRole('alert').waitFor();
    expect(await violations(page)).toEqual([]);
  });
});
