import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app/test-app.ts';
import { readXlsx } from '../support/read-xlsx.ts';
import { roundFor } from '../../src/spreadsheet/table.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

interface Item {
  offer: { offerId: string; name: string; priceDkk: number | null };
  provider: { name: string } | null;
  effects: { effect3m: { rate: number | null } };
}

describe('GET /v1/offers?format=xlsx', () => {
  it('has every matching offer in the search order, whatever the page, with names and percentages', async () => {
    const query = 'targetGroup=jobparat&sort=-effect3m';
    const json = (await t.app.inject(`/v1/offers?${query}&limit=100`)).json<{
      total: number;
      items: Item[];
    }>();
    expect(json.total).toBeGreaterThan(1);
    const response = await t.app.inject(`/v1/offers?${query}&limit=1&offset=1&format=xlsx`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const sheets = readXlsx(response.rawPayload);
    const [header, ...rows] = sheets.Tilbud!;
    const headings = header!.map((cell) => cell.value);
    expect(headings.slice(0, 4)).toEqual(['Tilbud-id', 'Tilbud', 'Leverandør-id', 'Leverandør']);
    const price = headings.indexOf('Pris for hele forløbet (kr.)');
    const rate = headings.indexOf('3 mdr. effekt: andel');
    expect(rows.map((cells) => cells[0]!.value)).toEqual(json.items.map((item) => item.offer.offerId));
    json.items.forEach((item, i) => {
      const cells = rows[i]!;
      expect(cells[1]!.value).toBe(item.offer.name);
      expect(cells[3]?.value ?? null).toBe(item.provider?.name ?? null);
      expect(cells[price]?.value ?? null).toBe(item.offer.priceDkk);
      const expected = item.effects.effect3m.rate;
      expect(cells[rate]?.value ?? null).toBe(expected === null ? null : roundFor('share', expected));
      if (expected !== null) expect(cells[rate]!.format).toBe('0.0%');
    });
    const about = Object.fromEntries(sheets['Om data']!.map((r) => [r[0]!.value, r[1]?.value]));
    expect(about['Målgrupper (tallene gælder kun dem)']).toBe('jobparat');
  });

  it('rejects an unknown format naming the parameter', async () => {
    const response = await t.app.inject('/v1/offers?format=csv');
    expect(response.statusCode).toBe(400);
    expect(response.json<{ errors: { name: string }[] }>().errors.map((e) => e.name)).toContain('format');
  });
});
