// Bounded work per /v1/effects request (issue 10): repeated grouping keys are a 400, a table
// over EVG_EFFECTS_MAX_ROWS is refused before it is built, and a JSON table is serialised once
// per data version and query.
import { GROUP_KEYS, type GroupKey } from '@evg/effects';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ServedModel } from '../../src/read-model/served-model.ts';
import { refreshFixture } from '../app/fixture.ts';
import { createTestApp, type TestApp } from '../app/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ EVG_EFFECTS_MAX_ROWS: '6' });
});
afterAll(() => t.close());

/** Every grouping of up to three keys. */
const GROUPINGS: GroupKey[][] = [[]];
for (const a of GROUP_KEYS) {
  GROUPINGS.push([a]);
  for (const b of GROUP_KEYS) {
    if (b !== a) GROUPINGS.push([a, b]);
    for (const c of GROUP_KEYS) if (new Set([a, b, c]).size === 3) GROUPINGS.push([a, b, c]);
  }
}

describe('GET /v1/effects limits', () => {
  it('answers a grouping key given twice with 400 naming groupBy (it was a 500)', async () => {
    for (const groupBy of ['offer,offer', 'provider,period,provider', 'targetGroup, targetGroup']) {
      const response = await t.app.inject(`/v1/effects?groupBy=${encodeURIComponent(groupBy)}`);
      expect(response.statusCode, groupBy).toBe(400);
      expect(response.json()).toMatchObject({
        type: 'https://evg.kk.dk/problems/validation',
        errors: [{ in: 'query', name: 'groupBy', message: 'names a grouping key twice' }],
      });
    }
  });

  it('counts exactly the rows the table has, for every grouping', async () => {
    const model = t.app.readModel.current;
    for (const groupBy of GROUPINGS) {
      for (const periodUnit of ['halfYear', 'quarter', 'year'] as const) {
        const rows = (await model.effects({ groupBy, period: undefined, periodUnit })).length;
        expect(await model.tableRows(groupBy, periodUnit), `${groupBy.join(',')} ${periodUnit}`).toBe(rows);
      }
    }
  });

  it('refuses a table over the row limit with 422 problem+json, before building it', async () => {
    const model = t.app.readModel.current;
    const sizes = await Promise.all(GROUPINGS.map((groupBy) => model.tableRows(groupBy, 'halfYear')));
    const large = GROUPINGS[sizes.findIndex((rows) => rows > 6)]!;
    const small = GROUPINGS[sizes.findIndex((rows) => rows > 1 && rows <= 6)]!;
    const build = vi.spyOn(model, 'tableBody');
    try {
      for (const format of ['json', 'csv']) {
        const response = await t.app.inject(`/v1/effects?groupBy=${large.join(',')}&format=${format}`);
        expect(response.statusCode).toBe(422);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.json()).toMatchObject({
          type: 'https://evg.kk.dk/problems/table-too-large',
          errors: [{ in: 'query', name: 'groupBy' }],
        });
      }
      expect(build).not.toHaveBeenCalled();
      const allowed = await t.app.inject(`/v1/effects?groupBy=${small.join(',')}`);
      expect(allowed.statusCode).toBe(200);
      expect((allowed.json() as unknown[]).length).toBe(await model.tableRows(small, 'halfYear'));
    } finally {
      build.mockRestore();
    }
  });

  it('serialises a JSON table once per data version and query, and sends the same body again', async () => {
    const model = t.app.readModel.current;
    const build = vi.spyOn(model, 'tableBody');
    try {
      const url = '/v1/effects?groupBy=targetGroup&period=2025H1';
      const first = await t.app.inject(url);
      const second = await t.app.inject(url);
      expect(first.statusCode).toBe(200);
      expect(second.body).toBe(first.body);
      expect(second.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(second.headers.etag).toBe(first.headers.etag);
      expect(second.headers['evg-min-cell-size']).toBe(first.headers['evg-min-cell-size']);
      expect(build).toHaveBeenCalledTimes(1);
      // Another period is another table.
      await t.app.inject('/v1/effects?groupBy=targetGroup&period=2025H2');
      expect(build).toHaveBeenCalledTimes(2);
    } finally {
      build.mockRestore();
    }
  });

  it('has the tables asked of one data version built before the next is served', async () => {
    const url = '/v1/effects?groupBy=offer&format=csv';
    const before = await t.app.inject(url);
    expect(before.statusCode).toBe(200);
    const build = vi.spyOn(ServedModel.prototype, 'tableBody');
    try {
      await refreshFixture(t.database.db);
      await t.app.readModel.reload();
      const served = t.app.readModel.current;
      // Built on the new model during the swap: this table and the others asked before it here.
      const warmed = build.mock.calls.length;
      expect(
        build.mock.calls.some(([query, output]) => output.kind === 'csv' && query.groupBy.join() === 'offer'),
      ).toBe(true);
      expect(build.mock.contexts.every((model) => model === served)).toBe(true);
      const after = await t.app.inject(url);
      expect(after.statusCode).toBe(200);
      expect(after.headers.etag).not.toBe(before.headers.etag);
      expect(after.body).toBe(before.body);
      expect(build).toHaveBeenCalledTimes(warmed);
    } finally {
      build.mockRestore();
    }
  });
});
