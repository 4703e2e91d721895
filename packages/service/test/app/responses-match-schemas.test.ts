import type { InjectOptions } from 'fastify';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from './test-app.ts';

type Json = Record<string, unknown>;
interface Document {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: Json }> }> }>
  >;
  components: Json;
}

let t: TestApp;
let document: Document;
const ajv = new Ajv2020({ strict: false, allErrors: true });

beforeAll(async () => {
  t = await createTestApp();
  document = (await t.app.inject('/openapi.json')).json<Document>();
});
afterAll(() => t.close());

type Case = [template: string, request: InjectOptions & { url: string }, key?: 'admin' | 'ingest'];
const csv = { 'content-type': 'text/csv' };
const CASES: Case[] = [
  ['/health', { url: '/health' }],
  ['/ready', { url: '/ready' }],
  ['/v1/offers', { url: '/v1/offers?targetGroup=jobparat&sort=-effect3m.adjusted' }],
  ['/v1/offers', { url: '/v1/offers?limit=abc' }],
  ['/v1/offers/{id}', { url: '/v1/offers/T1' }],
  ['/v1/offers/{id}', { url: '/v1/offers/T3' }],
  ['/v1/offers/{id}', { url: '/v1/offers/T4?period=2025' }],
  ['/v1/offers/{id}', { url: '/v1/offers/NONE' }],
  ['/v1/compare', { url: '/v1/compare?ids=T1,T2,T3,T4' }],
  ['/v1/providers', { url: '/v1/providers' }],
  ['/v1/providers/{id}', { url: '/v1/providers/P2' }],
  ['/v1/target-groups', { url: '/v1/target-groups' }],
  ['/v1/target-groups/{code}/profile', { url: '/v1/target-groups/jobparat/profile?period=2025H1' }],
  ['/v1/industries', { url: '/v1/industries' }],
  ['/v1/packages', { url: '/v1/packages' }],
  ['/v1/benefit-types', { url: '/v1/benefit-types' }],
  ['/v1/measures', { url: '/v1/measures' }],
  ['/v1/effects', { url: '/v1/effects?groupBy=offer,targetGroup,period' }],
  ['/v1/effects', { url: '/v1/effects?groupBy=provider,industry,package,providerKind' }],
  [
    '/v1/imports/{kind}',
    {
      method: 'POST',
      url: '/v1/imports/complaints',
      headers: csv,
      payload: 'complaint_id,offer_id,received_on\r\nR1,T1,2025-01-01\r\n',
    },
    'ingest',
  ],
  [
    '/v1/imports/{kind}',
    {
      method: 'POST',
      url: '/v1/imports/complaints',
      headers: csv,
      payload: 'complaint_id,offer_id,received_on\r\nR2,XX,2025-01-01\r\n',
    },
    'ingest',
  ],
  ['/v1/imports/batches/{batchId}', { url: '/v1/imports/batches/1' }, 'ingest'],
  ['/v1/refresh', { url: '/v1/refresh' }, 'ingest'],
  ['/v1/refresh', { method: 'POST', url: '/v1/refresh' }],
  ['/v1/admin/api-keys', { url: '/v1/admin/api-keys' }, 'admin'],
  [
    '/v1/admin/api-keys',
    { method: 'POST', url: '/v1/admin/api-keys', payload: { name: 'n', role: 'bi' } },
    'admin',
  ],
  [
    '/v1/admin/offers/{id}',
    {
      method: 'PUT',
      url: '/v1/admin/offers/S1',
      payload: { providerId: 'P1', name: 'S', package: 'jobpakke' },
    },
    'admin',
  ],
  [
    '/v1/admin/providers/{id}',
    { method: 'PUT', url: '/v1/admin/providers/S1', payload: { name: 'S', kind: 'internal' } },
    'admin',
  ],
  [
    '/v1/admin/code-lists/{list}/{code}',
    { method: 'PUT', url: '/v1/admin/code-lists/packages/s1', payload: {} },
    'admin',
  ],
];

describe('real responses match the published OpenAPI schemas', () => {
  it.each(CASES)('%s ← %o', async (template, request, key) => {
    const headers = {
      ...(request.headers as Record<string, string> | undefined),
      ...(key ? bearer(t.keys[key]) : {}),
    };
    const response = await t.app.inject({ ...request, headers });
    await t.app.refresher.idle();
    const operation = document.paths[template]?.[(request.method ?? 'GET').toLowerCase()];
    expect(operation, `${template} is documented`).toBeDefined();
    const documented = operation!.responses[String(response.statusCode)];
    expect(documented, `${template} documents status ${response.statusCode}: ${response.body}`).toBeDefined();
    const mediaType = String(response.headers['content-type']).split(';')[0]!;
    const schema = documented!.content?.[mediaType]?.schema;
    expect(schema, `${template} ${response.statusCode} documents ${mediaType}`).toBeDefined();
    const validate = ajv.compile({ ...schema, components: document.components });
    const valid = validate(response.json());
    expect(valid, JSON.stringify(validate.errors, null, 2)).toBe(true);
  });
});
