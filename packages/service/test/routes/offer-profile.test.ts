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
  ciLow: number | null;
  ciHigh: number | null;
  suppressed: boolean;
}
interface Row {
  targetGroup?: string;
  period?: string;
  effect3m: Rate;
  complaints: number | null;
}
interface Profile {
  offer: { offerId: string; description: string | null; targetGroups: string[] };
  provider: { providerId: string; name: string };
  effects: Row & Record<string, unknown>;
  byTargetGroup: Row[];
  trend: Row[];
  latestSupervision: { smiley: string; visitedOn: string } | null;
}

async function profile(path: string): Promise<Profile> {
  const response = await t.app.inject(path);
  expect(response.statusCode, response.body + t.errorLogs.join('\n')).toBe(200);
  return response.json<Profile>();
}

describe('GET /v1/offers/{id}', () => {
  it('gives the description, provider, every measure with its interval and the complaints', async () => {
    const body = await profile('/v1/offers/T1');
    expect(body.offer).toMatchObject({ offerId: 'T1', targetGroups: ['jobparat'] });
    expect(body.offer.description).toContain('rengøring');
    expect(body.provider).toMatchObject({ providerId: 'P1', name: 'Jobhuset ApS' });
    for (const key of ['effect3m', 'effect7m', 'status1m', 'status3m']) {
      const rate = body.effects[key] as Rate;
      expect(rate.suppressed).toBe(false);
      expect(rate.ciLow!).toBeLessThanOrEqual(rate.rate!);
      expect(rate.ciHigh!).toBeGreaterThanOrEqual(rate.rate!);
    }
    expect(body.effects.complaints).toBe(5);
    expect((await profile('/v1/offers/T2')).effects.complaints).toBeNull();
  });

  it('breaks the measures down by target group, suppressing small groups', async () => {
    const body = await profile('/v1/offers/T2');
    const byGroup = Object.fromEntries(body.byTargetGroup.map((row) => [row.targetGroup, row.effect3m]));
    expectPublished(byGroup.jobparat, { n: 6, x: 2 }, 'T2 jobparat');
    expect(byGroup.aktivitetsparat).toMatchObject({ n: null, x: null, rate: null, suppressed: true });
  });

  it('gives the half-year trend oldest first', async () => {
    const body = await profile('/v1/offers/T1');
    expect(body.trend.map((row) => row.period)).toEqual(['2024H2', '2025H1']);
    expectPublished(body.trend[0]!.effect3m, { n: 10, x: 7 }, '2024H2');
    expectPublished(body.trend[1]!.effect3m, { n: 10, x: 5 }, '2025H1');
  });

  it('shows the latest supervision smiley', async () => {
    expect((await profile('/v1/offers/T1')).latestSupervision).toMatchObject({
      smiley: 'happy',
      visitedOn: '2025-05-01',
    });
    expect((await profile('/v1/offers/T2')).latestSupervision).toBeNull();
  });

  it('suppresses everything for an offer with fewer than 5 enrollments', async () => {
    const body = await profile('/v1/offers/T3');
    expect(body.effects.effect3m).toMatchObject({ n: null, rate: null, ciLow: null, suppressed: true });
    expect(body.trend.every((row) => row.effect3m.suppressed)).toBe(true);
  });

  it('answers 404 problem+json for an unknown offer', async () => {
    const response = await t.app.inject('/v1/offers/NOPE');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ type: 'https://evg.kk.dk/problems/not-found', status: 404 });
  });
});
