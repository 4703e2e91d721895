// Hostile input against every endpoint the OpenAPI document lists: random and boundary query
// strings, path values, headers, bodies and encodings. Whatever arrives, the answer is never a
// 5xx, every error is problem+json, and no error echoes a CPR-like value it was sent.
// EVG_FUZZ_RUNS raises the number of requests per endpoint (default 400; CI: > 10,000 in all).
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_BASE } from '../../src/http/problem.ts';
import { createApiKey, revokeApiKey } from '../../src/repositories/api-keys.ts';
import { createTestApp, type TestApp } from '../app/test-app.ts';
import { CPR_LIKE, hostileString } from '../support/hostile-values.ts';
import {
  endpointsOf,
  genericBody,
  requestArbitrary,
  type FuzzRequest,
  type OpenApiDocument,
} from '../support/openapi-requests.ts';
import { UNLIMITED_RATE_ENV } from '../support/unlimited-rate.ts';

// CI replays one fixed seed, so a red run can be reproduced and no unrelated change is blocked
// by a bug first met at random; EVG_FUZZ_SEED=random explores new inputs, a number replays them.
const FUZZ_SEED =
  process.env.EVG_FUZZ_SEED === 'random' ? {} : { seed: Number(process.env.EVG_FUZZ_SEED ?? 20261122) };
const RUNS_PER_ENDPOINT = Number(process.env.EVG_FUZZ_RUNS ?? 400);
const BODY_LIMIT = 16 * 1024;
const IMPORT_BODY_LIMIT = 64 * 1024;

let t: TestApp;
let doc: OpenApiDocument;
let sent = 0;
const keys: string[] = [];

beforeAll(async () => {
  t = await createTestApp({
    ...UNLIMITED_RATE_ENV,
    EVG_BODY_LIMIT: String(BODY_LIMIT),
    EVG_IMPORT_BODY_LIMIT: String(IMPORT_BODY_LIMIT),
  });
  doc = (await t.app.inject('/openapi.json')).json() as OpenApiDocument;
  const revoked = await createApiKey(t.database.db, { name: 'fuzz revoked', role: 'admin' });
  await revokeApiKey(t.database.db, revoked.key.id);
  keys.push(...Object.values(t.keys), revoked.secret);
});

afterAll(async () => {
  await t?.close();
});

function describeRequest(request: FuzzRequest): string {
  const payload =
    request.payload === undefined ? '' : ` body=${JSON.stringify(String(request.payload).slice(0, 300))}`;
  return `${request.method} ${request.url.slice(0, 500)} headers=${JSON.stringify(request.headers).slice(0, 300)}${payload}`;
}

/** What every answer must satisfy, whatever was sent. */
export function checkAnswer(request: FuzzRequest, response: LightMyRequestResponse): void {
  const where = describeRequest(request);
  expect(response.statusCode, `${where} → ${response.body.slice(0, 500)}`).toBeLessThan(500);
  if (response.statusCode >= 400) {
    expect(response.headers['content-type'], where).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(response.body) as Record<string, unknown>;
    expect(problem.status, where).toBe(response.statusCode);
    expect(typeof problem.title, where).toBe('string');
    expect(typeof problem.detail, where).toBe('string');
    expect(String(problem.type), where).toMatch(
      new RegExp(`^${PROBLEM_BASE.replaceAll('.', '\\.')}[a-z-]+$`),
    );
  }
  const sentText = `${request.url} ${String(request.payload ?? '')} ${JSON.stringify(request.headers)}`;
  for (const cpr of CPR_LIKE) {
    if (sentText.includes(cpr) || sentText.includes(encodeURIComponent(cpr))) {
      expect(response.body.includes(cpr), `${where} echoed a CPR-like value`).toBe(false);
    }
  }
}

async function send(request: FuzzRequest): Promise<LightMyRequestResponse> {
  sent++;
  const response = await t.app.inject({
    method: request.method as 'GET',
    url: request.url,
    headers: request.headers,
    ...(request.payload !== undefined ? { payload: request.payload } : {}),
  });
  return response;
}

