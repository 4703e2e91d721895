import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, SKIP_NOTE, startBrowserApp, type BrowserApp } from './support/browser-app.ts';

// WCAG 2.1 AA and axe's best practices (landmark-unique, region, heading order, …).
const RULE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
// WCAG 2.1 reflow (1.4.10): usable at 320 CSS px without scrolling the page sideways.
const NARROW = { width: 320, height: 800 };

/** axe's findings as readable lines: rule, impact and the offending elements. */
async function violations(page: Page): Promise<string[]> {
  // Only violations are read: axe then skips collecting every passing node (a large share of its
  // time on the results table).
  const result = await new AxeBuilder({ page })
    .withTags(RULE_TAGS)
    .options({ resultTypes: ['violations'] })
    .analyze();
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
  {
    name: 'search-columns',
    url: '/?tg=jobparat&cols=effect3m,status1m&sort=closerShare',
    ready: 'table.results',
    act: (page) => page.locator('#column-chooser summary').click(),
  },
  { name: 'compare', url: '/?view=compare&ids=T1,T2,T4', ready: 'table.comparison' },
  { name: 'compare-scoped', url: '/?view=compare&tg=jobparat&ids=T1,T2', ready: 'table.comparison' },
  { name: 'offer-profile-scoped', url: '/?view=offer&offer=T2&tg=jobparat', ready: '#group-measures' },
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

  // One test per view and width: each gets the whole test timeout, and a failure names both.
  for (const view of VIEWS) {
    for (const viewport of [LAPTOP, PHONE, NARROW]) {
      const width = `${view.name} at ${viewport.width} px`;
      // axe at the two widths people use; 320 px is the reflow check only (axe is slow).
      const checks = viewport === NARROW ? 'reflows' : 'has no violations and reflows';
      it(`${checks} on ${width}`, async () => {
        const page = await b.newPage(viewport);
        await page.goto(view.url);
        await page.locator(view.ready).first().waitFor();
        await view.act?.(page);
        if (viewport !== NARROW) expect(await violations(page), width).toEqual([]);
        // Nothing may scroll the page sideways, at any width.
        const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
        expect(overflow, `${width} scrolls sideways`).toBeLessThanOrEqual(0);
        if (viewport !== NARROW) await b.screenshot(page, `${view.name}-${viewport.width}`);
        await page.close();
      });
    }
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
