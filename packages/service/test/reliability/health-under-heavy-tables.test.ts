// /health stays free while heavy /v1/effects tables and exports are asked for (issue 10 item 5,
// issue 11 item 4). Not a wall-clock limit (the machines are shared): what is checked is where
// the work runs. With the read-model worker (the default), no table is aggregated, brought over
// as rows or serialised, no workbook or CSV is written and no model is built on the event loop's
// thread, whatever is requested (BI tables, the search as xlsx, an analyst's exact tables), so
// nothing there can keep /health waiting; /health answers while the heavy requests are still in
// the worker; and the bodies are byte for byte those of the event-loop build
// (EVG_READ_MODEL_WORKER=false), which is also the control showing the probes see work on this
// thread when it is there. Latency figures are in RELIABILITY.md ("/health under heavy tables"),
// from bench/health-under-load.ts.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ReadModel } from '../../src/read-model/read-model.ts';
import { WorkerModelHost } from '../../src/read-model/worker-model-host.ts';
import { tableCsvStream } from '../../src/spreadsheet/csv-writer.ts';
import { effectTable } from '../../src/spreadsheet/effect-table.ts';
import { offerTable } from '../../src/spreadsheet/offer-table.ts';
import { tableXlsx } from '../../src/spreadsheet/xlsx-writer.ts';
import { bearer, createTestApp, type TestApp } from '../app/test-app.ts';
import type * as XlsxWriter from '../../src/spreadsheet/xlsx-writer.ts';
import type * as CsvWriter from '../../src/spreadsheet/csv-writer.ts';
import type * as EffectTable from '../../src/spreadsheet/effect-table.ts';
import type * as OfferTable from '../../src/spreadsheet/offer-table.ts';

// The writers of every export, counted where they are called on this thread (the worker thread
// loads its own, uncounted copies).
vi.mock('../../src/spreadsheet/xlsx-writer.ts', async (load) => {
  const real = await load<typeof XlsxWriter>();
  return { ...real, tableXlsx: vi.fn(real.tableXlsx) };
});
vi.mock('../../src/spreadsheet/csv-writer.ts', async (load) => {
  const real = await load<typeof CsvWriter>();
  return { ...real, tableCsvStream: vi.fn(real.tableCsvStream) };
});
vi.mock('../../src/spreadsheet/effect-table.ts', async (load) => {
  const real = await load<typeof EffectTable>();
  return { ...real, effectTable: vi.fn(real.effectTable) };
});
vi.mock('../../src/spreadsheet/offer-table.ts', async (load) => {
  const real = await load<typeof OfferTable>();
  return { ...real, offerTable: vi.fn(real.offerTable) };
});

const GROUPINGS = [
  'offer,targetGroup,period',
  'offer,period,industry',
  'provider,targetGroup,period,industry',
  'offer,targetGroup,industry',
  'offer,providerKind,targetGroup,period',
  'package,targetGroup,period,industry',
];
const TABLES = GROUPINGS.flatMap((groupBy, i) =>
  ['json', 'csv', 'xlsx'].map(
    (format) =>
      `/v1/effects?groupBy=${groupBy}&periodUnit=${['quarter', 'halfYear', 'year'][i % 3]}&format=${format}`,
  ),
);
/** An analyst's exports: the search as a workbook, and exact tables (keyed, audited). */
const EXPORTS = [
  '/v1/offers?format=xlsx',
  '/v1/offers?format=xlsx&targetGroup=jobparat&sort=-effect3m',
  '/v1/offers?format=xlsx&period=2025H1&targetGroup=jobparat,ledig',
];
const EXACT = GROUPINGS.slice(0, 2).flatMap((groupBy) =>
  ['json', 'csv', 'xlsx'].map((format) => `/v1/effects?groupBy=${groupBy}&exact=true&format=${format}`),
);
const HEAVY = [...TABLES, ...EXPORTS, ...EXACT];
const get = (t: TestApp, url: string) =>
  t.app.inject({ url, headers: url.includes('exact=true') ? bearer(t.keys.analyst) : {} });

let worker: TestApp;
let onLoop: TestApp;
beforeAll(async () => {
  [worker, onLoop] = await Promise.all([createTestApp(), createTestApp({ EVG_READ_MODEL_WORKER: 'false' })]);
});
afterAll(() => Promise.all([worker.close(), onLoop.close()]));

/**
 * Counts the heavy work done on this thread while `run` runs: the read model's aggregations and
 * builds, a table's rows brought from the worker to be serialised here, and the writers of
 * tables, CSV and workbooks.
 */
