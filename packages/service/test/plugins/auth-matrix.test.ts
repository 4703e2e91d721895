import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../app/test-app.ts';

type Caller = 'none' | 'invalid' | 'caseworker' | 'bi' | 'ingest' | 'admin';
const CALLERS: Caller[] = ['none', 'invalid', 'caseworker', 'bi', 'ingest', 'admin'];

const csv = { 'content-type': 'text/csv' };
const READS: InjectOptions[] = [
  { url: '/v1/offers' },
  { url: '/v1/offers/T1' },
  { url: '/v1/compare?ids=T1,T2' },
  { url: '/v1/providers' },
  { url: '/v1/providers/P1' },
  { url: '/v1/target-groups' },
  { url: '/v1/target-groups/jobparat/profile' },
  { url: '/v1/industries' },
  { url: '/v1/packages' },
  { url: '/v1/benefit-types' },
  { url: '/v1/measures' },
  { url: '/v1/effects?groupBy=offer' },
];
const INGEST: InjectOptions[] = [
  {
    method: 'POST',
    url: '/v1/imports/complaints',
    headers: csv,
    payload: 'complaint_id,offer_id,received_on\r\nA1,T1,2025-01-01\r\n',
  },
  { url: '/v1/imports/batches/1' },
  { url: '/v1/refresh' },
  { method: 'POST', url: '/v1/refresh' },
];
const ADMIN: InjectOptions[] = [
  { url: '/v1/admin/api-keys' },
  { method: 'POST', url: '/v1/admin/api-keys', payload: { name: 'matrix', role: 'bi' } },
  { method: 'DELETE', url: '/v1/admin/api-keys/00000000-0000-0000-0000-000000000000' },
  {
    method: 'PUT',
    url: '/v1/admin/offers/M1',
    payload: { providerId: 'P1', name: 'M', package: 'jobpakke' },
  },
  { method: 'DELETE', url: '/v1/admin/offers/M0' },
  { method: 'PUT', url: '/v1/admin/providers/PM', payload: { name: 'M', kind: 'external' } },
  { method: 'DELETE', url: '/v1/admin/providers/P0' },
  { method: 'PUT', url: '/v1/admin/code-lists/industries/m', payload: { name: 'M' } },
  { method: 'DELETE', url: '/v1/admin/code-lists/industries/m0' },
];
const OPEN: InjectOptions[] = [{ url: '/health' }, { url: '/ready' }, { url: '/openapi.json' }];

function headersOf(t: TestApp, caller: Caller, request: InjectOptions) {
  const auth = caller === 'none' ? {} : bearer(caller === 'invalid' ? 'evg_not-a-real-key' : t.keys[caller]);
  return { ...(request.headers as Record<string, string> | undefined), ...auth };
}

async function statusOf(t: TestApp, caller: Caller, request: InjectOptions): Promise<number> {
  const response = await t.app.inject({ ...request, headers: headersOf(t, caller, request) });
  await t.app.refresher.idle();
  return response.statusCode;
}

/** 401 without a valid key, 403 with a valid key of the wrong role, else the endpoint's own answer. */
function expected(caller: Caller, allowed: readonly Caller[]): 'allowed' | 401 | 403 {
  if (allowed.includes(caller)) return 'allowed';
  return caller === 'none' || caller === 'invalid' ? 401 : 403;
}

function checkMatrix(get: () => TestApp, requests: InjectOptions[], allowed: readonly Caller[]) {
  for (const request of requests) {
    for (const caller of CALLERS) {
      it(`${request.method ?? 'GET'} ${request.url} as ${caller}: ${expected(caller, allowed)}`, async () => {
        const status = await statusOf(get(), caller, request);
        const want = expected(caller, allowed);
        if (want === 'allowed') expect([401, 403]).not.toContain(status);
        else expect(status).toBe(want);
      });
    }
  }
}

describe('authorisation with open reads (default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  // An invalid key on an open read is ignored rather than refused: the read needs no key.
  checkMatrix(() => t, READS, CALLERS);
  checkMatrix(() => t, OPEN, CALLERS);
  checkMatrix(() => t, INGEST, ['ingest', 'admin']);
  checkMatrix(() => t, ADMIN, ['admin']);

  it('answers 401 with a Bearer challenge and problem+json', async () => {
    const response = await t.app.inject({ url: '/v1/refresh' });
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ type: 'https://evg.kk.dk/problems/unauthorized', status: 401 });
  });
});

describe('authorisation with EVG_READ_REQUIRES_KEY=true', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ EVG_READ_REQUIRES_KEY: 'true' });
  });
  afterAll(() => t.close());
  checkMatrix(() => t, READS, ['caseworker', 'bi', 'ingest', 'admin']);
  checkMatrix(() => t, OPEN, CALLERS);
});
