import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

interface Context {
  active: number | null;
  started: number | null;
  completed: number | null;
  ageUnder30Share: { n: number | null; x: number | null; suppressed: boolean };
  unemploymentDuration: { n: number | null; bands: Record<string, number | null>; suppressed: boolean };
}

describe('GET /v1/target-groups/{code}/profile', () => {
  it('gives started, completed, the age split at 30 and the duration bands', async () => {
    const response = await t.app.inject('/v1/target-groups/jobparat/profile');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<Context & { targetGroup: { code: string; name: string } }>();
    expect(body.targetGroup).toEqual({ code: 'jobparat', name: 'Jobparat' });
    // 20 T1 + 6 T2 jobparat enrollments, all ended before asOf; every other person is under 30.
    expect(body).toMatchObject({ started: 26, completed: 26, active: 0 });
    expect(body.ageUnder30Share).toMatchObject({ n: 26, x: 13, suppressed: false });
    expect(body.unemploymentDuration.n).toBe(26);
    const shares = Object.values(body.unemploymentDuration.bands) as number[];
    expect(shares.reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 10);
  });

  it('limits the figures to the period and suppresses small groups', async () => {
    const response = await t.app.inject('/v1/target-groups/aktivitetsparat/profile?period=2025H1');
    const body = response.json<Context>();
    expect(body.started).toBe(7);
    expect(body.ageUnder30Share).toMatchObject({ n: 7, suppressed: false });
    // Sygedagpenge enrollments all start in 2025H1.
    const none = (await t.app.inject('/v1/target-groups/sygedagpenge/profile?period=2024H2')).json<Context>();
    expect(none.ageUnder30Share).toMatchObject({ n: null, suppressed: true });
  });

  it('answers 404 for an unknown target group', async () => {
    expect((await t.app.inject('/v1/target-groups/ukendt/profile')).statusCode).toBe(404);
  });
});
