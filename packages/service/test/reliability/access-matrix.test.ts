// The authorisation matrix: every endpoint of the OpenAPI document × every caller (no key, a
// wrong key, a revoked admin key, each role), with reads open and closed. The endpoint list is
// the document's, and the table below must classify each one, so no new endpoint escapes.
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, revokeApiKey } from '../../src/repositories/api-keys.ts';
import { createTestApp, type TestApp } from '../app/test-app.ts';
import { endpointsOf, type Endpoint, type OpenApiDocument } from '../support/openapi-requests.ts';
import { UNLIMITED_RATE_ENV } from '../support/unlimited-rate.ts';

type Access = 'public' | 'read' | 'ingest' | 'exact' | 'admin';

const ACCESS: Record<string, Access> = {
  'GET /health': 'public',
  'GET /ready': 'public',
  'GET /v1/offers': 'read',
  'GET /v1/offers/{id}': 'read',
  'GET /v1/compare': 'read',
  'GET /v1/providers': 'read',
  'GET /v1/providers/{id}': 'read',
  'GET /v1/target-groups': 'read',
  'GET /v1/target-groups/{code}/profile': 'read',
  'GET /v1/industries': 'read',
  'GET /v1/packages': 'read',
  'GET /v1/benefit-types': 'read',
  'GET /v1/measures': 'read',
  'GET /v1/effects': 'read',
  'POST /v1/imports/{kind}': 'ingest',
  'GET /v1/imports/batches/{batchId}': 'ingest',
  'GET /v1/refresh': 'ingest',
  'POST /v1/refresh': 'ingest',
  'PUT /v1/admin/offers/{id}': 'admin',
  'DELETE /v1/admin/offers/{id}': 'admin',
  'PUT /v1/admin/providers/{id}': 'admin',
  'DELETE /v1/admin/providers/{id}': 'admin',
  'PUT /v1/admin/code-lists/{list}/{code}': 'admin',
  'DELETE /v1/admin/code-lists/{list}/{code}': 'admin',
  'GET /v1/admin/api-keys': 'admin',
  'POST /v1/admin/api-keys': 'admin',
  'DELETE /v1/admin/api-keys/{id}': 'admin',
  'GET /v1/admin/exact-reads': 'admin',
  'GET /v1/admin/measures': 'admin',
  'PUT /v1/admin/measures/{key}': 'admin',
  'DELETE /v1/admin/measures/{key}': 'admin',
  'GET /v1/admin/bonus-rules': 'admin',
  'PUT /v1/admin/bonus-rules/{offerId}': 'admin',
  'DELETE /v1/admin/bonus-rules/{offerId}': 'admin',
  // Exact counts that decide payments: analysts and administrators only.
  'GET /v1/bonus-statement': 'exact',
};

const CALLERS = ['none', 'wrong', 'revoked', 'caseworker', 'bi', 'ingest', 'analyst', 'admin'] as const;
type Caller = (typeof CALLERS)[number];

/** Values for path parameters that name nothing, so an allowed call changes nothing. */
const PATH_VALUES: Record<string, string> = {
  id: 'matrix-nothing',
  code: 'matrix-nothing',
  kind: 'complaints',
  list: 'industries',
  batchId: '999999',
  key: 'matrixNothing',
  offerId: 'matrix-nothing',
};

/** Who may call an endpoint of `access`; the rest get 401 (no valid key) or 403 (wrong role). */
function allowed(access: Access, readsOpen: boolean): readonly Caller[] {
  switch (access) {
    case 'public':
      return CALLERS;
    case 'read':
      return readsOpen ? CALLERS : ['caseworker', 'bi', 'ingest', 'analyst', 'admin'];
    case 'ingest':
      return ['ingest', 'admin'];
    case 'exact':
      return ['analyst', 'admin'];
    case 'admin':
      return ['admin'];
  }
}

function requestFor(endpoint: Endpoint, malformed: boolean): InjectOptions {
  let url = endpoint.path.replace(/\{(\w+)\}/g, (_, name: string) => PATH_VALUES[name] ?? 'x');
  // A malformed request must still be refused for lack of a key before anything else is said.
  if (malformed) url += '?matrixUnknownParameter=1';
  const request: InjectOptions = { method: endpoint.method, url };
  if (endpoint.method === 'POST' || endpoint.method === 'PUT') {
    request.headers = {
      'content-type': endpoint.path.includes('/imports/') ? 'text/csv' : 'application/json',
    };
    request.payload = endpoint.path.includes('/imports/') ? 'not,a,header\n' : '{"unexpected":true}';
  }
  return request;
}

for (const readsOpen of [true, false]) {
  describe(`access with reads ${readsOpen ? 'open (default)' : 'closed (EVG_READ_REQUIRES_KEY=true)'}`, () => {
    let t: TestApp;
    let endpoints: Endpoint[];
    const secrets = {} as Record<Caller, string | undefined>;

    beforeAll(async () => {
      t = await createTestApp({ ...UNLIMITED_RATE_ENV, EVG_READ_REQUIRES_KEY: String(!readsOpen) });
      endpoints = endpointsOf((await t.app.inject('/openapi.json')).json() as OpenApiDocument);
      const revoked = await createApiKey(t.database.db, { name: 'matrix revoked', role: 'admin' });
      await revokeApiKey(t.database.db, revoked.key.id);
      Object.assign(
        secrets,
        { none: undefined, wrong: 'evg_' + 'x'.repeat(40), revoked: revoked.secret },
        t.keys,
      );
    });
    afterAll(() => t?.close());

    it('classifies every documented endpoint, and only those', () => {
      expect(endpoints.map((e) => `${e.method} ${e.path}`).sort()).toEqual(Object.keys(ACCESS).sort());
    });

    it('documents the security each endpoint enforces', () => {
      for (const endpoint of endpoints) {
        const access = ACCESS[`${endpoint.method} ${endpoint.path}`]!;
        const security = endpoint.operation.security ?? [];
        const optional = security.length === 0 || security.some((s) => Object.keys(s).length === 0);
        expect(optional, `${endpoint.method} ${endpoint.path}`).toBe(
          access === 'public' || access === 'read',
        );
      }
    });

    it('answers every endpoint × caller as the table says, malformed requests included', async () => {
      const wrong: string[] = [];
      for (const endpoint of endpoints) {
        const access = ACCESS[`${endpoint.method} ${endpoint.path}`]!;
        for (const caller of CALLERS) {
          for (const malformed of [false, true]) {
            const request = requestFor(endpoint, malformed);
            const secret = secrets[caller];
            if (secret) request.headers = { ...request.headers, authorization: `Bearer ${secret}` };
            const response = await t.app.inject(request);
            await t.app.refresher.idle();
            const may = allowed(access, readsOpen).includes(caller);
            const want = may
              ? 'allowed'
              : caller === 'none' || caller === 'wrong' || caller === 'revoked'
                ? 401
                : 403;
            const got = response.statusCode;
            const ok = want === 'allowed' ? got !== 401 && got !== 403 && got < 500 : got === want;
            if (!ok) wrong.push(`${request.method} ${request.url} as ${caller}: want ${want}, got ${got}`);
            if (got === 401) expect(response.headers['www-authenticate']).toMatch(/^Bearer /);
            if (got >= 400) expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
          }
        }
      }
      expect(wrong).toEqual([]);
    });
  });
}
