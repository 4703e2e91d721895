// No person id, CPR-like value or person-level row leaves the service: not in any endpoint's
// answer, not in any error, not in any log line (the app's pino stream captured at trace level),
// whatever the requests, imports and failures that wrote them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpointsOf, type OpenApiDocument } from '../support/openapi-requests.ts';
import { createWorldApp, type WorldApp } from '../support/world-app.ts';

/** A CPR-like value as a value of its own: not a digit run inside a UUID, a float or a timestamp. */
const CPR_IN_TEXT = /(?<![\w.])\d{6}-?\d{4}(?![\w.])/;
let w: WorldApp;
const bodies: string[] = [];

beforeAll(async () => {
  w = await createWorldApp({
    cells: [
      { offerId: 'offer-a', targetGroup: 'jobparat', enrollments: 30 },
      { offerId: 'offer-b', targetGroup: 'aktivitetsparat', enrollments: 8 },
    ],
  });
});
afterAll(() => w?.close());

const ingest = () => ({ authorization: `Bearer ${w.keys.ingest}` });

function personIdIn(text: string): string | undefined {
  return w.personIds.find((id) => text.includes(id));
}

describe('personal data', () => {
  it('is in no answer of any documented GET endpoint', async () => {
    const doc = (await w.app.inject('/openapi.json')).json() as OpenApiDocument;
    const values: Record<string, string> = { id: 'offer-a', code: 'jobparat', batchId: '1', kind: 'persons' };
    for (const endpoint of endpointsOf(doc).filter((e) => e.method === 'GET')) {
      const url = endpoint.path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? 'x');
      for (const headers of [{}, { authorization: `Bearer ${w.keys.admin}` }, { accept: 'text/csv' }]) {
        const response = await w.app.inject({ url, headers });
        bodies.push(response.body);
        expect(personIdIn(response.body), `${url} ${JSON.stringify(headers)}`).toBeUndefined();
        expect(response.body, url).not.toMatch(CPR_IN_TEXT);
      }
    }
    const batches = await w.app.inject({ url: '/v1/imports/batches/1', headers: ingest() });
    expect(batches.statusCode).toBe(200);
  });

  it('is in no error about rejected import rows, even when the rows carried it', async () => {
    const known = w.personIds[0]!;
    const attempts = [
      // A CPR number as a person id, refused without pseudonymisation.
      {
        kind: 'persons',
        type: 'text/csv',
        body: 'person_id,birth_date\n0101901234,1990-01-01\n010190-1234,1990-01-01\n',
      },
      {
        kind: 'persons',
        type: 'application/x-ndjson',
        body: '{"person_id":"311299-9999","birth_date":"1999-12-31"}\n',
      },
      // A stored person in a bad row: the error names line and field, not the person.
      {
        kind: 'benefit_periods',
        type: 'text/csv',
        body: `person_id,benefit_type,start_date\n${known},kontanthjaelp,2026-02-30\n`,
      },
      {
        kind: 'enrollments',
        type: 'text/csv',
        body: `enrollment_id,person_id,offer_id,target_group,start_date\nz1,${known},nope,jobparat,2025-01-01\n`,
      },
      {
        kind: 'enrollments',
        type: 'text/csv',
        body: `enrollment_id,person_id,offer_id,target_group,start_date\nz2,0101901234,offer-a,jobparat,2025-01-01\n`,
      },
      {
        kind: 'benefit_periods',
        type: 'text/csv',
        body: 'person_id,benefit_type,start_date\nghost-person-77,kontanthjaelp,2025-01-01\n',
      },
    ];
    for (const attempt of attempts) {
      const response = await w.app.inject({
        method: 'POST',
        url: `/v1/imports/${attempt.kind}`,
        headers: { ...ingest(), 'content-type': attempt.type },
        payload: attempt.body,
      });
      bodies.push(response.body);
      expect(response.statusCode, response.body).toBeGreaterThanOrEqual(400);
      expect(response.body).not.toMatch(CPR_IN_TEXT);
      expect(personIdIn(response.body), response.body).toBeUndefined();
    }
    // The batch records of those attempts, as an ingest client reads them back.
    for (let id = 1; id <= attempts.length + 1; id++) {
      const response = await w.app.inject({ url: `/v1/imports/batches/${id}`, headers: ingest() });
      bodies.push(response.body);
      expect(response.body).not.toMatch(CPR_IN_TEXT);
      expect(personIdIn(response.body), response.body).toBeUndefined();
    }
  });

  it('is in no log line, and neither is any API key', async () => {
    // Requests whose query, path or headers carry a CPR number or a person id must not carry it
    // into the log. (A path is logged as sent; only CPR-like values in it can be recognised.)
    await w.app.inject({ url: `/v1/offers?q=${w.personIds[1]}&targetGroup=0101901234` });
    await w.app.inject({ url: '/v1/offers/010190-1234', headers: { 'x-request-id': '0101901234' } });
    await w.app.inject({ url: '/v1/target-groups/0101901234/profile' });
    const lines = w.logs.join('\n');
    expect(w.logs.length).toBeGreaterThan(10);
    expect(personIdIn(lines)).toBeUndefined();
    const cprLike = w.logs.filter((line) => CPR_IN_TEXT.test(line));
    expect(cprLike).toEqual([]);
    for (const key of Object.values(w.keys)) expect(lines.includes(key)).toBe(false);
  });
});
