import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app/test-app.ts';

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
  expect(response.statusCode, response.body + app.errorLogs.join('\n')).toBe(200);
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

  it('scopes the figures: T2 is 2/6 for jobparat, 1/4 for aktivitetsparat, its total over all', async () => {
    expect(rateOf(await search(open, '?targetGroup=jobparat'), 'T2')).toBeCloseTo(2 / 6, 12);
    expect(rateOf(await search(open, '?targetGroup=aktivitetsparat'), 'T2')).toBeCloseTo(1 / 4, 12);
    const both = await search(open, '?targetGroup=jobparat,aktivitetsparat');
    expect(both.scope).toEqual({ targetGroups: ['jobparat', 'aktivitetsparat'] });
    expect(rateOf(both, 'T2')).toBeCloseTo(3 / 10, 12);
    const all = await search(open, '?provider=P1');
    expect(all.scope).toEqual({ targetGroups: null });
    const cells = (await get<Row[]>(open, '/v1/effects?groupBy=offer,targetGroup')).filter(
      (row) => row.offerId === 'T2',
    );
    const sum = (field: 'x' | 'n') => cells.reduce((total, row) => total + (row.effect3m[field] ?? 0), 0);
    expect(rateOf(all, 'T2')).toBeCloseTo(sum('x') / sum('n'), 12);
  });

  it('applies the minimum filters to the scoped figures', async () => {
    // 2/6 = 0.333 passes 0.32 for jobparat; over all groups T2 (3 of 10 or more) does not.
    expect(await ids(open, '?provider=P1&minEffect3m=0.32&sort=name')).toEqual(['T1']);
    expect(await ids(open, '?targetGroup=jobparat&minEffect3m=0.32&sort=name')).toEqual(['T2', 'T1']);
    // 1/4 for aktivitetsparat does not pass 0.26; over all groups (above 0.26) it does.
    expect(await ids(open, '?provider=P1&minEffect3m=0.26&sort=name')).toEqual(['T2', 'T1']);
    expect(await ids(open, '?targetGroup=aktivitetsparat&minEffect3m=0.26&sort=name')).toEqual(['T3']);
  });

  it('sorts on the scoped figures, offers without one last', async () => {
    const body = await search(open, '?targetGroup=jobparat&sort=-effect3m');
    expect(body.items.map((item) => item.offer.offerId)).toEqual(['T1', 'T2', 'T4']);
    expect(body.items.map((item) => item.effects.effect3m.rate)).toEqual([12 / 20, 2 / 6, null]);
    const active = await search(open, '?targetGroup=aktivitetsparat&sort=effect3m');
    expect(active.items.map((item) => item.effects.effect3m.rate)).toEqual([1 / 4, 3 / 3]);
  });

  it('keeps the suppression rule (primary and the table’s secondary) and says the threshold', async () => {
    const body = await search(t, '?targetGroup=jobparat');
    expect(body.minCellSize).toBe(5);
    // T2's 4 aktivitetsparat enrollments are hidden, so T2 over jobparat + aktivitetsparat is too
    // (else it minus T2's jobparat figure would give them back).
    const both = await search(t, '?targetGroup=jobparat,aktivitetsparat');
    const t2 = both.items.find((item) => item.offer.offerId === 'T2')!;
    expect(t2.effects.effect3m).toMatchObject({ n: null, x: null, rate: null, suppressed: true });
    for (const group of ['jobparat', 'aktivitetsparat', 'jobparat,aktivitetsparat']) {
      for (const item of (await search(t, `?targetGroup=${group}`)).items) {
        const n = item.effects.effect3m.n;
        expect(n === null || n >= 5).toBe(true);
        // Complaints carry no target group, so a scoped row cannot report them.
        expect(item.effects.complaints).toBeNull();
      }
    }
    expect(await ids(t, '?targetGroup=jobparat,aktivitetsparat&minEffect3m=0')).not.toContain('T2');
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
    expect(body.differences[0]!.measures.effect3m!.difference).toBeCloseTo(2 / 6 - 12 / 20, 12);
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