/** Bodies for the import endpoint: text of the right media type, but anything in it. */
const importBodies = fc.oneof(
  fc
    .tuple(fc.constantFrom('text/csv', 'application/x-ndjson', 'text/csv; charset=utf-8'), hostileString)
    .map(([contentType, payload]) => ({ contentType, payload })),
  fc
    .constantFrom(
      'person_id,birth_date\n"unterminated,1990-01-01\n',
      'person_id,birth_date\r\nx,2026-02-30\r\n',
      'person_id;birth_date\nx;1990-01-01\n',
      '\uFEFFperson_id,birth_date\nx,1990-01-01',
      '{"person_id":"x","birth_date":"1990-01-01"}\n{"person_id":',
      '{"person_id":"0101901234","birth_date":"1990-01-01"}\n',
      'person_id,birth_date\n010190-1234,1990-01-01\n',
    )
    .map((payload) => ({
      contentType: payload.startsWith('{') ? 'application/x-ndjson' : 'text/csv',
      payload,
    })),
  // Larger than the import body limit, and a little under it.
  fc.constantFrom(IMPORT_BODY_LIMIT + 1, IMPORT_BODY_LIMIT * 4, IMPORT_BODY_LIMIT - 100).map((size) => ({
    contentType: 'text/csv',
    payload: 'person_id,birth_date\n' + 'fz-huge,1990-01-01\n'.repeat(Math.ceil(size / 19)),
  })),
  fc
    .uint8Array({ minLength: 1, maxLength: 200 })
    .map((bytes) => ({ contentType: 'text/csv', payload: Buffer.from(bytes) })),
);

/** JSON bodies over the general limit, for the admin endpoints. */
const oversizedJson = fc.constant({
  contentType: 'application/json',
  payload: JSON.stringify({ name: 'x'.repeat(BODY_LIMIT * 2) }),
});

describe('every documented endpoint under hostile input', () => {
  it('documents the endpoints the fuzzer is to cover', () => {
    const endpoints = endpointsOf(doc).map((e) => `${e.method} ${e.path}`);
    expect(endpoints).toEqual(
      expect.arrayContaining(['GET /v1/offers', 'POST /v1/imports/{kind}', 'GET /ready']),
    );
    expect(endpoints.length).toBeGreaterThanOrEqual(20);
  });

  it('never answers 5xx, and every error is problem+json', async () => {
    const endpoints = endpointsOf(doc);
    const knownPathValues = {
      id: ['T1', 'T2', 'P1', 'nope'],
      code: ['jobparat', 'aktivitetsparat'],
      kind: ['persons', 'enrollments', 'offers', 'benefit_periods', 'survey_responses'],
      list: ['industries', 'target-groups', 'target_groups', 'packages', 'benefit-types'],
      batchId: ['1', '2', '999999'],
    };
    for (const endpoint of endpoints) {
      const key = `${endpoint.method} ${endpoint.path}`;
      const bodies = {
        [key]:
          key === 'POST /v1/imports/{kind}'
            ? importBodies
            : fc.oneof({ weight: 1, arbitrary: oversizedJson }, { weight: 9, arbitrary: genericBody }),
      };
      await fc.assert(
        fc.asyncProperty(
          requestArbitrary(doc, endpoint, { knownPathValues, apiKeys: keys, bodies }),
          async (request) => {
            checkAnswer(request, await send(request));
            await t.app.refresher.idle();
          },
        ),
        { numRuns: RUNS_PER_ENDPOINT, endOnFailure: true, ...FUZZ_SEED },
      );
    }
    expect(sent).toBeGreaterThanOrEqual(endpoints.length * RUNS_PER_ENDPOINT);
    // Issue 6 asks for at least 10,000 generated requests per CI run.
    if (process.env.EVG_FUZZ_RUNS === undefined) expect(sent).toBeGreaterThanOrEqual(10_000);
    // Bounded by the number of runs, not by a clock; the timeout only stops a hung run.
  }, 600_000);
});
