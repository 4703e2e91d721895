import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app/test-app.ts';
import { expectPublished } from '../support/published.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

interface Rate {
  n: number | null;
  x: number | null;
  rate: number | null;
  suppressed: boolean;
  adjustedRate?: number | null;
}
interface Item {
  offer: { offerId: string; name: string; priceDkk: number | null };
  provider: { providerId: string; kind: string } | null;
  effects: { effect3m: Rate; companyShare: Rate; satisfiedShare: Rate; costPerOutcome: number | null };
}
interface SearchBody {
  total: number;
  limit: number;
  offset: number;
  items: Item[];
  facets: Record<'targetGroup' | 'industry' | 'package' | 'provider', { value: string; count: number }[]>;
}

async function search(query: string): Promise<SearchBody> {
  const response = await t.app.inject(`/v1/offers${query}`);
  expect(response.statusCode, response.body + t.errorLogs.join('\n')).toBe(200);
  return response.json<SearchBody>();
}
const ids = async (query: string) => (await search(query)).items.map((item) => item.offer.offerId);

describe('GET /v1/offers: listing', () => {
  it('lists every offer by Danish name order with its provider and effect figures', async () => {
    const body = await search('');
    expect(body.total).toBe(4);
    expect(body.items.map((item) => item.offer.offerId)).toEqual(['T4', 'T2', 'T3', 'T1']);
    const t1 = body.items.find((item) => item.offer.offerId === 'T1')!;
    expect(t1.provider).toMatchObject({ providerId: 'P1', kind: 'external' });
    expectPublished(t1.effects.effect3m, { n: 20, x: 12 }, 'T1 effect3m');
    // Cost per outcome from the published rate, as every figure.
    expect(t1.effects.costPerOutcome).toBeCloseTo(10000 / t1.effects.effect3m.rate!, 6);
  });

  it('suppresses every figure of an offer with fewer than 5 enrollments', async () => {
    const t3 = (await search('?provider=P2')).items.find((item) => item.offer.offerId === 'T3')!;
    expect(t3.effects.effect3m).toMatchObject({ n: null, x: null, rate: null, suppressed: true });
    expect(t3.effects.companyShare.suppressed).toBe(true);
    expect(t3.effects.costPerOutcome).toBeNull();
  });
});

describe('GET /v1/offers: filters', () => {
  it('free text uses Danish stemming over name and description', async () => {
    expect(await ids('?q=rengøringen')).toEqual(['T1']);
    expect(await ids('?q=truckcertifikater')).toEqual(['T2']);
    expect(await ids('?q=ingenting')).toEqual([]);
  });

  it('filters by target group, industry, package, provider and provider kind (any of a list)', async () => {
    expect(await ids('?targetGroup=aktivitetsparat')).toEqual(['T2', 'T3']);
    expect(await ids('?industry=transport,it')).toEqual(['T4', 'T2']);
    expect(await ids('?package=mentorpakke')).toEqual(['T3']);
    expect(await ids('?provider=P1')).toEqual(['T2', 'T1']);
    expect(await ids('?providerKind=internal')).toEqual(['T4', 'T3']);
  });

  it('filters by price, hours, weeks and accessibility; offers without the value drop out', async () => {
    expect(await ids('?maxPrice=10000')).toEqual(['T3', 'T1']);
    expect(await ids('?minHours=30&maxHours=36')).toEqual(['T1']);
    expect(await ids('?minWeeks=5&maxWeeks=12')).toEqual(['T2', 'T1']);
    expect(await ids('?accessible=false')).toEqual(['T2']);
  });

  it('filters by a minimum outcome, satisfaction and company share; suppressed values never pass', async () => {
    expect(await ids('?minEffect3m=0.5')).toEqual(['T1']);
    expect(await ids('?minEffect3m=0.2')).toEqual(['T2', 'T1']);
    expect(await ids('?minEffect3m=0')).toEqual(['T2', 'T1']);
    expect(await ids('?minSatisfaction=0.6')).toEqual(['T1']);
    expect(await ids('?minCompanyShare=0.5')).toEqual([]);
    expect(await ids('?minCompanyShare=0.4')).toEqual(['T1']);
  });

  it('computes measures for the requested period', async () => {
    const inH1 = await search('?period=2025H1');
    const t1 = inH1.items.find((item) => item.offer.offerId === 'T1')!;
    // Only the cohort that ended in March 2025 counts for an end-anchored measure in 2025H1.
    expectPublished(t1.effects.effect3m, { n: 10, x: 5 }, 'T1 effect3m 2025H1');
    expect(await ids('?period=2024H2&minEffect3m=0.6')).toEqual(['T1']);
  });
});

