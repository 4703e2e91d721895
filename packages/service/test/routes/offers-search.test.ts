import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

interface Item {
  offer: { offerId: string; name: string; priceDkk: number | null };
  effects: {
    effect3m: { n: number | null; rate: number | null; suppressed: boolean; adjustedRate: number | null };
  };
}
interface SearchBody {
  total: number;
  items: Item[];
  facets: Record<string, { value: string; count: number }[]>;
}

async function search(query: string): Promise<SearchBody> {
  const response = await t.app.inject(`/v1/offers${query}`);
  expect(response.statusCode, response.body + t.errorLogs.join('\n')).toBe(200);
  return response.json<SearchBody>();
}
const ids = (body: SearchBody) => body.items.map((item) => item.offer.offerId);

describe('GET /v1/offers', () => {
  it('lists every offer by name with effect figures', async () => {
    const body = await search('');
    expect(body.total).toBe(4);
    expect(ids(body)).toEqual(['T4', 'T2', 'T3', 'T1']);
    const t1 = body.items.find((item) => item.offer.offerId === 'T1')!;
    expect(t1.effects.effect3m).toMatchObject({ n: 20, suppressed: false, rate: 0.6 });
  });

  it('suppresses the figures of offers with fewer than 5 enrollments', async () => {
    const t3 = (await search('?q=mentor')).items[0]!;
    expect(t3.offer.offerId).toBe('T3');
    expect(t3.effects.effect3m).toMatchObject({ n: null, rate: null, suppressed: true });
  });
});
