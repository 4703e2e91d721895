import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, SKIP_NOTE, startBrowserApp, type BrowserApp } from './support/browser-app.ts';
import { bearer } from '../app/test-app.ts';

const LABEL = 'Pris inkl. resultatbonus pr. selvforsørget borger (3 mdr.)';
const kr = (value: number) =>
  `${new Intl.NumberFormat('da-DK', { maximumFractionDigits: 0 }).format(value)} kr.`;

// T1 gets a result bonus of 5 000 kr. through the admin API; T2 has none. The price shown is
// the published cost per outcome (price / published 3-month effect rate) plus the bonus.
describe.skipIf(!browserAvailable())(`price including the result bonus${SKIP_NOTE}`, () => {
  let b: BrowserApp;
  let expected: string;
  beforeAll(async () => {
    b = await startBrowserApp();
    const { app, keys } = b.testApp;
    const profile = (await app.inject('/v1/offers/T1')).json<{ offer: Record<string, unknown> }>();
    const { offerId: _id, ...fields } = profile.offer;
    const put = await app.inject({
      method: 'PUT',
      url: '/v1/admin/offers/T1',
      headers: bearer(keys.admin),
      payload: { ...fields, resultBonusDkk: 5000 },
    });
    expect(put.statusCode, put.body).toBe(200);
    const after = (await app.inject('/v1/offers/T1')).json<{
      offer: { resultBonusDkk: number };
      effects: { costPerOutcome: number };
    }>();
    expect(after.offer.resultBonusDkk).toBe(5000);
    expected = kr(after.effects.costPerOutcome + 5000);
  });
  afterAll(() => b?.close());

  it('shows it on the profile of an offer with a bonus, and not on one without', async () => {
    const page = await b.newPage();
    await page.goto('/?view=offer&offer=T1');
    const row = page.locator('dt', { hasText: LABEL });
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
    const row = page.locator('table.comparison tbody tr', {
      has: page.getByRole('rowheader', { name: LABEL, exact: true }),
    });
    const cells = (await row.locator('td').allTextContents()).map((c) => c.trim());
    expect(cells).toEqual([expected, 'Ingen resultatbonus']);
  });
});
