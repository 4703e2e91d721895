import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, SKIP_NOTE, startBrowserApp, type BrowserApp } from './support/browser-app.ts';

/**
 * The browser globals the functions run inside the page use; the tests compile without the DOM
 * library, and the casts vanish when the functions are sent to the browser.
 */
interface PageGlobals {
  innerWidth: number;
  document: {
    documentElement: { scrollWidth: number };
    querySelector(selector: string): PageElement | null;
  };
  getComputedStyle(element: unknown, pseudo: string): { content: string };
}
interface PageElement {
  getBoundingClientRect(): { left: number; right: number; width: number };
  closest(selector: string): { clientWidth: number } | null;
  parentElement: { clientWidth: number } | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
}

const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

/** How far the page scrolls sideways (0 when it fits). */
const pageOverflow = (page: Page) =>
  page.evaluate(() => {
    const w = globalThis as unknown as PageGlobals;
    return w.document.documentElement.scrollWidth - w.innerWidth;
  });

/** How far a table is wider than the box it scrolls in (0 when it fits). */
const tableOverflow = (page: Page, selector: string) =>
  page.locator(selector).evaluate((table) => {
    const box = table.closest('.table-scroll') ?? table.parentElement;
    return table.getBoundingClientRect().width - (box?.clientWidth ?? 0);
  });

/** Whether every element matched lies within the viewport's width. */
async function allWithinWidth(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluateAll((elements) =>
    elements.every((element) => {
      const rect = element.getBoundingClientRect();
      return rect.left >= 0 && rect.right <= (globalThis as unknown as PageGlobals).innerWidth + 0.5;
    }),
  );
}