async function workOnThisThread(run: () => Promise<unknown>) {
  const model = [
    vi.spyOn(ReadModel.prototype, 'effects'),
    vi.spyOn(ReadModel.prototype, 'offerViews'),
    vi.spyOn(ReadModel.prototype, 'emptyRow'),
  ];
  const asked = vi.spyOn(WorkerModelHost.prototype, 'run');
  const writers = [tableXlsx, tableCsvStream, effectTable, offerTable].map((writer) => vi.mocked(writer));
  for (const writer of writers) writer.mockClear();
  try {
    await run();
    const calls = (spies: { mock: { calls: unknown[] } }[]) =>
      spies.reduce((sum, spy) => sum + spy.mock.calls.length, 0);
    return {
      model: calls(model),
      rows: asked.mock.calls.filter(([, request]) => request.kind === 'effects').length,
      writers: calls(writers),
    };
  } finally {
    for (const spy of [...model, asked]) spy.mockRestore();
  }
}

describe('/health while heavy tables are requested', () => {
  it('does no table, export or model work on the event loop with the worker, and some without it', async () => {
    const requestAll = (t: TestApp) => async () => {
      const answers = await Promise.all(HEAVY.map((url) => get(t, url)));
      for (const [i, answer] of answers.entries()) expect(answer.statusCode, HEAVY[i]).toBe(200);
      // A new data version's model, built while the tables are asked for.
      await t.app.readModel.reload();
      await t.app.inject('/v1/offers?period=2025H1&targetGroup=jobparat,ledig');
    };
    expect(await workOnThisThread(requestAll(worker))).toEqual({ model: 0, rows: 0, writers: 0 });
    const control = await workOnThisThread(requestAll(onLoop));
    expect(control.model).toBeGreaterThan(0);
    // Every table, CSV and workbook of the list: one writer call or more each.
    expect(control.writers).toBeGreaterThan(TABLES.length + EXPORTS.length + EXACT.length);
  });

  it('builds every exact answer for its own request, never from a kept one', async () => {
    const asked = vi.spyOn(WorkerModelHost.prototype, 'run');
    try {
      const audited = async () =>
        (
          await worker.app.inject({
            url: '/v1/admin/exact-reads?limit=1000',
            headers: bearer(worker.keys.admin),
          })
        ).json<unknown[]>().length;
      const before = await audited();
      for (const url of [...EXACT, ...EXACT]) {
        const answer = await get(worker, url);
        expect(answer.statusCode, url).toBe(200);
        expect(answer.headers['cache-control'], url).toBe('private, no-store');
      }
      const built = asked.mock.calls.filter(
        ([, request]) => request.kind === 'tableBody' && request.query.exact === true,
      );
      expect(built).toHaveLength(2 * EXACT.length);
      expect((await audited()) - before).toBe(2 * EXACT.length);
    } finally {
      asked.mockRestore();
    }
  });

  it('answers /health while heavy first builds are still in the worker', async () => {
    await worker.app.readModel.reload(); // a fresh model: every table is a first build
    let heavyDone = 0;
    const heavy = HEAVY.map((url) => get(worker, url).then((answer) => (heavyDone++, answer)));
    const health = await worker.app.inject('/health');
    expect(health.json()).toEqual({ status: 'ok' });
    // The worker answers one request per message; /health needed none of them.
    expect(heavyDone).toBeLessThan(HEAVY.length);
    for (const answer of await Promise.all(heavy)) expect(answer.statusCode).toBe(200);
  });

  it('sends the same bytes as the event-loop build, in every format but the dated workbook', async () => {
    for (const url of HEAVY.filter((u) => !u.includes('format=xlsx'))) {
      const [fromWorker, fromLoop] = await Promise.all([get(worker, url), get(onLoop, url)]);
      expect(fromWorker.statusCode, url).toBe(200);
      expect(fromWorker.rawPayload.equals(fromLoop.rawPayload), url).toBe(true);
      expect(fromWorker.headers['content-type']).toBe(fromLoop.headers['content-type']);
    }
    const offers = ['/v1/offers?targetGroup=jobparat', '/v1/offers?period=2025H2', '/v1/compare?ids=T1,T2'];
    for (const url of offers) {
      const [fromWorker, fromLoop] = await Promise.all([worker.app.inject(url), onLoop.app.inject(url)]);
      expect(fromWorker.statusCode, url).toBe(200);
      expect(fromWorker.body, url).toBe(fromLoop.body);
    }
  });
});
