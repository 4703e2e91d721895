import { parse } from 'csv-parse/sync';
import { aggregateCells, DEFAULT_MEASURES, effectCsvColumns, toEffectRow } from '@evg/effects';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app/test-app.ts';
import { AS_OF, benefitTypes, fixtureFineCells, offers, providers } from '../app/fixture.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Row = Record<string, unknown> & { effect3m: { n: number | null; suppressed: boolean } };

describe('GET /v1/effects as JSON', () => {
  it('gives exactly the rows the engine computes for the grouping and period', async () => {
    const response = await t.app.inject('/v1/effects?groupBy=offer,targetGroup&period=2025H1');
    expect(response.statusCode, response.body).toBe(200);
    const expected = aggregateCells(
      {
        asOf: AS_OF,
        catalog: { benefitTypes, offers, providers },
        groupBy: ['offer', 'targetGroup'],
        period: { from: '2025-01-01', to: '2025-06-30' },
      },
      fixtureFineCells(),
    ).map((cell) => toEffectRow(cell, DEFAULT_MEASURES));
    expect(response.json()).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it('groups by period with the chosen unit and accepts from/to on month boundaries', async () => {
    const byQuarter = (await t.app.inject('/v1/effects?groupBy=period&periodUnit=quarter')).json<Row[]>();
    expect(byQuarter.map((row) => row.period)).toContain('2025Q1');
    const range = await t.app.inject('/v1/effects?groupBy=offer&from=2025-01-01&to=2025-06-30');
    const named = await t.app.inject('/v1/effects?groupBy=offer&period=2025H1');
    expect(range.json()).toEqual(named.json());
  });

  it('suppresses small cells', async () => {
    const rows = (await t.app.inject('/v1/effects?groupBy=offer,targetGroup')).json<Row[]>();
    const small = rows.find((row) => row.offerId === 'T2' && row.targetGroup === 'aktivitetsparat')!;
    expect(small.effect3m).toMatchObject({ n: null, x: null, rate: null, suppressed: true });
  });

  it.each([
    ['?groupBy=colour', 'groupBy'],
    ['?from=2025-01-15', 'from'],
    ['?to=2025-06-15', 'to'],
    ['?from=2025-07-01&to=2025-06-30', 'to'],
    ['?period=2025H1&from=2025-01-01', 'period'],
    ['?format=xml', 'format'],
  ])('%s is a 400 problem naming %s', async (query, name) => {
    const response = await t.app.inject(`/v1/effects${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json<{ errors: { name: string }[] }>().errors.map((error) => error.name)).toContain(name);
  });
});

describe('GET /v1/effects as CSV', () => {
  it('streams the columns of evg effects --format csv with the same numbers as the JSON', async () => {
    const json = (await t.app.inject('/v1/effects?groupBy=offer,targetGroup')).json<Row[]>();
    const response = await t.app.inject({
      url: '/v1/effects?groupBy=offer,targetGroup',
      headers: { accept: 'text/csv' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const records = parse(response.body, { columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0]!)).toEqual(effectCsvColumns(['offer', 'targetGroup'], DEFAULT_MEASURES));
    expect(records).toHaveLength(json.length);
    json.forEach((row, index) => {
      const record = records[index]!;
      expect(record.offerId).toBe(row.offerId);
      const effect3m = row.effect3m as Record<string, number | boolean | null>;
      for (const field of ['n', 'x', 'rate', 'ciLow', 'ciHigh', 'adjustedRate']) {
        const value = effect3m[field];
        expect(record[`effect3m_${field}`]).toBe(value === null ? '' : String(value));
      }
      expect(record.effect3m_suppressed).toBe(String(effect3m.suppressed));
      expect(record.started).toBe(row.started === null ? '' : String(row.started));
    });
  });

  it('suppresses small cells in CSV too: empty figures and suppressed = true', async () => {
    const response = await t.app.inject('/v1/effects?groupBy=offer,targetGroup&format=csv');
    const records = parse(response.body, { columns: true }) as Record<string, string>[];
    const small = records.find(
      (record) => record.offerId === 'T2' && record.targetGroup === 'aktivitetsparat',
    )!;
    expect(small).toMatchObject({
      effect3m_n: '',
      effect3m_x: '',
      effect3m_rate: '',
      effect3m_suppressed: 'true',
    });
    expect(small.companyShare_n).toBe('');
  });

  it('answers CSV for ?format=csv whatever the Accept header says', async () => {
    const response = await t.app.inject({
      url: '/v1/effects?format=csv',
      headers: { accept: 'application/json' },
    });
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.body.split('\r\n')[0]).toBe(effectCsvColumns([], DEFAULT_MEASURES).join(','));
  });
});

describe('GET /v1/effects caching', () => {
  it('sets ETag and Last-Modified from the data version and answers 304 to If-None-Match', async () => {
    const first = await t.app.inject('/v1/effects?groupBy=offer');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"v1-json"$/);
    expect(new Date(first.headers['last-modified'] as string).getTime()).not.toBeNaN();
    const again = await t.app.inject({
      url: '/v1/effects?groupBy=offer',
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const csv = await t.app.inject({
      url: '/v1/effects?groupBy=offer&format=csv',
      headers: { 'if-none-match': etag },
    });
    expect(csv.statusCode).toBe(200);
  });
});