describe('GET /v1/offers: sorting and paging', () => {
  it('sorts by a measure descending with suppressed and empty values last', async () => {
    expect(await ids('?sort=-effect3m')).toEqual(['T1', 'T2', 'T4', 'T3']);
    expect(await ids('?sort=effect3m')).toEqual(['T2', 'T1', 'T4', 'T3']);
  });

  it('sorts by adjusted rate, price, cost per outcome and name', async () => {
    const adjusted = await search('?sort=-effect3m.adjusted');
    const values = adjusted.items.map((item) => item.effects.effect3m.adjustedRate ?? null);
    const present = values.filter((value): value is number => value !== null);
    expect(present).toEqual([...present].sort((a, b) => b - a));
    expect(values.slice(present.length).every((value) => value === null)).toBe(true);
    expect(await ids('?sort=price')).toEqual(['T3', 'T1', 'T2', 'T4']);
    expect(await ids('?sort=-price')).toEqual(['T2', 'T1', 'T3', 'T4']);
    expect(await ids('?sort=costPerOutcome')).toEqual(['T1', 'T2', 'T4', 'T3']);
    expect(await ids('?sort=-name')).toEqual(['T1', 'T3', 'T2', 'T4']);
  });

  it('pages with limit and offset and reports the total', async () => {
    const page = await search('?sort=name&limit=2&offset=1');
    expect(page).toMatchObject({ total: 4, limit: 2, offset: 1 });
    expect(page.items.map((item) => item.offer.offerId)).toEqual(['T2', 'T3']);
    expect((await search('?offset=10')).items).toEqual([]);
  });
});

describe('GET /v1/offers: facets', () => {
  it('counts each facet with every other filter applied', async () => {
    const body = await search('?targetGroup=aktivitetsparat&provider=P1');
    expect(body.total).toBe(1);
    // Target groups of offers from P1 (the target-group filter itself is not applied).
    expect(body.facets.targetGroup).toEqual([
      { value: 'jobparat', count: 2 },
      { value: 'aktivitetsparat', count: 1 },
    ]);
    // Providers of aktivitetsparat offers (the provider filter itself is not applied).
    expect(body.facets.provider).toEqual([
      { value: 'P1', count: 1 },
      { value: 'P2', count: 1 },
    ]);
    expect(body.facets.package).toEqual([{ value: 'jobpakke', count: 1 }]);
    expect(body.facets.industry).toEqual([{ value: 'transport', count: 1 }]);
  });
});

describe('GET /v1/offers: invalid queries', () => {
  it.each([
    ['?colour=red', 'colour'],
    ['?limit=0', 'limit'],
    ['?limit=abc', 'limit'],
    ['?sort=height', 'sort'],
    ['?minEffect3m=1.5', 'minEffect3m'],
    ['?accessible=yes', 'accessible'],
    ['?targetGroup=a,,b', 'targetGroup'],
    ['?period=2026H3', 'period'],
  ])('%s is a 400 problem naming %s', async (query, name) => {
    const response = await t.app.inject(`/v1/offers${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json<{ type: string; errors: { in: string; name: string }[] }>();
    expect(problem.type).toBe('https://evg.kk.dk/problems/validation');
    expect(problem.errors.map((error) => error.name)).toContain(name);
    expect(problem.errors.every((error) => error.in === 'query')).toBe(true);
  });
});
