// /health stays free while heavy /v1/effects tables are asked for (issue 10 item 5, issue 11
// item 4). Not a wall-clock limit (the machines are shared): what is checked is where the work
// runs. With the read-model worker (the default), no table is aggregated or serialised and no
// model is built on the event loop's thread, whatever is requested, so nothing there can keep
// /health waiting; /health answers while the heavy requests are still in the worker; and the
// bodies are byte for byte those of the event-loop build (EVG_READ_MODEL_WORKER=false), which is
// also the control showing the probe sees work on this thread when it is there. Latency figures
// are in RELIABILITY.md ("/health under heavy tables"), from bench/health-under-load.ts.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ReadModel } from '../../src/read-model/read-model.ts';
import { createTestApp, type TestApp } from '../app/test-app.ts';

const GROUPINGS = [
  'offer,targetGroup,period',
  'offer,period,industry',
  'provider,targetGroup,period,industry',
  'offer,targetGroup,industry',
  'offer,providerKind,targetGroup,period',
  'package,targetGroup,period,industry',
];
const HEAVY = GROUPINGS.flatMap((groupBy, i) =>
  ['json', 'csv', 'xlsx'].map(
    (format) =>
      `/v1/effects?groupBy=${groupBy}&periodUnit=${['quarter', 'halfYear', 'year'][i % 3]}&format=${format}`,
  ),
);

let worker: TestApp;
let onLoop: TestApp;
beforeAll(async () => {
  [worker, onLoop] = await Promise.all([createTestApp(), createTestApp({ EVG_READ_MODEL_WORKER: 'false' })]);
});
afterAll(() => Promise.all([worker.close(), onLoop.close()]));

/** Counts the read model's aggregation and table work done on this thread while `run` runs. */
async function workOnThisThread(run: () => Promise<unknown>): Promise<number> {
  const spies = [
    vi.spyOn(ReadModel.prototype, 'effects'),
    vi.spyOn(ReadModel.prototype, 'offerViews'),
    vi.spyOn(ReadModel.prototype, 'emptyRow'),
  ];
  try {
    await run();
    return spies.reduce((sum, spy) => sum + spy.mock.calls.length, 0);
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

describe('/health while heavy tables are requested', () => {
  it('does no table or model work on the event loop with the worker, and some without it', async () => {
    const requestAll = (t: TestApp) => async () => {
      const answers = await Promise.all(HEAVY.map((url) => t.app.inject(url)));
      for (const [i, answer] of answers.entries()) expect(answer.statusCode, HEAVY[i]).toBe(200);
      // A new data version's model, built while the tables are asked for.
      await t.app.readModel.reload();
      await t.app.inject('/v1/offers?period=2025H1&targetGroup=jobparat,ledig');
    };
    expect(await workOnThisThread(requestAll(worker))).toBe(0);
    expect(await workOnThisThread(requestAll(onLoop))).toBeGreaterThan(0);
  });

  it('answers /health while heavy first builds are still in the worker', async () => {
    await worker.app.readModel.reload(); // a fresh model: every table is a first build
    let heavyDone = 0;
    const heavy = HEAVY.map((url) => worker.app.inject(url).then((answer) => (heavyDone++, answer)));
    const health = await worker.app.inject('/health');
    expect(health.json()).toEqual({ status: 'ok' });
    // The worker answers one request per message; /health needed none of them.
    expect(heavyDone).toBeLessThan(HEAVY.length);
    for (const answer of await Promise.all(heavy)) expect(answer.statusCode).toBe(200);
  });

  it('sends the same bytes as the event-loop build, in every format but the dated workbook', async () => {
    for (const url of HEAVY.filter((u) => !u.endsWith('xlsx'))) {
      const [fromWorker, fromLoop] = await Promise.all([worker.app.inject(url), onLoop.app.inject(url)]);
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