// The fixture (see page-search.test.ts): jobparat has T1, T2 and T4; T4's figures are suppressed.
describe.skipIf(!browserAvailable())(`the page on a laptop and on a phone${SKIP_NOTE}`, () => {
  let b: BrowserApp;
  beforeAll(async () => {
    b = await startBrowserApp();
  });
  afterAll(() => b?.close());

  it('shows the results at 1366 px without sideways scrolling, with every column chosen too', async () => {
    const page = await b.newPage(LAPTOP);
    await page.goto('/?tg=jobparat');
    await page.locator('table.results').waitFor();
    expect(await tableOverflow(page, 'table.results')).toBeLessThanOrEqual(0);
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    await b.screenshot(page, 'layout-results-1366');

    await page.goto(
      '/?tg=jobparat&cols=effect3m,effect7m,status1m,status3m,satisfiedShare,closerShare,companyShare,adjusted',
    );
    await page.locator('table.results').waitFor();
    const headers = await page.locator('table.results thead th[data-measure]').count();
    expect(headers).toBe(7);
    expect(await tableOverflow(page, 'table.results')).toBeLessThanOrEqual(0);
    await b.screenshot(page, 'layout-results-1366-all-columns');
  });

  it('lets the caseworker choose the columns, keeps the choice in the URL, and shows the sorted one', async () => {
    const page = await b.newPage(LAPTOP);
    await page.goto('/?tg=jobparat');
    await page.locator('table.results').waitFor();
    const measureHeaders = () =>
      page
        .locator('table.results thead th[data-measure]')
        .evaluateAll((ths) => ths.map((th) => th.getAttribute('data-measure')));
    expect(await measureHeaders()).toEqual([
      'effect3m',
      'effect7m',
      'satisfiedShare',
      'closerShare',
      'companyShare',
    ]);
    // The adjusted rates sit under the measured ones by default.
    await expect(page.locator('table.results .adjusted-line').count()).resolves.toBeGreaterThan(0);

    await page.locator('#column-chooser summary').click();
    await page.getByRole('checkbox', { name: 'Tættere på job' }).uncheck();
    await page.getByRole('checkbox', { name: '3 mdr. status' }).check();
    await page.getByRole('checkbox', { name: 'Justerede effekter (under de målte)' }).uncheck();
    await expect
      .poll(measureHeaders)
      .toEqual(['effect3m', 'effect7m', 'status3m', 'satisfiedShare', 'companyShare']);
    await expect(page.locator('table.results .adjusted-line').count()).resolves.toBe(0);
    expect(new URL(page.url()).searchParams.get('cols')).toBe(
      'effect3m,effect7m,status3m,satisfiedShare,companyShare',
    );
    // The chooser stays open and the focus on the box just ticked, for the next choice.
    await expect(page.locator('#column-chooser').getAttribute('open')).resolves.not.toBeNull();
    await expect(page.locator(':focus').getAttribute('id')).resolves.toBe('col-adjusted');
    await expect(page.locator('#column-summary').textContent()).resolves.toContain('5 af 7 mål vist');

    // A shared link opens with the same columns; the search keeps them.
    await page.reload();
    await page.locator('table.results').waitFor();
    expect(await measureHeaders()).toEqual([
      'effect3m',
      'effect7m',
      'status3m',
      'satisfiedShare',
      'companyShare',
    ]);
    const answered = page.waitForResponse((response) => new URL(response.url()).pathname === '/v1/offers');
    await page.getByLabel('Sortér efter').selectOption('closerShare');
    await page.getByRole('button', { name: 'Søg' }).click();
    await answered;
    // Sorted by a measure not chosen: it is shown anyway, and the chooser says why.
    await expect.poll(measureHeaders).toContain('closerShare');
    expect(new URL(page.url()).searchParams.get('cols')).toBe(
      'effect3m,effect7m,status3m,satisfiedShare,companyShare',
    );
    await page.locator('#column-chooser summary').click();
    await expect(page.locator('#column-chooser .hint').textContent()).resolves.toBe(
      'Tættere på job vises altid, når der sorteres efter den.',
    );
  });

  it('shows the results as cards on a 390 px phone, every figure named and on screen', async () => {
    const page = await b.newPage(PHONE);
    await page.goto('/?tg=jobparat&ids=T1');
    await page.locator('table.results').waitFor();
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    expect(await tableOverflow(page, 'table.results')).toBeLessThanOrEqual(0);
    expect(await allWithinWidth(page, 'table.results tbody td, table.results tbody th')).toBe(true);
    const card = page.locator('table.results tbody tr', { hasText: 'Rengøring og service' });
    // Each figure carries its measure's name, since the header row is not above it any more.
    const label = await card
      .locator('td[data-measure="effect3m"]')
      .evaluate((td) => (globalThis as unknown as PageGlobals).getComputedStyle(td, '::before').content);
    expect(label).toBe('"3 mdr. effekt"');
    await expect(card.locator('.provider').isVisible()).resolves.toBe(true);
    await expect(card.locator('td[data-measure="companyShare"] .value').isVisible()).resolves.toBe(true);
    await expect(card.getByRole('checkbox').isVisible()).resolves.toBe(true);
    await b.screenshot(page, 'layout-results-390');
  });

  it('shows every offer of a comparison on a 390 px phone, measure by measure', async () => {
    const page = await b.newPage(PHONE);
    await page.goto('/?view=compare&ids=T1,T2,T4');
    await page.locator('table.comparison').waitFor();
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    expect(await allWithinWidth(page, 'table.comparison td, table.comparison th')).toBe(true);
    const effect = page.locator('table.comparison tbody tr', {
      has: page.getByRole('rowheader', { name: '3 mdr. effekt', exact: true }),
    });
    const labels = await effect
      .locator('td')
      .evaluateAll((tds) =>
        tds.map((td) => (globalThis as unknown as PageGlobals).getComputedStyle(td, '::before').content),
      );
    expect(labels).toEqual(['"Rengøring og service"', '"Lager og truckcertifikat"', '"IT-opkvalificering"']);
    for (const cell of await effect.locator('td').all()) await expect(cell.isVisible()).resolves.toBe(true);
    // The offers stay listed, as links to their profiles.
    await expect(page.locator('table.comparison thead a').count()).resolves.toBe(3);
    await b.screenshot(page, 'layout-compare-390');
  });

  it('fits the profile and its trend chart on a 390 px phone', async () => {
    const page = await b.newPage(PHONE);
    await page.goto('/?view=offer&offer=T1');
    await page.locator('svg.trend-chart').waitFor();
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    const chart = page.locator('svg.trend-chart');
    await expect(chart.getAttribute('class')).resolves.toContain('narrow');
    const box = await chart.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    // Drawn at about its real size, so its 12px text is not shrunk to unreadable.
    const viewBoxWidth = Number((await chart.getAttribute('viewBox'))?.split(' ')[2]);
    expect(box!.width / viewBoxWidth).toBeGreaterThan(0.85);
    expect(await allWithinWidth(page, 'table.measures td, table.measures th')).toBe(true);
    await b.screenshot(page, 'layout-profile-390');
  });

  it('draws the wide chart again when a laptop window is widened past phone width', async () => {
    const page = await b.newPage(PHONE);
    await page.goto('/?view=offer&offer=T1');
    await page.locator('svg.trend-chart.narrow').waitFor();
    await page.setViewportSize(LAPTOP);
    await page.locator('svg.trend-chart:not(.narrow)').waitFor();
    await b.screenshot(page, 'layout-profile-1366');
  });
});
