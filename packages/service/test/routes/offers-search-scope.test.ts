import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app/test-app.ts';
import { expectPublished } from '../support/published.ts';

// Fixture: T1 has 20 jobparat enrollments (12 successes); T2 6 jobparat (2), 4 aktivitetsparat
// (1) and maybe a few in other groups; T3 3 aktivitetsparat (3); T4 none. `open` publishes every
// figure (a threshold of 1), so the scoped figures themselves can be checked; `t` has the default 5.
let open: TestApp;
let t: TestApp;
beforeAll(async () => {
  open = await createTestApp({ EVG_MIN_CELL_SIZE: '1' });
  t = await createTestApp();
});
afterAll(async () => {
  await open.close();
  await t.close();
});

type Figure = { n: number | null; x: number | null; rate: number | null; suppressed: boolean };
type Row = Record<string, unknown> & { offerId?: string; targetGroup?: string; effect3m: Figure };
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

async function get<T>(app: TestApp, url: string): Promise<T> {
  const response = await app.app.inject(url);
  expect(response.statusCode, url + response.body + app.errorLogs.join('\n')).toBe(200);
  return response.json<T>();
}
const search = (app: TestApp, query: string) => get<SearchBody>(app, `/v1/offers${query}`);
const ids = async (app: TestApp, query: string) =>
  (await search(app, query)).items.map((item) => item.offer.offerId);
const rateOf = (body: SearchBody, offerId: string) =>
  body.items.find((item) => item.offer.offerId === offerId)!.effects.effect3m.rate;

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
  it.each(['every figure published', 'threshold 5'])(
    'gives every item the offer × target group figures of /v1/effects (%s)',
    async (label) => {
      const app = label === 'threshold 5' ? t : open;
      const table = await get<Row[]>(app, '/v1/effects?groupBy=offer,targetGroup');
      for (const group of ['jobparat', 'aktivitetsparat']) {
        const body = await search(app, `?targetGroup=${group}`);
        expect(body.scope).toEqual({ targetGroups: [group] });
        for (const item of body.items) {
          const cell = table.find((row) => row.offerId === item.offer.offerId && row.targetGroup === group);
          if (cell) expect(withoutReferenceDependent(item.effects)).toEqual(withoutReferenceDependent(cell));
          else expect(item.effects.effect3m).toMatchObject({ n: null, rate: null });
        }
      }
    },
  );

  it('scopes the figures: T2 is 2/6 for jobparat, 1/4 for aktivitetsparat, 3/11 over all', async () => {
    const figure = (body: SearchBody, offerId: string) =>
      body.items.find((item) => item.offer.offerId === offerId)!.effects.effect3m;
    expectPublished(figure(await search(open, '?targetGroup=jobparat'), 'T2'), { n: 6, x: 2 }, 'jobparat');
    expectPublished(
      figure(await search(open, '?targetGroup=aktivitetsparat'), 'T2'),
      { n: 4, x: 1 },
      'aktivitetsparat',
    );
    const both = await search(open, '?targetGroup=jobparat,aktivitetsparat');
    expect(both.scope).toEqual({ targetGroups: ['jobparat', 'aktivitetsparat'] });
    expectPublished(figure(both, 'T2'), { n: 10, x: 3 }, 'both');
    const all = await search(open, '?provider=P1');
    expect(all.scope).toEqual({ targetGroups: null });
    expectPublished(figure(all, 'T2'), { n: 11, x: 3 }, 'all groups');
  });

  it('applies the minimum filters to the scoped figures', async () => {
    for (const scope of [
      '',
      '&targetGroup=jobparat',
      '&targetGroup=aktivitetsparat',
      '&targetGroup=jobparat,aktivitetsparat',
    ]) {
      const body = await search(open, `?sort=name${scope}`);
      for (const item of body.items) {
        const rate = item.effects.effect3m.rate;
        if (rate === null) continue;
        const id = item.offer.offerId;
        // Thresholds to 6 decimals: just under and just over the offer's rate.
        const below = (Math.floor(rate * 1e6) / 1e6).toFixed(6);
        expect(await ids(open, `?sort=name${scope}&minEffect3m=${below}`), `${id}${scope}`).toContain(id);
        if (rate < 0.999) {
          const above = (Math.ceil(rate * 1e6 + 1) / 1e6).toFixed(6);
          const found = await ids(open, `?sort=name${scope}&minEffect3m=${above}`);
          expect(found, `${id}${scope}`).not.toContain(id);
        }
      }
    }
  });

  it('sorts on the scoped figures, offers without one last', async () => {
    for (const [group, order] of [
      ['jobparat', '-effect3m'],
      ['aktivitetsparat', 'effect3m'],
    ] as const) {
      const body = await search(open, `?targetGroup=${group}&sort=${order}`);
      const rates = body.items.map((item) => item.effects.effect3m.rate);
      const shown = rates.filter((rate): rate is number => rate !== null);
      expect(rates.slice(0, shown.length)).toEqual(shown);
      const sorted = [...shown].sort((a, b) => (order.startsWith('-') ? b - a : a - b));
      expect(shown).toEqual(sorted);
    }
  });

  it('hides a figure exactly when its exact n is under the threshold, and says the threshold', async () => {
    const body = await search(t, '?targetGroup=jobparat');
    expect(body.minCellSize).toBe(5);
    const figure = async (group: string) =>
      (await search(t, `?targetGroup=${group}`)).items.find((item) => item.offer.offerId === 'T2')!.effects;
    // T2's 4 aktivitetsparat enrollments are hidden; its 6 jobparat and the 10 of both are shown:
    // no figure is withheld to protect another (the cell key perturbation does that).
    expect((await figure('aktivitetsparat')).effect3m).toMatchObject({ n: null, x: null, suppressed: true });
    expectPublished((await figure('jobparat')).effect3m, { n: 6, x: 2 }, 'jobparat');
    expectPublished((await figure('jobparat,aktivitetsparat')).effect3m, { n: 10, x: 3 }, 'both');
    for (const group of ['jobparat', 'aktivitetsparat', 'jobparat,aktivitetsparat']) {
      for (const item of (await search(t, `?targetGroup=${group}`)).items) {
        // Complaints carry no target group, so a scoped row cannot report them.
        expect(item.effects.complaints).toBeNull();
      }
    }
  });
});

