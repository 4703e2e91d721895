/**
 * The client against the running service: the app on its own test database with the API
 * fixture, listening on a real port, called through fetch as a jobcenter system would.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvgClient, type EvgClient } from '@evg/client';
import { createTestApp, type TestApp } from '../../service/test/app/test-app.ts';
import { searchAndCompare } from '../examples/search-and-compare.ts';

let t: TestApp;
let baseUrl: string;
let evg: EvgClient;
const requested: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  evg = createEvgClient({
    baseUrl,
    fetch: (request) => {
      requested.push(request.url.slice(baseUrl.length));
      return fetch(request);
    },
  });
});
afterAll(() => t?.close());

describe('@evg/client against the service', () => {
  it('searches by target group: figures over that group, lists comma-separated, numbers as numbers', async () => {
    const { data, error, response } = await evg.GET('/v1/offers', {
      params: { query: { targetGroup: ['jobparat'], sort: '-effect3m', limit: 3 } },
    });
    expect(error, JSON.stringify(error)).toBeUndefined();
    expect(response.status).toBe(200);
    expect(requested.at(-1)).toBe('/v1/offers?targetGroup=jobparat&sort=-effect3m&limit=3');
    expect(data!.scope).toEqual({ targetGroups: ['jobparat'] });
    expect(data!.total).toBe(3);
    expect(data!.items.map((item) => item.offer.offerId)).toEqual(['T1', 'T2', 'T4']);
    for (const item of data!.items) expect(item.offer.targetGroups).toContain('jobparat');
    // T1: 20 jobparat enrollments, 12 self-sufficient; published counts are within maxPerturbation.
    const t1 = data!.items[0]!.effects.effect3m;
    expect(Math.abs(t1.n! - 20)).toBeLessThanOrEqual(data!.maxPerturbation);
    expect(t1.rate).toBeCloseTo(t1.x! / t1.n!, 12);
    expect(data!.items[2]!.effects.effect3m.suppressed).toBe(true);
  });

  it('sends a boolean and two list items as the API reads them', async () => {
    const { data, error } = await evg.GET('/v1/offers', {
      params: { query: { targetGroup: ['jobparat', 'aktivitetsparat'], accessible: true } },
    });
    expect(error).toBeUndefined();
    expect(requested.at(-1)).toBe('/v1/offers?targetGroup=jobparat,aktivitetsparat&accessible=true');
    // T1 and T3 are accessible, T2 is not, T4 does not say.
    expect(data!.items.map((item) => item.offer.offerId).sort()).toEqual(['T1', 'T3']);
    expect(data!.scope.targetGroups).toEqual(['jobparat', 'aktivitetsparat']);
    const notAccessible = await evg.GET('/v1/offers', { params: { query: { accessible: false } } });
    expect(notAccessible.data!.items.map((item) => item.offer.offerId)).toEqual(['T2']);
  });

  it('compares three offers against the first, over the target group', async () => {
    const { data, error } = await evg.GET('/v1/compare', {
      params: { query: { ids: ['T1', 'T2', 'T4'], targetGroup: ['jobparat'] } },
    });
    expect(error).toBeUndefined();
    expect(data!.reference).toBe('T1');
    expect(data!.offers.map((item) => item.offer.offerId)).toEqual(['T1', 'T2', 'T4']);
    expect(data!.differences.map((difference) => difference.offerId)).toEqual(['T2', 'T4']);
    const [t2, t4] = data!.differences;
    // T4 has no jobparat enrollments: nothing to compare. T2 has 6: a difference with its interval.
    expect(t4!.measures.effect3m).toBeNull();
    const effect3m = t2!.measures.effect3m!;
    expect(effect3m.ciLow).toBeLessThanOrEqual(effect3m.difference);
    expect(effect3m.ciHigh).toBeGreaterThanOrEqual(effect3m.difference);
  });

  it('reads the effect table with the same figures as the search', async () => {
    const { data, error } = await evg.GET('/v1/effects', {
      params: { query: { groupBy: ['offer', 'targetGroup'] } },
    });
    expect(error).toBeUndefined();
    expect(requested.at(-1)).toBe('/v1/effects?groupBy=offer,targetGroup');
    const search = await evg.GET('/v1/offers', { params: { query: { targetGroup: ['jobparat'] } } });
    for (const item of search.data!.items) {
      const row = data!.find(
        (cell) => cell.offerId === item.offer.offerId && cell.targetGroup === 'jobparat',
      );
      // The adjusted rate is standardised to the search's own reference population (the target
      // group), the table's to all enrollments, so only it may differ.
      const { adjustedRate: _searched, ...searched } = item.effects.effect3m;
      if (row) {
        const { adjustedRate: _tabled, ...tabled } = row.effect3m;
        expect(searched).toEqual(tabled);
      } else expect(item.effects.effect3m.suppressed || item.effects.effect3m.n === null).toBe(true);
    }
    expect(data!.some((row) => row.offerId === 'T1' && row.targetGroup === 'jobparat')).toBe(true);
  });

  it('downloads a spreadsheet export as a file', async () => {
    const { data, response } = await evg.GET('/v1/effects', {
      params: { query: { groupBy: ['offer'], format: 'csv', csvDialect: 'excel-da' } },
      parseAs: 'text',
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(typeof data).toBe('string');
    // Semicolons and decimal commas (response.text() has already dropped the BOM).
    expect(data).toMatch(/^offerId;offerName;/);
    expect(data).toMatch(/\nT1;[^\r\n]*;\d+,\d+;/);
  });

  it('answers an invalid query with a typed problem naming the parameter', async () => {
    const { data, error, response } = await evg.GET('/v1/offers', { params: { query: { limit: 0 } } });
    expect(data).toBeUndefined();
    expect(response.status).toBe(400);
    expect(error!.type).toBe('https://evg.kk.dk/problems/validation');
    expect(JSON.stringify(error)).toContain('limit');
  });

  it('sends the API key as a bearer token', async () => {
    const admin = createEvgClient({ baseUrl, apiKey: t.keys.admin });
    const anonymous = await evg.GET('/v1/admin/measures');
    expect(anonymous.response.status).toBe(401);
    const { data, error } = await admin.GET('/v1/admin/measures');
    expect(error).toBeUndefined();
    expect(data!.map((measure) => measure.key)).toContain('effect3m');
  });

  it('runs the README example: search by target group, compare the three best', async () => {
    const { offers, comparison } = await searchAndCompare(baseUrl, 'jobparat');
    expect(offers.map((item) => item.offer.offerId)).toEqual(['T1', 'T2', 'T4']);
    expect(comparison.reference).toBe('T1');
    expect(comparison.scope).toEqual({ targetGroups: ['jobparat'] });
    expect(comparison.offers.map((item) => item.offer.offerId)).toEqual(['T1', 'T2', 'T4']);
  });
});
