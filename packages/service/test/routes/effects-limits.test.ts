// Bounded work per /v1/effects request (issue 10): repeated grouping keys are a 400, a table
// over EVG_EFFECTS_MAX_ROWS is refused before it is built, and a JSON table is serialised once
// per data version and query.
import { GROUP_KEYS, type GroupKey } from '@evg/effects';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EffectsBodies } from '../../src/http/effects-bodies.ts';
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
});

describe('EffectsBodies', () => {
  const modelA = {};
  const modelB = {};
  const bytes = (text: string) => new TextEncoder().encode(text);
  const text = async (body: Promise<Uint8Array>) => new TextDecoder().decode(await body);

  it('builds a body once per model and key, and keeps at most its byte budget, oldest out first', async () => {
    const bodies = new EffectsBodies(10);
    const build = vi.fn(async (value: string) => bytes(value));
    expect(await text(bodies.get(modelA, 'a', () => build('aaaa')))).toBe('aaaa');
    expect(await text(bodies.get(modelA, 'a', () => build('other')))).toBe('aaaa');
    expect(build).toHaveBeenCalledTimes(1);
    // Another model (a new data version) builds its own.
    expect(await text(bodies.get(modelB, 'a', () => build('bbbb')))).toBe('bbbb');
    await bodies.get(modelA, 'b', () => build('bbbb'));
    await bodies.get(modelA, 'c', () => build('cccc')); // 12 > 10: 'a' goes
    expect(await text(bodies.get(modelA, 'a', () => build('new')))).toBe('new');
    expect(await text(bodies.get(modelA, 'c', () => build('x')))).toBe('cccc');
    // A body larger than the whole budget is sent, never kept.
    expect(await bodies.get(modelA, 'huge', () => build('h'.repeat(11)))).toHaveLength(11);
    expect(await text(bodies.get(modelA, 'huge', () => build('again')))).toBe('again');
  });

  it('shares one build between concurrent requests and forgets a failed one', async () => {
    const bodies = new EffectsBodies(100);
    const build = vi.fn(async () => bytes('body'));
    const [first, second] = await Promise.all([
      text(bodies.get(modelA, 'k', build)),
      text(bodies.get(modelA, 'k', build)),
    ]);
    expect([first, second]).toEqual(['body', 'body']);
    expect(build).toHaveBeenCalledTimes(1);
    await expect(bodies.get(modelA, 'bad', () => Promise.reject(new Error('worker lost')))).rejects.toThrow();
    expect(await text(bodies.get(modelA, 'bad', build))).toBe('body');
  });
});
