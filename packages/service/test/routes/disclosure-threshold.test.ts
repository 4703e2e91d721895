import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ EVG_MIN_CELL_SIZE: '7' });
});
afterAll(() => t.close());

describe('the disclosure threshold in every answer carrying statistics', () => {
  it.each([
    '/v1/offers',
    '/v1/offers/T1',
    '/v1/compare?ids=T1,T2',
    '/v1/providers',
    '/v1/providers/P1',
    '/v1/target-groups/jobparat/profile',
  ])('%s says minCellSize, the threshold its figures were suppressed with', async (url) => {
    const response = await t.app.inject(url);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<{ minCellSize: number }>().minCellSize).toBe(7);
  });

  it('/v1/effects keeps the bare table and says the threshold in EVG-Min-Cell-Size', async () => {
    for (const format of ['json', 'csv']) {
      const response = await t.app.inject(`/v1/effects?groupBy=offer,targetGroup&format=${format}`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['evg-min-cell-size']).toBe('7');
    }
    const rows = (await t.app.inject('/v1/effects?groupBy=offer,targetGroup')).json<
      { offerId: string; targetGroup: string; effect3m: { n: number | null } }[]
    >();
    // T2's 6 jobparat enrollments are shown at 5 but not at 7.
    const t2 = rows.find((row) => row.offerId === 'T2' && row.targetGroup === 'jobparat')!;
    expect(t2.effect3m.n).toBeNull();
  });
});
