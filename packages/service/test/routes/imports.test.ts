import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../app/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ EVG_IMPORT_BODY_LIMIT: '2048' });
});
afterAll(() => t.close());

const ingest = (contentType: string) => ({ ...bearer(t.keys.ingest), 'content-type': contentType });
const complaintsCsv =
  'complaint_id,offer_id,received_on,category\r\nK1,T2,2025-04-01,ventetid\r\nK2,T3,2025-04-02,\r\n';

describe('POST /v1/imports/{kind}', () => {
  it('stores a CSV body, starts a refresh, and is idempotent', async () => {
    const first = await t.app.inject({
      method: 'POST',
      url: '/v1/imports/complaints',
      headers: ingest('text/csv'),
      payload: complaintsCsv,
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      rowsReceived: 2,
      rowsStored: 2,
      rowsChanged: 2,
      refresh: 'started',
    });
    await t.app.refresher.idle();
    expect(t.refreshes).toBe(1);
    const stored = await t.database.db
      .selectFrom('complaints')
      .select('complaint_id')
      .where('complaint_id', 'in', ['K1', 'K2'])
      .execute();
    expect(stored).toHaveLength(2);

    const again = await t.app.inject({
      method: 'POST',
      url: '/v1/imports/complaints',
      headers: ingest('text/csv'),
      payload: complaintsCsv,
    });
    expect(again.json()).toMatchObject({ rowsChanged: 0, refresh: 'not-needed' });
    expect(t.refreshes).toBe(1);
  });

  it('stores an NDJSON body', async () => {
    const body = '{"supervision_id":"V9","offer_id":"T2","visited_on":"2025-06-01","smiley":"sad"}\n';
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/imports/supervisions',
      headers: ingest('application/x-ndjson'),
      payload: body,
    });
    expect(response.statusCode, response.body).toBe(201);
  });

  it('rejects a batch with bad rows as a whole, naming every line and field', async () => {
    const csv =
      'complaint_id,offer_id,received_on,category\r\nK3,T1,2025-04-01,\r\nK4,T1,2025-13-40,\r\nK5,NOPE,2025-04-01,\r\n';
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/imports/complaints',
      headers: ingest('text/csv'),
      payload: csv,
    });
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json<{ type: string; errors: { in: string; name: string }[] }>();
    expect(problem.type).toBe('https://evg.kk.dk/problems/invalid-records');
    expect(problem.errors.map((error) => error.name)).toEqual(
      expect.arrayContaining(['line 3: received_on', 'line 4: offer_id']),
    );
    const stored = await t.database.db
      .selectFrom('complaints')
      .select('complaint_id')
      .where('complaint_id', '=', 'K3')
      .execute();
    expect(stored).toEqual([]);
  });

  it('refuses other media types, unknown kinds and bodies over the limit', async () => {
    const json = await t.app.inject({
      method: 'POST',
      url: '/v1/imports/complaints',
      headers: ingest('application/json'),
      payload: '{}',
    });
    expect(json.statusCode).toBe(415);
    const kind = await t.app.inject({
      method: 'POST',
      url: '/v1/imports/people',
      headers: ingest('text/csv'),
      payload: 'a\n',
    });
    expect(kind.statusCode).toBe(400);
    expect(kind.json()).toMatchObject({ errors: [{ in: 'path', name: 'kind' }] });
    const rows = Array.from({ length: 100 }, (_, i) => `Z${i},T1,2025-04-01,lang kategori tekst`).join(
      '\r\n',
    );
    const large = await t.app.inject({
      method: 'POST',
      url: '/v1/imports/complaints',
      headers: ingest('text/csv'),
      payload: `complaint_id,offer_id,received_on,category\r\n${rows}\r\n`,
    });
    expect(large.statusCode).toBe(413);
    expect(
      await t.database.db
        .selectFrom('complaints')
        .select('complaint_id')
        .where('complaint_id', '=', 'Z0')
        .execute(),
    ).toEqual([]);
  });
});

describe('the cut-off (asOf) of an import', () => {
  beforeAll(async () => {
    const persons = await t.app.inject({
      method: 'POST',
      url: '/v1/imports/persons',
      headers: ingest('text/csv'),
      payload: 'person_id,birth_date\r\nPX1,1980-01-01\r\n',
    });
    expect(persons.statusCode, persons.body).toBe(201);
  });
  const periods = async () =>
    'person_id,benefit_type,start_date,end_date\r\nPX1,kontanthjaelp,2026-09-14,\r\n';

  it('is stored with the batch as declared, and shown with it', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/imports/benefit_periods?asOf=2026-10-31',
      headers: ingest('text/csv'),
      payload: await periods(),
    });
    expect(response.statusCode, response.body).toBe(201);
    const { batchId } = response.json<{ batchId: number }>();
    expect(response.json()).toMatchObject({ asOf: '2026-10-31', asOfSource: 'declared' });
    const batch = await t.app.inject({
      url: `/v1/imports/batches/${batchId}`,
      headers: bearer(t.keys.ingest),
    });
    expect(batch.json()).toMatchObject({ asOf: '2026-10-31', asOfSource: 'declared' });
  });

  it('undeclared, is the latest start date of the benefit periods, and the answer says it was assumed', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/imports/benefit_periods',
      headers: ingest('text/csv'),
      payload: await periods(),
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ asOf: '2026-09-14', asOfSource: 'assumed' });
  });

  it('must be a real date; a bad one is refused before anything is read', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/imports/benefit_periods?asOf=2026-02-30',
      headers: ingest('text/csv'),
      payload: await periods(),
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('asOf');
  });
});

describe('GET /v1/imports/batches/{batchId}', () => {
  it('shows the outcome of a recorded batch', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/imports/complaints',
      headers: ingest('text/csv'),
      payload: complaintsCsv,
    });
    const { batchId } = response.json<{ batchId: number }>();
    const batch = await t.app.inject({
      url: `/v1/imports/batches/${batchId}`,
      headers: bearer(t.keys.ingest),
    });
    expect(batch.statusCode, batch.body).toBe(200);
    expect(batch.json()).toMatchObject({ batchId, kind: 'complaints', outcome: 'ok', rowsReceived: 2 });
    expect(
      (await t.app.inject({ url: '/v1/imports/batches/999999', headers: bearer(t.keys.ingest) })).statusCode,
    ).toBe(404);
  });
});

describe('refresh', () => {
  it('POST /v1/refresh starts a refresh and GET /v1/refresh reports the status', async () => {
    // The imports above each started a refresh (and a reload of the read model) in the
    // background; this test starts its own, so those must be over first.
    await t.app.refresher.idle();
    const before = t.refreshes;
    const started = await t.app.inject({
      method: 'POST',
      url: '/v1/refresh',
      headers: bearer(t.keys.ingest),
    });
    expect(started.statusCode).toBe(202);
    expect(started.json()).toEqual({ status: 'started' });
    await t.app.refresher.idle();
    expect(t.refreshes).toBe(before + 1);
    const status = await t.app.inject({ url: '/v1/refresh', headers: bearer(t.keys.ingest) });
    expect(status.json()).toMatchObject({
      running: false,
      current: { dataVersion: 1 },
      servedDataVersion: 1,
    });
  });
});
