import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, SKIP_NOTE, startBrowserApp, type BrowserApp } from './support/browser-app.ts';

/** The verdict text of one offer (column, 0 = the reference) on one measure row. */
async function verdict(page: Page, measure: string, column: number): Promise<string> {
  const row = page.locator('table.comparison tbody tr', {
    has: page.getByRole('rowheader', { name: measure, exact: true }),
  });
  const text = await row.locator('td').nth(column).locator('.verdict').textContent();
  return (text ?? '').replace(/^[▲▼=?]\s*/, '').trim();
}

// Fixture: T1 Rengøring og service has 3-month effect 12/20 and company share 8/20; T2 Lager og
// truckcertifikat 3/11 and 0/11 and no survey answers; T4 IT-opkvalificering 4 sygedagpenge
// enrollments (suppressed). Newcombe over all target groups, T2 − T1: effect3m −0.33
// [−0.58, 0.04] (not significant); companyShare −0.40 [−0.61, −0.08] (significant).
describe.skipIf(!browserAvailable())(`comparing offers side by side${SKIP_NOTE}`, () => {
  let b: BrowserApp;
  beforeAll(async () => {
    b = await startBrowserApp();
  });
  afterAll(() => b?.close());

  it('goes from a target group to a comparison of three offers in a few clicks', async () => {
    const page = await b.newPage();
    await page.goto('/?tg=jobparat');
    // Waits for the page to render the hint (isVisible() would only look once, maybe too early).
    await page.getByText('Vælg 2–6 tilbud for at sammenligne dem.').waitFor();
    for (const name of ['Rengøring og service', 'Lager og truckcertifikat', 'IT-opkvalificering']) {
      await page.getByRole('checkbox', { name: `Vælg ${name} til sammenligning` }).check();
    }
    await page.getByRole('link', { name: 'Sammenlign valgte (3)' }).click();
    await page.locator('table.comparison').waitFor();
    await expect(page.getByRole('heading', { level: 2, name: 'Sammenligning' }).isVisible()).resolves.toBe(
      true,
    );
    expect(new URL(page.url()).searchParams.get('view')).toBe('compare');
    expect(new URL(page.url()).searchParams.get('ids')).toBe('T1,T2,T4');
    const headers = await page.locator('table.comparison thead th a').allTextContents();
    expect(headers.map((h) => h.trim())).toEqual([
      'Rengøring og service',
      'Lager og truckcertifikat',
      'IT-opkvalificering',
    ]);

    // From a target group the figures are that group's (see below); over every group T2's
    // company share is significantly lower than T1's.
    await page.goto('/?view=compare&ids=T1,T2,T4');
    await page.locator('table.comparison').waitFor();
    expect(await verdict(page, '3 mdr. effekt', 0)).toBe('Reference');
    expect(await verdict(page, '3 mdr. effekt', 1)).toBe('ingen klar forskel');
    expect(await verdict(page, 'Virksomhedsrettet', 1)).toBe('signifikant lavere end Rengøring og service');
    // T2 has no survey answers and T4 four enrollments: both below the threshold of 5.
    expect(await verdict(page, 'Tilfredshed', 1)).toBe('kan ikke vurderes (færre end 5 borgere)');
    expect(await verdict(page, '3 mdr. effekt', 2)).toBe('kan ikke vurderes (færre end 5 borgere)');
    const difference = page
      .locator('table.comparison tbody tr', {
        has: page.getByRole('rowheader', { name: 'Virksomhedsrettet', exact: true }),
      })
      .locator('td')
      .nth(1)
      .locator('.difference');
    // About −40 points (12 of 20 against 0 of 11 exactly), from the published counts.
    await expect(difference.textContent()).resolves.toMatch(
      /^Forskel −[3-5]\d,\d pct\.point \(−\d+,\d pct\.point til −\d+,\d pct\.point\)$/,
    );
    await b.screenshot(page, 'compare');
  });

  it('compares on the figures of the search’s target group and says which group they are for', async () => {
    const page = await b.newPage();
    const compareQueries: URLSearchParams[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/v1/compare') compareQueries.push(url.searchParams);
    });
    await page.goto('/?tg=jobparat&ids=T1,T2');
    await expect(page.locator('#results-scope').textContent()).resolves.toBe(
      'Tallene gælder borgere i målgruppen: Jobparat.',
    );
    await page.getByRole('link', { name: 'Sammenlign valgte (2)' }).click();
    await page.locator('table.comparison').waitFor();
    expect(new URL(page.url()).searchParams.get('tg')).toBe('jobparat');
    expect(compareQueries.at(-1)?.get('targetGroup')).toBe('jobparat');
    await expect(page.locator('#compare-scope').textContent()).resolves.toBe(
      'Tallene gælder borgere i målgruppen: Jobparat.',
    );
    // T2's column shows its jobparat figure as the API gives it for the scope (hidden if the
    // offer × target group table hides it), not its all-groups figure.
    const api = await page.request.get('/v1/compare?ids=T1,T2&targetGroup=jobparat');
    const scoped = ((await api.json()) as { offers: { effects: { effect3m: { n: number | null } } }[] })
      .offers[1]!.effects.effect3m.n;
    const effect = page
      .locator('table.comparison tbody tr', {
        has: page.getByRole('rowheader', { name: '3 mdr. effekt', exact: true }),
      })
      .locator('td')
      .nth(1);
    if (scoped === null) await expect(effect.locator('.suppressed').count()).resolves.toBeGreaterThan(0);
    else await expect(effect.locator('.n').textContent()).resolves.toBe(`n = ${scoped}`);

    await page.goto('/?view=compare&ids=T1,T2');
    await page.locator('table.comparison').waitFor();
    await expect(page.locator('#compare-scope').textContent()).resolves.toBe(
      'Tallene gælder alle målgrupper.',
    );
  });

  it('keeps the selection when going back to the search', async () => {
    const page = await b.newPage();
    await page.goto('/?view=compare&tg=jobparat&ids=T1,T2');
    await page.locator('table.comparison').waitFor();
    await page.getByRole('link', { name: 'Tilbage til søgningen' }).click();
    await page.locator('table.results').waitFor();
    await expect(
      page.getByRole('checkbox', { name: 'Vælg Rengøring og service til sammenligning' }).isChecked(),
    ).resolves.toBe(true);
    await page.getByRole('checkbox', { name: 'Vælg Rengøring og service til sammenligning' }).uncheck();
    // Waits for the page to render the hint (isVisible() would only look once, maybe too early).
    await page.getByText('Vælg 2–6 tilbud for at sammenligne dem.').waitFor();
    expect(new URL(page.url()).searchParams.get('ids')).toBe('T2');
  });
});