describe('GET /v1/compare?targetGroup=…', () => {
  it('compares the offers on the same scoped figures as the search', async () => {
    const found = await search(open, '?targetGroup=jobparat');
    const body = await get<Comparison>(open, '/v1/compare?ids=T1,T2&targetGroup=jobparat');
    expect(body.scope).toEqual({ targetGroups: ['jobparat'] });
    expect(body.minCellSize).toBe(1);
    for (const entry of body.offers) {
      const item = found.items.find((candidate) => candidate.offer.offerId === entry.offer.offerId)!;
      expect(entry.effects).toEqual(item.effects);
    }
    expect(body.differences[0]!.measures.effect3m!.difference).toBeCloseTo(
      rateOf(found, 'T2')! - rateOf(found, 'T1')!,
      12,
    );
    const unscoped = await get<Comparison>(open, '/v1/compare?ids=T1,T2');
    expect(unscoped.scope).toEqual({ targetGroups: null });
    const all = await search(open, '?provider=P1');
    expect(unscoped.differences[0]!.measures.effect3m!.difference).toBeCloseTo(
      rateOf(all, 'T2')! - rateOf(all, 'T1')!,
      12,
    );
  });

  it('gives no difference when a scoped figure is hidden', async () => {
    // T2's 4 aktivitetsparat enrollments are under the threshold.
    const body = await get<Comparison>(t, '/v1/compare?ids=T3,T2&targetGroup=aktivitetsparat');
    expect(body.offers[1]!.effects.effect3m).toMatchObject({ n: null, suppressed: true });
    expect(body.differences[0]!.measures.effect3m).toBeNull();
  });
});
