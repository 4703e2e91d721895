// No CPR number, however it is spelled, comes back out of the service: generated spellings go
// into every field of every record kind (as a value, as a CSV column name, as an NDJSON key),
// into query parameter names and values and into paths, and neither the answers, the stored
// import errors (import_batches.errors and GET /v1/imports/batches/{id}) nor any log line
// hold a CPR-like run afterwards.
import { looksLikeCpr, RECORD_KINDS, recordFields, type RecordKind } from '@evg/effects';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cprSpelling } from '../support/hostile-values.ts';
import { createWorldApp, type WorldApp } from '../support/world-app.ts';

let w: WorldApp;
beforeAll(async () => {
  w = await createWorldApp({ cells: [{ offerId: 'offer-a', targetGroup: 'jobparat', enrollments: 6 }] });
});
afterAll(() => w?.close());

/** A valid value for each field, so the CPR spelling is what the row is judged on. */
const VALID: Record<string, string> = {
  code: 'kode-1',
  public_support: 'true',
  name: 'Navn',
  provider_id: 'provider-1',
  kind: 'external',
  framework_agreement: 'Aftale',
  offer_id: 'offer-a',
  package: 'jobpakke',
  description: 'Beskrivelse',
  target_groups: 'jobparat',
  industries: '',
  price_dkk: '1000',
  hours_per_week: '20',
  duration_weeks: '8',
  accessible: 'true',
  result_bonus_dkk: '',
  valid_from: '2024-01-01',
  valid_to: '',
  person_id: 'P-cpr-test',
  birth_date: '1990-01-01',
  benefit_type: 'kontanthjaelp',
  start_date: '2025-01-01',
  end_date: '',
  period_id: '',
  enrollment_id: 'enrollment-1',
  target_group: 'jobparat',
  company_oriented: 'false',
  end_reason: '',
  response_id: 'response-1',
  answered_on: '2025-02-01',
  satisfaction: '4',
  closer_to_job: '3',
  complaint_id: 'complaint-1',
  received_on: '2025-02-01',
  category: 'Indhold',
  supervision_id: 'supervision-1',
  visited_on: '2025-02-01',
  smiley: 'happy',
  note: '',
};

const csvField = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** One row of `kind` with the spelling as the value of `field`, or as the name of `field`'s column. */
function body(kind: RecordKind, format: 'csv' | 'ndjson', field: string, cpr: string, asName: boolean) {
  const fields = recordFields[kind];
  const names = fields.map((f) => (asName && f === field ? cpr : f));
  const values = fields.map((f) => (!asName && f === field ? cpr : VALID[f]!));
  if (format === 'ndjson')
    return JSON.stringify(Object.fromEntries(names.map((n, i) => [n, values[i]]))) + '\n';
  return `${names.map(csvField).join(',')}\r\n${values.map(csvField).join(',')}\r\n`;
}

const target = fc
  .constantFrom(...RECORD_KINDS)
  .chain((kind) => fc.tuple(fc.constant(kind), fc.constantFrom(...recordFields[kind])));

/** Whether a text holds the spelling or any other CPR-like run. */
const leaks = (text: string, spelling: string) => text.includes(spelling) || looksLikeCpr(text);

describe('CPR numbers in any spelling', () => {
  it('are echoed by no import answer, whatever field, column or key carries them', async () => {
    await fc.assert(
      fc.asyncProperty(
        target,
        fc.constantFrom('csv' as const, 'ndjson' as const),
        fc.boolean(),
        cprSpelling,
        async ([kind, field], format, asName, cpr) => {
          const response = await w.app.inject({
            method: 'POST',
            url: `/v1/imports/${kind}`,
            headers: {
              authorization: `Bearer ${w.keys.ingest}`,
              'content-type': format === 'csv' ? 'text/csv' : 'application/x-ndjson',
            },
            payload: body(kind, format, field, cpr.text, asName),
          });
          expect(response.statusCode, response.body).toBeLessThan(500);
          expect(leaks(response.body, cpr.text), `${kind}.${field}: ${response.body}`).toBe(false);
          // A CPR-like person id is refused, and its row never stored.
          if (field === 'person_id' && !asName) expect(response.statusCode).toBe(422);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('are echoed by no answer to a query parameter name or value, or a path', async () => {
    const paths = ['/v1/offers', '/v1/effects', '/v1/providers', '/v1/compare', '/v1/target-groups'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), cprSpelling, async (path, cpr) => {
        const encoded = encodeURIComponent(cpr.text);
        for (const url of [`${path}?${encoded}=1`, `${path}?q=${encoded}`, `${path}/${encoded}`]) {
          const response = await w.app.inject({ url, headers: { authorization: `Bearer ${w.keys.admin}` } });
          expect(response.statusCode, url).toBeLessThan(500);
          expect(leaks(response.body, cpr.text), `${url}: ${response.body}`).toBe(false);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('are in no stored import error, nor in any log line, after all of that', async () => {
    const { rows } = await sql<{ id: number; errors: string }>`
      SELECT id, errors::text AS errors FROM import_batches ORDER BY id`.execute(w.database.db);
    expect(rows.length).toBeGreaterThan(50);
    for (const row of rows) {
      expect(looksLikeCpr(row.errors), row.errors).toBe(false);
      const answer = await w.app.inject({
        url: `/v1/imports/batches/${row.id}`,
        headers: { authorization: `Bearer ${w.keys.ingest}` },
      });
      expect(answer.statusCode).toBe(200);
      expect(looksLikeCpr(answer.body), answer.body).toBe(false);
    }
    expect(w.logs.length).toBeGreaterThan(500);
    expect(w.logs.filter((line) => looksLikeCpr(line))).toEqual([]);
    // Every line is still one JSON object: redaction keeps log lines parseable.
    for (const line of w.logs) expect(() => JSON.parse(line) as unknown).not.toThrow();
  });
});
