import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_KINDS, type ProblemCode } from '../../src/http/problem.ts';
import { bearer, createTestApp, type TestApp } from '../app/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ EVG_BODY_LIMIT: '2048' });
});
afterAll(() => t.close());

function expectProblem(
  response: { statusCode: number; headers: Record<string, unknown>; json: () => unknown },
  status: number,
  code: string,
) {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = response.json() as Record<string, unknown>;
  expect(body).toMatchObject({ type: `https://evg.kk.dk/problems/${code}`, status });
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
}

describe('problem+json errors', () => {
  it('answers unknown routes with a 404 problem', async () => {
    expectProblem(await t.app.inject('/v2/offers'), 404, 'not-found');
    expectProblem(await t.app.inject({ method: 'POST', url: '/v1/offers' }), 404, 'not-found');
  });

  it('answers malformed JSON and oversized bodies with problems, not 500s', async () => {
    const admin = { ...bearer(t.keys.admin), 'content-type': 'application/json' };
    expectProblem(
      await t.app.inject({ method: 'POST', url: '/v1/admin/api-keys', headers: admin, payload: '{"name":' }),
      400,
      'validation',
    );
    const big = JSON.stringify({ name: 'x'.repeat(5000), role: 'bi' });
    expectProblem(
      await t.app.inject({ method: 'POST', url: '/v1/admin/api-keys', headers: admin, payload: big }),
      413,
      'payload-too-large',
    );
    const xml = { ...bearer(t.keys.admin), 'content-type': 'application/xml' };
    expectProblem(
      await t.app.inject({ method: 'POST', url: '/v1/admin/api-keys', headers: xml, payload: '<a/>' }),
      415,
      'unsupported-media-type',
    );
  });

  it('lists every invalid field of a request, with where it was', async () => {
    const response = await t.app.inject('/v1/offers?limit=0&offset=-1&colour=red');
    expectProblem(response, 400, 'validation');
    const errors = response.json<{ errors: { in: string; name: string; message: string }[] }>().errors;
    expect(errors.map((error) => error.name).sort()).toEqual(['colour', 'limit', 'offset']);
    expect(errors.every((error) => error.in === 'query' && error.message.length > 0)).toBe(true);
  });

  it.each([
    '/v1/offers?q=%00%01',
    '/v1/offers?q=' + encodeURIComponent("'); drop table offers; --"),
    '/v1/offers?q=' + encodeURIComponent('"unbalanced & | ! ('),
    '/v1/offers/' + encodeURIComponent('../../etc/passwd'),
    '/v1/offers?targetGroup=' + 'x'.repeat(3000),
    '/v1/offers?maxPrice=1e400',
    '/v1/offers?limit=99999999999999999999',
    '/v1/effects?period=99999H1',
    '/v1/effects?from=2025-02-31',
    '/v1/compare?ids=' + encodeURIComponent('T1,T1'),
    '/v1/imports/batches/1' + '0'.repeat(30),
    '/v1/target-groups/%E2%82%AC/profile',
  ])('never answers %s with a 5xx', async (url) => {
    const response = await t.app.inject({ url, headers: bearer(t.keys.admin) });
    expect(response.statusCode, response.body).toBeLessThan(500);
  });

  // The language policy of http/problem.ts: Danish title and detail, English errors[].message.
  it('words title and detail in Danish, also for Fastify’s own errors, and keeps errors[] technical', async () => {
    const admin = { ...bearer(t.keys.admin), 'content-type': 'application/json' };
    const post = (payload: string, headers = admin) =>
      t.app.inject({ method: 'POST', url: '/v1/admin/api-keys', headers, payload });
    const read = (url: string) => t.app.inject({ url, headers: bearer(t.keys.admin) });
    const cases: [Promise<{ json: () => unknown }>, ProblemCode, string | RegExp, (string | RegExp)?][] = [
      [read('/v2/offers?x=1'), 'not-found', 'Adressen GET /v2/offers findes ikke.'],
      [post('{"name":'), 'validation', 'Indholdet er ikke gyldig JSON.'],
      [post(''), 'validation', 'Indholdet er tomt, men content-type er application/json.'],
      [
        post(JSON.stringify({ name: 'x'.repeat(5000) })),
        'payload-too-large',
        'Indholdet er større, end tjenesten tager imod.',
      ],
      [
        post('<a/>', { ...admin, 'content-type': 'application/xml' }),
        'unsupported-media-type',
        'Tjenesten læser ikke denne content-type her.',
      ],
      [read('/v1/offers?limit=0'), 'validation', 'Forespørgslen har 1 ugyldigt felt (se errors).'],
      [
        read('/v1/offers?limit=0&offset=-1'),
        'validation',
        'Forespørgslen har 2 ugyldige felter (se errors).',
      ],
      [
        read('/v1/effects?period=2026X'),
        'validation',
        'Perioden i period kan ikke bruges (se errors).',
        "period '2026X' is not a period; use e.g. 2026, 2026H1, 2026Q3 or 2026-03.",
      ],
      [
        read('/v1/offers?sort=nonsense'),
        'validation',
        /^sort: 'nonsense' er ingen sorteringsnøgle; mål: effect3m, .+\.$/,
        /^'nonsense' is no sort key; measures: effect3m, /,
      ],
      [
        read('/v1/offers?min=effect3m:2'),
        'validation',
        "min: 'effect3m:2' skal have en andel fra 0 til 1 efter kolon, fx effect12m:0.3.",
        "'effect3m:2' needs a rate from 0 to 1 after the colon, e.g. effect12m:0.3",
      ],
    ];
    for (const [answer, code, detail, message] of cases) {
      const body = (await answer).json() as { title: string; detail: string; errors?: { message: string }[] };
      expect(body.title, String(detail)).toBe(PROBLEM_KINDS[code].title);
      expect(body.detail).toMatch(detail);
      if (typeof detail === 'string') expect(body.detail).toBe(detail);
      if (message !== undefined) {
        expect(body.errors).toHaveLength(1);
        expect(body.errors?.[0]?.message).toMatch(message);
      }
    }
  });

  it('hides the details of internal errors', async () => {
    const failing = await createTestApp();
    try {
      // A read model whose source breaks stands in for any unexpected failure.
      (failing.app.readModel as unknown as { model: { offerViews: () => never } }).model.offerViews = () => {
        throw new Error('secret internal detail');
      };
      const response = await failing.app.inject('/v1/offers');
      expectProblem(response, 500, 'internal');
      expect(response.body).not.toContain('secret internal detail');
      expect(failing.errorLogs.join('\n')).toContain('secret internal detail');
    } finally {
      await failing.close();
    }
  });
});
