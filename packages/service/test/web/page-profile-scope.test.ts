import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAvailable, SKIP_NOTE, startBrowserApp, type BrowserApp } from './support/browser-app.ts';

type Row = { effect3m: { n: number | null; suppressed: boolean } };

/** The 3-month effect's n in a profile's measures table (null when hidden). */
async function effectN(page: Page, section: string): Promise<number | null> {
  const cell = page
    .locator(`${section} table.measures tbody tr`, {
      has: page.getByRole('rowheader', { name: '3 mdr. effekt', exact: true }),
    })
    .locator('td')
    .first();
  if ((await cell.locator('.suppressed').count()) > 0) return null;
  const text = (await cell.locator('.n').textContent()) ?? '';
  return Number(text.replace(/\D/g, ''));
}

// Fixture: T2 Lager og truckcertifikat serves jobparat and aktivitetsparat, so its jobparat
// figures differ from its all-groups ones; T3 Mentorforløb serves aktivitetsparat only.
describe.skipIf(!browserAvailable())(
  `an offer's profile opened from a target-group search${SKIP_NOTE}`,
  () => {
    let b: BrowserApp;
    beforeAll(async () => {
      b = await startBrowserApp();
    });
    afterAll(() => b?.close());

    it("keeps the group, shows the group's figures and labels the all-groups ones", async () => {
      const page = await b.newPage();
      await page.goto('/?tg=jobparat');
      await page.getByRole('link', { name: 'Lager og truckcertifikat' }).click();
      await page.locator('#group-measures').waitFor();
      expect(new URL(page.url()).searchParams.get('tg')).toBe('jobparat');
      await expect(page.locator('#offer-scope').textContent()).resolves.toBe(
        'Du kom fra en søgning på målgruppen Jobparat: tallene under »Effekter og vurderinger for målgruppen Jobparat« gælder kun borgere i målgruppen. Resten af siden gælder alle målgrupper.',
      );
      await expect(page.locator('#group-measures h3').textContent()).resolves.toBe(
        'Effekter og vurderinger for målgruppen Jobparat',
      );
      await expect(page.locator('#measures-title').textContent()).resolves.toBe(
        'Effekter og vurderinger for alle målgrupper',
      );

      // The group's figures are the ones the results table showed; the others are all groups'.
      const scoped = (await (await page.request.get('/v1/offers?targetGroup=jobparat')).json()) as {
        items: { offer: { offerId: string }; effects: Row }[];
      };
      const groupRow = scoped.items.find((item) => item.offer.offerId === 'T2')!.effects;
      const all = ((await (await page.request.get('/v1/offers/T2')).json()) as { effects: Row }).effects;
      expect(groupRow.effect3m.n).not.toBe(all.effect3m.n);
      expect(await effectN(page, '#group-measures')).toBe(
        groupRow.effect3m.suppressed ? null : groupRow.effect3m.n,
      );
      expect(await effectN(page, '#all-measures')).toBe(all.effect3m.n);

      // Every other all-groups figure says so; the group's row of the breakdown is marked.
      await expect(page.locator('#trend-title').textContent()).resolves.toBe(
        'Udvikling pr. halvår (alle målgrupper)',
      );
      await expect(page.getByRole('heading', { name: 'Klager (alle målgrupper)' }).isVisible()).resolves.toBe(
        true,
      );
      await expect(page.locator('table.breakdown tr.chosen th').textContent()).resolves.toContain(
        'Jobparat (målgruppen du søgte på)',
      );
      await b.screenshot(page, 'offer-profile-scoped');

      // Back to the search, still for the group.
      await page.getByRole('link', { name: 'Tilbage til søgningen' }).click();
      await page.locator('table.results').waitFor();
      expect(new URL(page.url()).searchParams.get('tg')).toBe('jobparat');
    });

    it('says the figures are for all groups when opened without one', async () => {
      const page = await b.newPage();
      await page.goto('/?view=offer&offer=T2');
      await page.locator('table.measures').waitFor();
      await expect(page.locator('#offer-scope').textContent()).resolves.toBe(
        'Tallene gælder alle målgrupper.',
      );
      await expect(page.locator('#group-measures').count()).resolves.toBe(0);
      await expect(page.locator('#measures-title').textContent()).resolves.toBe('Effekter og vurderinger');
    });

    it('says so when the offer is not aimed at the group searched for', async () => {
      const page = await b.newPage();
      await page.goto('/?view=offer&offer=T3&tg=jobparat');
      await page.locator('table.measures').waitFor();
      await expect(page.locator('#offer-scope').textContent()).resolves.toBe(
        'Tilbuddet er ikke rettet mod målgruppen Jobparat, så der er ingen tal for målgruppen. Tallene nedenfor gælder alle målgrupper.',
      );
      await expect(page.locator('#group-measures').count()).resolves.toBe(0);
    });

    it("takes the group's figures for the chosen period", async () => {
      const page = await b.newPage();
      const searches: URLSearchParams[] = [];
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.pathname === '/v1/offers') searches.push(url.searchParams);
      });
      await page.goto('/?view=offer&offer=T1&tg=jobparat&period=2025H1');
      await page.locator('#group-measures').waitFor();
      await expect(page.locator('#offer-scope').textContent()).resolves.toMatch(
        / Periode: 1\. halvår 2025\.$/,
      );
      expect(searches.at(-1)?.get('targetGroup')).toBe('jobparat');
      expect(searches.at(-1)?.get('period')).toBe('2025H1');
      expect(searches.at(-1)?.get('provider')).toBeTruthy();
    });
  },
);
