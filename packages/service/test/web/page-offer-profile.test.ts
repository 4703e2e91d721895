import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, SKIP_NOTE, startBrowserApp, type BrowserApp } from './support/browser-app.ts';

// Fixture T1 Rengøring og service: Jobhuset ApS, jobpakke, 10.000 kr., 30 h/week, 8 weeks,
// accessible; supervisions neutral (2024-05-01) then happy (2025-05-01, "Fint forløb"); 20
// jobparat enrollments, 10 ending in 2024H2 and 10 in 2025H1; 5 complaints. T2 has 1 complaint.
describe.skipIf(!browserAvailable())(`an offer's profile${SKIP_NOTE}`, () => {
  let b: BrowserApp;
  beforeAll(async () => {
    b = await startBrowserApp();
  });
  afterAll(() => b?.close());

  it('opens from the results and shows what the offer is, its supervision and its effects', async () => {
    const page = await b.newPage();
    await page.goto('/?tg=jobparat');
    await page.getByRole('link', { name: 'Rengøring og service' }).click();
    const title = page.getByRole('heading', { level: 2, name: 'Rengøring og service' });
    await title.waitFor();
    // Focus moves to the new view's heading, so a screen reader starts reading there.
    await expect(page.locator(':focus').getAttribute('id')).resolves.toBe('view-title');
    expect(new URL(page.url()).searchParams.get('view')).toBe('offer');
    expect(new URL(page.url()).searchParams.get('offer')).toBe('T1');

    await expect(
      page.getByText('Kursus i professionel rengøring med praktik i virksomheder.').isVisible(),
    ).resolves.toBe(true);
    const fact = async (term: string) =>
      (
        await page
          .locator('.facts div', { has: page.locator('dt').getByText(term, { exact: true }) })
          .locator('dd')
          .textContent()
      )?.trim();
    expect(await fact('Leverandør')).toBe('Jobhuset ApS');
    expect(await fact('Timer pr. uge')).toBe('30');
    expect(await fact('Varighed')).toBe('8 uger');
    expect(await fact('Handicapvenlig adgang')).toBe('Ja');
    expect((await fact('Pris for hele forløbet'))?.replace(/\s/g, ' ')).toBe('10.000 kr.');

    // The smiley is told in words, not by a face or a colour alone.
    const smiley = page.locator('.smiley');
    await expect(smiley.getAttribute('data-smiley')).resolves.toBe('happy');
    await expect(smiley.locator('strong').textContent()).resolves.toBe('Glad smiley');
    await expect(smiley.textContent()).resolves.toContain('besøgt 1. maj 2025');
    // 5 complaints over 20 started exactly; published counts are within 2 of those.
    expect((await page.locator('#complaints').textContent())?.trim()).toMatch(
      /^[3-7] klager \(\d+(,\d)? pr\. 100 forløb\)$/,
    );

    const measureRow = page.locator('table.measures tbody tr', {
      has: page.getByRole('rowheader', { name: '3 mdr. effekt' }),
    });
    await expect(measureRow.locator('td').first().locator('.n').textContent()).resolves.toMatch(
      /^n = (18|19|20|21|22)$/,
    );
    const breakdown = page.locator('table.breakdown tbody tr');
    await expect(breakdown.count()).resolves.toBe(1);
    // Opened from the jobparat search, the breakdown marks that group's row.
    await expect(
      breakdown
        .first()
        .locator('th')
        .textContent()
        .then((text) => text?.replace(/\s+/g, ' ').trim()),
    ).resolves.toBe('Jobparat (målgruppen du søgte på)');
    await b.screenshot(page, 'offer-profile');
  });

  it('draws the half-year trend as a chart and gives the same figures as a table', async () => {
    const page = await b.newPage();
    await page.goto('/?view=offer&offer=T1');
    await page.locator('svg.trend-chart').waitFor();
    await expect(page.locator('svg.trend-chart').getAttribute('aria-hidden')).resolves.toBe('true');
    await expect(page.locator('.trend figcaption').textContent()).resolves.toBe(
      'Graf: 3 mdr. effekt og 7 mdr. effekt pr. halvår',
    );
    // One marker per half-year and measure: two half-years, two measures.
    await expect(page.locator('svg.trend-chart g.series[data-series] .marker').count()).resolves.toBe(4);
    await page.getByText('Tallene bag grafen').click();
    const periods = await page.locator('.trend-table tbody th').allTextContents();
    expect(periods).toEqual(['2. halvår 2024', '1. halvår 2025']);
    const firstHalf = page.locator('.trend-table tbody tr').first().locator('td').first();
    await expect(firstHalf.locator('.n').textContent()).resolves.toBe('n = 10');
  });

  it('keeps the trend chart readable for an offer with 30 half-years, with a toggle for all', async () => {
    const page = await b.newPage();
    // The fixture has two half-years; give T1's answer thirty, 2012H1 … 2026H2, each shown.
    const shown = { n: 20, x: 10, rate: 0.5, ciLow: 0.3, ciHigh: 0.7, suppressed: false };
    await page.route('**/v1/offers/T1', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { trend: Record<string, unknown>[] };
      body.trend = Array.from({ length: 30 }, (_, i) => ({
        period: `${2012 + Math.floor(i / 2)}H${(i % 2) + 1}`,
        effect3m: shown,
        effect7m: shown,
      }));
      await route.fulfill({ response, json: body });
    });
    await page.goto('/?view=offer&offer=T1');
    const markers = page.locator('svg.trend-chart g.series[data-series] .marker');
    await page.locator('svg.trend-chart').waitFor();
    await expect(markers.count()).resolves.toBe(20);
    await expect(page.locator('#trend-note').textContent()).resolves.toBe(
      'Grafen viser de seneste 10 af 30 halvår; tabellen har dem alle.',
    );
    await expect(page.locator('.trend-table tbody tr').count()).resolves.toBe(30);

    const toggle = page.getByRole('button', { name: 'Vis alle 30 halvår' });
    await toggle.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Vis kun de seneste 10 halvår' }).waitFor();
    await expect(markers.count()).resolves.toBe(60);
    // The redraw leaves the keyboard user on the toggle.
    await expect(page.locator(':focus').getAttribute('id')).resolves.toBe('trend-toggle');
    await expect(page.locator('#trend-toggle').getAttribute('aria-pressed')).resolves.toBe('true');
  });

  it('picks the offer for comparison from its profile', async () => {
    const page = await b.newPage();
    await page.goto('/?view=offer&offer=T1&ids=T2');
    const pick = page.getByRole('checkbox', { name: 'Vælg Rengøring og service til sammenligning' });
    await pick.check();
    expect(new URL(page.url()).searchParams.get('ids')).toBe('T2,T1');
    await expect(pick.isChecked()).resolves.toBe(true);
    await expect(page.locator(':focus').getAttribute('id')).resolves.toBe('pick-profile');
    await page.getByRole('link', { name: 'Sammenlign valgte (2)' }).click();
    await page.locator('table.comparison').waitFor();
    const headers = await page.locator('table.comparison thead th a').allTextContents();
    expect(headers.map((h) => h.trim())).toEqual(['Lager og truckcertifikat', 'Rengøring og service']);
  });

  it('hides a complaint count under the disclosure threshold, and says why', async () => {
    const page = await b.newPage();
    await page.goto('/?view=offer&offer=T2');
    await page.getByRole('heading', { level: 2, name: 'Lager og truckcertifikat' }).waitFor();
    expect((await page.locator('#complaints').textContent())?.replace(/\s+/g, ' ').trim()).toBe(
      '– færre end 5 borgere',
    );
  });

  it('says so when an offer does not exist', async () => {
    const page = await b.newPage();
    await page.goto('/?view=offer&offer=NO-SUCH');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain("Tilbuddet 'NO-SUCH' findes ikke.");
    await expect(alert.getByRole('button', { name: 'Prøv igen' }).isVisible()).resolves.toBe(true);
  });
});
