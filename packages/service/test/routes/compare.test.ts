import { newcombeDifference } from '@evg/effects';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app/test-app.ts';
import { expectPublished } from '../support/published.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Rate = { n: number | null; x: number | null; rate: number | null; suppressed: boolean };
type Difference = { difference: number; ciLow: number; ciHigh: number; significant: boolean } | null;
interface Comparison {
  reference: string;
  offers: { offer: { offerId: string }; effects: { effect3m: Rate } }[];
  differences: { offerId: string; measures: Record<string, Difference> }[];
}

describe('GET /v1/compare', () => {
  it('puts the offers side by side with the Newcombe difference of each against the first', async () => {
    const response = await t.app.inject('/v1/compare?ids=T1,T2');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<Comparison>();
    expect(body.reference).toBe('T1');
    expect(body.offers.map((entry) => entry.offer.offerId)).toEqual(['T1', 'T2']);
    const [t2] = body.differences;
    expect(t2!.offerId).toBe('T2');
    // T2 has effect3m 2/6 (jobparat) + 1/4 (aktivitetsparat) + 0/1 (sygedagpenge) = 3/11; T1 has 12/20.
    // The difference is computed from the published counts the page shows beside it.
    const [one, two] = body.offers.map((entry) => entry.effects.effect3m);
    expectPublished(one, { n: 20, x: 12 }, 'T1');
    expectPublished(two, { n: 11, x: 3 }, 'T2');
    const expected = newcombeDifference({ x: two!.x!, n: two!.n! }, { x: one!.x!, n: one!.n! });
    expect(t2!.measures.effect3m!.difference).toBeCloseTo(expected.difference, 12);
    expect(t2!.measures.effect3m!.ciLow).toBeCloseTo(expected.ciLow, 12);
    expect(t2!.measures.effect3m!.ciHigh).toBeCloseTo(expected.ciHigh, 12);
    expect(t2!.measures.effect3m!.significant).toBe(expected.significant);
  });

  it('gives no difference against a suppressed offer, so nothing suppressed can be derived', async () => {
    const body = (await t.app.inject('/v1/compare?ids=T1,T3,T4')).json<Comparison>();
    for (const entry of body.differences) {
      expect(Object.values(entry.measures).every((difference) => difference === null)).toBe(true);
    }
  });

  it.each([
    ['?ids=T1', 'ids'],
    ['?ids=T1,T2,T3,T4,T1,T2,T3', 'ids'],
    ['', 'ids'],
    ['?ids=T1,T2&extra=1', 'extra'],
  ])('%s is a 400 problem naming %s', async (query, name) => {
    const response = await t.app.inject(`/v1/compare${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.json<{ errors: { name: string }[] }>().errors.map((error) => error.name)).toContain(name);
  });

  it('answers 404 naming the unknown ids', async () => {
    const response = await t.app.inject('/v1/compare?ids=T1,X9');
    expect(response.statusCode).toBe(404);
    expect(response.json<{ detail: string }>().detail).toContain('X9');
  });
});
