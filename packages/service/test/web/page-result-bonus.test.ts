import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, SKIP_NOTE, startBrowserApp, type BrowserApp } from './support/browser-app.ts';
import { bearer } from '../app/test-app.ts';
import { refreshFixture } from '../app/fixture.ts';
import { EFFECT12M } from '../support/effect12m.ts';

const LABEL = 'Pris inkl. resultatbonus pr. selvforsørget borger';
const kr = (value: number) =>
  `${new Intl.NumberFormat('da-DK', { maximumFractionDigits: 0 }).format(value)} kr.`;
const words = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
const percent = (rate: number) =>
  words(new Intl.NumberFormat('da-DK', { style: 'percent', maximumFractionDigits: 0 }).format(rate));

interface Cell {
  rate: number | null;
  suppressed: boolean;
}

/** The comparison row whose header is `name` (exactly), as the words of each offer's cell. */
async function comparisonRow(page: Page, name: string): Promise<string[]> {
  const row = page.locator('table.comparison tbody tr', {
    has: page.getByRole('rowheader', { name, exact: true }),
  });
  return (await row.locator('td').allTextContents()).map(words);
}

// T1 gets a result bonus of 5 000 kr. through the admin API; T2 has none. The price shown is
// the price per citizen made self-sufficient by the bonus's trigger measure (price / its
// published rate) plus the bonus: effect3m by default, then a measure the municipality defined.
describe.skipIf(!browserAvailable())(`price including the result bonus${SKIP_NOTE}`, () => {
  let b: BrowserApp;
  let expected: string;
  beforeAll(async () => {
    b = await startBrowserApp();
    const { app, keys } = b.testApp;
    const profile = (await app.inject('/v1/offers/T1')).json<{ offer: Record<string, unknown> }>();
    const { offerId: _id, resultBonusMeasure: _measure, ...fields } = profile.offer;
    const put = await app.inject({
      method: 'PUT',
      url: '/v1/admin/offers/T1',
      headers: bearer(keys.admin),
      payload: { ...fields, resultBonusDkk: 5000 },
    });
    expect(put.statusCode, put.body).toBe(200);
    const after = (await app.inject('/v1/offers/T1')).json<{
      offer: { resultBonusDkk: number; resultBonusMeasure: string };
      effects: { costPerOutcome: number };
    }>();
    expect(after.offer).toMatchObject({ resultBonusDkk: 5000, resultBonusMeasure: 'effect3m' });
    expected = kr(after.effects.costPerOutcome + 5000);
  });
  afterAll(() => b?.close());

  it('shows it on the profile of an offer with a bonus, and not on one without', async () => {
    const page = await b.newPage();
    await page.goto('/?view=offer&offer=T1');
    const row = page.locator('dt', { hasText: `${LABEL} (3 mdr. effekt)` });
    await row.waitFor();
    expect((await row.locator('xpath=following-sibling::dd[1]').textContent())?.trim()).toBe(expected);
    await page.goto('/?view=offer&offer=T2');
    await page.locator('dt', { hasText: 'Pris pr. borger i selvforsørgelse' }).first().waitFor();
    expect(await page.locator('dt', { hasText: LABEL }).count()).toBe(0);
  });

  it('shows it in the comparison, with "Ingen resultatbonus" for an offer without one', async () => {
    const page = await b.newPage();
    await page.goto('/?view=compare&ids=T1,T2');
    await page.locator('table.comparison').waitFor();
    expect(await comparisonRow(page, LABEL)).toEqual([
      `${expected} udløses af 3 mdr. effekt`,
      'Ingen resultatbonus',
    ]);
  });

  describe('with a 12-month effect the municipality defined and made the bonus trigger', () => {
    let t1: { priceDkk: number; effect12m: Cell };
    let t2: { effect12m: Cell };
    beforeAll(async () => {
      const { app, keys, database } = b.testApp;
      const defined = await app.inject({
        method: 'PUT',
        url: '/v1/admin/measures/effect12m',
        headers: bearer(keys.admin),
        payload: EFFECT12M,
      });
      expect(defined.statusCode, defined.body).toBe(201);
      await refreshFixture(database.db);
      await app.readModel.reload();
      const rule = await app.inject({
        method: 'PUT',
        url: '/v1/admin/bonus-rules/T1',
        headers: bearer(keys.admin),
        payload: { measureKey: 'effect12m' },
      });
      expect(rule.statusCode, rule.body).toBe(201);
      const search = (await app.inject('/v1/offers?limit=10&sort=name')).json<{
        items: { offer: { offerId: string; priceDkk: number }; effects: { effect12m: Cell } }[];
      }>();
      const item = (id: string) => search.items.find((i) => i.offer.offerId === id)!;
      t1 = { priceDkk: item('T1').offer.priceDkk, effect12m: item('T1').effects.effect12m };
      t2 = { effect12m: item('T2').effects.effect12m };
      expect(t1.effect12m.rate).toBeGreaterThan(0);
      expect(t2.effect12m.suppressed).toBe(false);
    });

    it('offers it as a column and a sort key, labelled as defined', async () => {
      const page = await b.newPage();
      await page.goto('/?tg=jobparat');
      await page.locator('table.results').waitFor();
      await page.locator('#column-summary').click();
      await page.getByLabel('12 mdr. effekt', { exact: true }).check();
      const header = page.locator('table.results th[data-measure="effect12m"]');
      await header.waitFor();
      expect(words(await header.textContent())).toContain('12 mdr. effekt');
      expect(new URL(page.url()).searchParams.get('cols')).toContain('effect12m');
      const t1Cell = page
        .locator('table.results tr', { hasText: 'Rengøring og service' })
        .locator('td[data-measure="effect12m"] > .figure .value');
      expect(words(await t1Cell.textContent())).toBe(percent(t1.effect12m.rate!));

      const options = await page.locator('#f-sort option').allTextContents();
      expect(options.map(words)).toEqual(
        expect.arrayContaining(['12 mdr. effekt, højest først', '12 mdr. effekt (justeret), højest først']),
      );
      await page.locator('#f-sort').selectOption('effect12m');
      await page.getByRole('button', { name: 'Søg', exact: true }).click();
      await page.waitForURL(/sort=effect12m(&|$)/);
      await page.locator('table.results th[data-measure="effect12m"][aria-sort="descending"]').waitFor();
    });

    it('shows it on the profile, and prices the bonus against it', async () => {
      const page = await b.newPage();
      await page.goto('/?view=offer&offer=T1');
      const row = page.locator('#all-measures tr[data-measure="effect12m"]');
      await row.waitFor();
      expect(words(await row.locator('th').textContent())).toBe('12 mdr. effekt');
      expect(words(await row.locator('td').first().locator('.figure .value').textContent())).toBe(
        percent(t1.effect12m.rate!),
      );
      const term = page.locator('dt', { hasText: `${LABEL} (12 mdr. effekt)` });
      const value = term.locator('xpath=following-sibling::dd[1]');
      expect((await value.textContent())?.trim()).toBe(kr(t1.priceDkk / t1.effect12m.rate! + 5000));
      expect(await value.locator('[data-bonus-measure]').getAttribute('title')).toContain('12 mdr. effekt');
    });

    it('compares it with a verdict, and names it as the trigger; in English with its English label', async () => {
      const page = await b.newPage();
      await page.goto('/?view=compare&ids=T1,T2');
      await page.locator('table.comparison').waitFor();
      const measured = await comparisonRow(page, '12 mdr. effekt');
      expect(measured[0]).toContain(percent(t1.effect12m.rate!));
      expect(measured[0]).toContain('Reference');
      expect(measured[1]).toContain(percent(t2.effect12m.rate!));
      expect(await page.locator('tr[data-measure="effect12m"] td [data-verdict]').count()).toBe(1);
      expect(await comparisonRow(page, '12 mdr. effekt, justeret')).toHaveLength(2);
      expect(await comparisonRow(page, LABEL)).toEqual([
        `${kr(t1.priceDkk / t1.effect12m.rate! + 5000)} udløses af 12 mdr. effekt`,
        'Ingen resultatbonus',
      ]);

      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('heading', { name: 'Comparison' }).waitFor();
      expect(await comparisonRow(page, '12-month effect')).toHaveLength(2);
      expect(
        (await comparisonRow(page, 'Price incl. result bonus per self-sufficient citizen'))[0],
      ).toContain('triggered by 12-month effect');
    });
  });
});
