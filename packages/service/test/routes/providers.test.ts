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
}

describe('GET /v1/providers', () => {
  it('lists providers with their offer count and the same measures as offers', async () => {
    const response = await t.app.inject('/v1/providers');
    expect(response.statusCode, response.body).toBe(200);
    const items = response.json<{
      items: { provider: { providerId: string }; offerCount: number; effects: { effect3m: Rate } }[];
    }>().items;
    expect(items.map((item) => [item.provider.providerId, item.offerCount])).toEqual([
      ['P1', 2],
      ['P2', 2],
    ]);
    // P1 = T1 (12/20) + T2 (3/11); P2 = T3 (3/3) + T4 (2/4): two suppressed offers, a shown provider.
    expectPublished(items[0]!.effects.effect3m, { n: 31, x: 15 }, 'P1');
    expectPublished(items[1]!.effects.effect3m, { n: 7, x: 5 }, 'P2');
  });
});

describe('GET /v1/providers/{id}', () => {
  it("gives the provider's measures, target-group breakdown and offers", async () => {
    const response = await t.app.inject('/v1/providers/P1?period=2025H1');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{
      effects: { effect3m: Rate };
      byTargetGroup: { targetGroup: string; effect3m: Rate }[];
      offers: { offer: { offerId: string } }[];
    }>();
    expectPublished(body.effects.effect3m, { n: 21, x: 8 }, 'P1 2025H1');
    expect(body.byTargetGroup.map((row) => row.targetGroup).sort()).toEqual([
      'aktivitetsparat',
      'jobparat',
      'sygedagpenge',
    ]);
    expect(body.byTargetGroup.find((row) => row.targetGroup === 'aktivitetsparat')!.effect3m.suppressed).toBe(
      true,
    );
    expect(body.offers.map((entry) => entry.offer.offerId)).toEqual(['T1', 'T2']);
  });

  it('answers 404 for an unknown provider', async () => {
    const response = await t.app.inject('/v1/providers/P9');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ type: 'https://evg.kk.dk/problems/not-found' });
  });
});
