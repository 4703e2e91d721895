import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Row = Record<string, unknown> & {
  offerId?: string;
  targetGroup?: string;
  effect3m: { n: number | null; x: number | null; rate: number | null; suppressed: boolean };
};
interface SearchBody {
  minCellSize: number;
  scope: { targetGroups: string[] | null };
  items: { offer: { offerId: string }; effects: Row }[];
}
interface Comparison {
  minCellSize: number;
  scope: { targetGroups: string[] | null };
  offers: { offer: { offerId: string }; effects: Row }[];
  differences: { offerId: string; measures: Record<string, { difference: number } | null> }[];
}

async function get<T>(url: string): Promise<T> {
  const response = await t.app.inject(url);
  expect(response.statusCode, response.body + t.errorLogs.join('\n')).toBe(200);
  return response.json<T>();
}
const ids = async (query: string) =>
  (await get<SearchBody>(`/v1/offers${query}`)).items.map((item) => item.offer.offerId);

/**
 * The adjusted rate is standardised to its reference population: all enrollments in
 * `groupBy=offer,targetGroup`, the scoped target groups' in the scoped search. Every other
 * figure must be identical.
 */
function withoutReferenceDependent(row: Row): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (key === 'offerId' || key === 'targetGroup') continue;
    if (value && typeof value === 'object' && 'adjustedRate' in value) {
      const { adjustedRate: _, ...rest } = value as Record<string, unknown>;
      copy[key] = rest;
    } else copy[key] = value;
  }
  return copy;
}

describe('GET /v1/offers?targetGroup=…: figures for the citizen’s target group', () => {
  it('gives every item the offer × target group figures of /v1/effects, and says so in scope', async () => {
    const table = await get<Row[]>('/v1/effects?groupBy=offer,targetGroup');
    const body = await get<SearchBody>('/v1/offers?targetGroup=jobparat');
    expect(body.scope).toEqual({ targetGroups: ['jobparat'] });
    expect(body.items.map((item) => item.offer.offerId).sort()).toEqual(['T1', 'T2', 'T4']);
    for (const item of body.items) {
      const cell = table.find((row) => row.offerId === item.offer.offerId && row.targetGroup === 'jobparat');
      if (cell) expect(withoutReferenceDependent(item.effects)).toEqual(withoutReferenceDependent(cell));
      else expect(item.effects.effect3m).toMatchObject({ n: null, rate: null });
    }
    // T2 over all target groups is 3/10; its jobparat enrollments alone are 2/6.
    const t2 = body.items.find((item) => item.offer.offerId === 'T2')!;
    expect(t2.effects.effect3m).toMatchObject({ n: 6, x: 2, suppressed: false });
  });

  it('without targetGroup the figures are over all target groups (scope null)', async () => {
    const body = await get<SearchBody>('/v1/offers?provider=P1');
    expect(body.scope).toEqual({ targetGroups: null });
    const t2 = body.items.find((item) => item.offer.offerId === 'T2')!;
    expect(t2.effects.effect3m).toMatchObject({ n: 10, x: 3 });
  });

  it('applies the minimum filters to the scoped figures', async () => {
    // 2/6 = 0.333 passes 0.32 for jobparat; over all groups T2 has 3/10 = 0.3 and does not.
    expect(await ids('?minEffect3m=0.32&sort=name')).toEqual(['T1']);
    expect(await ids('?targetGroup=jobparat&minEffect3m=0.32&sort=name')).toEqual(['T2', 'T1']);
  });

  it('sorts on the scoped figures, suppressed (scoped) values last', async () => {
    const body = await get<SearchBody>('/v1/offers?targetGroup=jobparat&sort=effect3m');
    const rates = body.items.map((item) => item.effects.effect3m.rate);
    expect(rates).toEqual([2 / 6, 12 / 20, null]);
    // Over all groups T2 (3/10) is shown and sorted; for aktivitetsparat its 4 enrollments are not.
    const active = await get<SearchBody>('/v1/offers?targetGroup=aktivitetsparat&sort=-effect3m');
    expect(active.items.map((item) => item.offer.offerId)).toEqual(['T2', 'T3']);
    for (const item of active.items) {
      expect(item.effects.effect3m).toMatchObject({ n: null, x: null, rate: null, suppressed: true });
    }
    expect(await ids('?targetGroup=aktivitetsparat&minEffect3m=0')).toEqual([]);
  });

  it('keeps the suppression rule and says which threshold it used', async () => {
    const body = await get<SearchBody>('/v1/offers?targetGroup=aktivitetsparat');
    expect(body.minCellSize).toBe(5);
    for (const item of body.items) {
      const n = item.effects.effect3m.n;
      expect(n === null || n >= body.minCellSize).toBe(true);
      // Complaints carry no target group, so a scoped row cannot report them.
      expect(item.effects.complaints).toBeNull();
    }
  });
});

describe('GET /v1/compare?targetGroup=…', () => {
  it('compares the offers on the same scoped figures as the search', async () => {
    const search = await get<SearchBody>('/v1/offers?targetGroup=jobparat');
    const body = await get<Comparison>('/v1/compare?ids=T1,T2&targetGroup=jobparat');
    expect(body.scope).toEqual({ targetGroups: ['jobparat'] });
    expect(body.minCellSize).toBe(5);
    for (const entry of body.offers) {
      const item = search.items.find((candidate) => candidate.offer.offerId === entry.offer.offerId)!;
      expect(entry.effects).toEqual(item.effects);
    }
    expect(body.differences[0]!.measures.effect3m!.difference).toBeCloseTo(2 / 6 - 12 / 20, 12);
    const unscoped = await get<Comparison>('/v1/compare?ids=T1,T2');
    expect(unscoped.scope).toEqual({ targetGroups: null });
    expect(unscoped.differences[0]!.measures.effect3m!.difference).toBeCloseTo(3 / 10 - 12 / 20, 12);
  });

  it('gives no difference when the scoped figures are suppressed', async () => {
    const body = await get<Comparison>('/v1/compare?ids=T1,T2&targetGroup=aktivitetsparat');
    expect(body.differences[0]!.measures.effect3m).toBeNull();
  });
});
