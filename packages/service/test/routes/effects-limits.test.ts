// Bounded work per /v1/effects request (issue 10): repeated grouping keys are a 400, a table
// over EVG_EFFECTS_MAX_ROWS is refused before it is built, and a JSON table is serialised once
// per data version and query.
import { GROUP_KEYS, type GroupKey } from '@evg/effects';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EffectsBodies } from '../../src/http/effects-bodies.ts';
import { effectsTableRows } from '../../src/http/effects-cost.ts';
import type { ReadModel } from '../../src/read-model/read-model.ts';
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

  it('counts exactly the rows the table has, for every grouping', () => {
    const model = t.app.readModel.current;
    for (const groupBy of GROUPINGS) {
      for (const periodUnit of ['halfYear', 'quarter', 'year'] as const) {
        const rows = model.effects({ groupBy, period: undefined, periodUnit }).length;
        expect(effectsTableRows(model, groupBy, periodUnit), `${groupBy.join(',')} ${periodUnit}`).toBe(rows);
      }
    }
  });

  it('refuses a table over the row limit with 422 problem+json, before building it', async () => {
    const model = t.app.readModel.current;
    const large = GROUPINGS.find((groupBy) => effectsTableRows(model, groupBy, 'halfYear') > 6)!;
    const small = GROUPINGS.find((groupBy) => {
      const rows = effectsTableRows(model, groupBy, 'halfYear');
      return rows > 1 && rows <= 6;
    })!;
    const build = vi.spyOn(model, 'effects');
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
      expect((allowed.json() as unknown[]).length).toBe(effectsTableRows(model, small, 'halfYear'));
    } finally {
      build.mockRestore();
    }
  });

  it('serialises a JSON table once per data version and query, and sends the same body again', async () => {
    const model = t.app.readModel.current;
    const build = vi.spyOn(model, 'effects');
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
});

describe('EffectsBodies', () => {
  const modelA = {} as ReadModel;
  const modelB = {} as ReadModel;

  it('builds a body once per model and key, and keeps at most its byte budget, oldest out first', () => {
    const bodies = new EffectsBodies(10);
    const build = vi.fn((text: string) => text);
    expect(bodies.get(modelA, 'a', () => build('aaaa'))).toBe('aaaa');
    expect(bodies.get(modelA, 'a', () => build('other'))).toBe('aaaa');
    expect(build).toHaveBeenCalledTimes(1);
    // Another model (a new data version) builds its own.
    expect(bodies.get(modelB, 'a', () => build('bbbb'))).toBe('bbbb');
    bodies.get(modelA, 'b', () => build('bbbb'));
    bodies.get(modelA, 'c', () => build('cccc')); // 12 > 10: 'a' goes
    expect(bodies.get(modelA, 'a', () => build('new'))).toBe('new');
    expect(bodies.get(modelA, 'c', () => build('x'))).toBe('cccc');
    // A body larger than the whole budget is sent, never kept.
    expect(bodies.get(modelA, 'huge', () => build('h'.repeat(11)))).toHaveLength(11);
    expect(bodies.get(modelA, 'huge', () => build('again'))).toBe('again');
  });
});
