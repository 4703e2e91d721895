import { parse } from 'csv-parse/sync';
import { aggregateCells, DEFAULT_MEASURES, effectCsvColumns, effectRowJson, toEffectRow } from '@evg/effects';
import { roundFor } from '../../src/spreadsheet/table.ts';
import { readXlsx } from '../support/read-xlsx.ts';
import { bearer } from '../app/test-app.ts';
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
    ).map((cell) => effectRowJson(toEffectRow(cell, DEFAULT_MEASURES)));
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
  it('streams the columns of evg effects --format csv, names beside ids, the JSON numbers rounded', async () => {
    const json = (await t.app.inject('/v1/effects?groupBy=offer,targetGroup')).json<Row[]>();
    const response = await t.app.inject({
      url: '/v1/effects?groupBy=offer,targetGroup',
      headers: { accept: 'text/csv' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const records = parse(response.body, { columns: true }) as Record<string, string>[];
    const [offerId, targetGroup, ...figures] = effectCsvColumns(['offer', 'targetGroup'], DEFAULT_MEASURES);
    expect(Object.keys(records[0]!)).toEqual([
      offerId,
      'offerName',
      targetGroup,
      'targetGroupName',
      ...figures,
    ]);
    expect(records).toHaveLength(json.length);
    json.forEach((row, index) => {
      const record = records[index]!;
      expect(record.offerId).toBe(row.offerId);
      expect(record.offerName).toBe(offers.find((offer) => offer.offerId === row.offerId)!.name);
      const effect3m = row.effect3m as Record<string, number | boolean | null>;
      for (const field of ['n', 'x']) {
        const value = effect3m[field];
        expect(record[`effect3m_${field}`]).toBe(value === null ? '' : String(value));
      }
      for (const field of ['rate', 'ciLow', 'ciHigh', 'adjustedRate']) {
        const value = effect3m[field] as number | null;
        expect(record[`effect3m_${field}`]).toBe(value === null ? '' : String(roundFor('share', value)));
        if (value !== null)
          expect(Math.abs(Number(record[`effect3m_${field}`]) - value)).toBeLessThanOrEqual(0.00005);
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

  it('csvDialect=excel-da: BOM, semicolons and decimal commas, the same figures', async () => {
    const plain = await t.app.inject('/v1/effects?groupBy=offer&format=csv');
    const danish = await t.app.inject('/v1/effects?groupBy=offer&csvDialect=excel-da');
    expect(danish.statusCode).toBe(200);
    expect(danish.headers['content-type']).toMatch(/^text\/csv/);
    expect(danish.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const parsedPlain = parse(plain.body, { columns: true }) as Record<string, string>[];
    const parsedDanish = parse(danish.body, { columns: true, delimiter: ';', bom: true }) as Record<
      string,
      string
    >[];
    expect(parsedDanish.map((r) => r.effect3m_rate)).toEqual(
      parsedPlain.map((r) => r.effect3m_rate!.replace('.', ',')),
    );
    expect(parsedDanish.some((r) => r.effect3m_rate!.includes(','))).toBe(true);
    expect(danish.headers.etag).not.toBe(plain.headers.etag);
  });

  it('neutralises a catalogue name that a spreadsheet would run as a formula', async () => {
    const t1 = offers.find((offer) => offer.offerId === 'T1')!;
    const { offerId: _id, ...body } = t1;
    const hostile = '=HYPERLINK("http://evil.example","klik")';
    const put = await t.app.inject({
      method: 'PUT',
      url: '/v1/admin/offers/T1',
      headers: bearer(t.keys.admin),
      payload: { ...body, name: hostile },
    });
    expect(put.statusCode, put.body).toBe(200);
    try {
      const csv = await t.app.inject('/v1/effects?groupBy=offer&format=csv');
      const records = parse(csv.body, { columns: true }) as Record<string, string>[];
      expect(records.find((r) => r.offerId === 'T1')!.offerName).toBe(`'${hostile}`);
    } finally {
      await t.app.inject({
        method: 'PUT',
        url: '/v1/admin/offers/T1',
        headers: bearer(t.keys.admin),
        payload: body,
      });
    }
  });

  it('answers 400 naming csvDialect when it contradicts the format', async () => {
    const response = await t.app.inject('/v1/effects?format=json&csvDialect=excel-da');
    expect(response.statusCode).toBe(400);
    expect(response.json<{ errors: { name: string }[] }>().errors.map((e) => e.name)).toEqual(['csvDialect']);
  });
});

describe('GET /v1/effects as xlsx', () => {
  it('is a workbook of real numbers, shares as percentages, Danish headers and names beside ids', async () => {
    const json = (await t.app.inject('/v1/effects?groupBy=offer,targetGroup')).json<Row[]>();
    const response = await t.app.inject('/v1/effects?groupBy=offer,targetGroup&format=xlsx');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="evg-effekter-v\d+\.xlsx"$/,
    );
    const sheets = readXlsx(response.rawPayload);
    const [header, ...rows] = sheets.Effekter!;
    const headings = header!.map((cell) => cell.value);
    expect(headings.slice(0, 4)).toEqual(['Tilbud-id', 'Tilbud', 'Målgruppe (kode)', 'Målgruppe']);
    const rate = headings.indexOf('3 mdr. effekt: andel');
    const n = headings.indexOf('3 mdr. effekt: n');
    const hidden = headings.indexOf('3 mdr. effekt: skjult');
    expect(rows).toHaveLength(json.length);
    json.forEach((row, i) => {
      const cells = rows[i]!;
      const effect3m = row.effect3m as unknown as Record<string, number | boolean | null>;
      expect(cells[0]!.value).toBe(row.offerId);
      expect(cells[1]!.value).toBe(offers.find((offer) => offer.offerId === row.offerId)!.name);
      expect(cells[rate]?.value ?? null).toBe(
        effect3m.rate === null ? null : roundFor('share', effect3m.rate as number),
      );
      if (effect3m.rate !== null) expect(cells[rate]!.format).toBe('0.0%');
      expect(cells[n]?.value ?? null).toBe(effect3m.n);
      expect(cells[hidden]!.value).toBe(effect3m.suppressed);
    });
    expect(rows.some((cells) => typeof cells[rate]?.value === 'number')).toBe(true);
  });

  it('has an "Om data" sheet with the cut-off, the data version and the disclosure rule', async () => {
    const response = await t.app.inject('/v1/effects?groupBy=offer&period=2025H1&format=xlsx');
    const about = Object.fromEntries(
      readXlsx(response.rawPayload)['Om data']!.map((r) => [r[0]!.value, r[1]?.value]),
    );
    const version = (await t.app.inject('/v1/offers?limit=1')).json<{ dataVersion: number }>().dataVersion;
    expect(about.Dataversion).toBe(version);
    expect(typeof about['Data til og med']).toBe('number'); // an Excel date serial number
    expect(about.Diskretionsgrænse).toBe(Number(response.headers['evg-min-cell-size']));
    expect(about.Diskretionering).toMatch(/færre end \d+ borgere/);
    expect(about.Periode).toBe('2025-01-01 – 2025-06-30');
    expect(about.Udtræk).toBe('/v1/effects?groupBy=offer&period=2025H1&format=xlsx');
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
