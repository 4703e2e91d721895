import { type PersonRecords } from '@evg/effects';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { naiveOutcomes } from '../../../effects/test/naive/naive-outcomes.ts';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { forEachPerson } from '../../src/data-dir/for-each-person.ts';
import { openDataDir } from '../../src/data-dir/open-data-dir.ts';
import { importDataDir } from '../../src/imports/import-data-dir.ts';
import { DEFAULT_DEFINED_MEASURES } from '../../src/measures/measure-definition.ts';
import { refreshEffects } from '../../src/refresh/refresh-effects.ts';
import { createApiKey } from '../../src/repositories/api-keys.ts';
import { TEST_DISCLOSURE_KEY } from '../support/disclosure-key.ts';
import { EFFECT12M } from '../support/effect12m.ts';
import { SYNTH_AS_OF, writeSynthDir } from '../support/synth-dir.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { UNLIMITED_RATE_ENV } from '../support/unlimited-rate.ts';

let t: TestDatabase;
let synth: { dir: string; remove: () => Promise<void> };
let app: FastifyInstance;
const keys = { admin: '', analyst: '' };
const refresh = () => refreshEffects(t.db, { disclosureKey: TEST_DISCLOSURE_KEY });
const as = (role: keyof typeof keys) => ({ authorization: `Bearer ${keys[role]}` });

beforeAll(async () => {
  t = await createTestDatabase();
  synth = await writeSynthDir(400);
  await importDataDir(t.db, synth.dir, { source: 'test', asOf: SYNTH_AS_OF });
  await refresh();
  app = await buildApp({
    config: { ...loadConfig(UNLIMITED_RATE_ENV), refreshPollMs: 0 },
    db: t.db,
    refreshEffects: async () => {
      await refresh();
    },
  });
  keys.admin = (await createApiKey(t.db, { name: 'admin', role: 'admin' })).secret;
  keys.analyst = (await createApiKey(t.db, { name: 'analyst', role: 'analyst' })).secret;
});
afterAll(async () => {
  await app.close();
  await t.close();
  await synth.remove();
});

/** The independent oracle: the naive implementation over the data directory itself. */
async function oracle() {
  const data = await openDataDir(synth.dir);
  const persons: PersonRecords[] = [];
  await forEachPerson(data, () => (person) => void persons.push(person));
  const measure = { key: 'effect12m', ...EFFECT12M };
  return naiveOutcomes(persons, data.catalog.benefitTypes, [measure], SYNTH_AS_OF);
}

describe('a measure defined by an administrator', () => {
  it('is refused with a problem naming the field when it is not sane', async () => {
    const bad = await app.inject({
      method: 'PUT',
      url: '/v1/admin/measures/effect12m',
      headers: as('admin'),
      payload: { ...EFFECT12M, toMonth: 0, minSelfSufficientMonths: 0 },
    });
    expect(bad.statusCode).toBe(400);
    const names = (bad.json().errors as { name: string }[]).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['toMonth', 'minSelfSufficientMonths']));

    const field = await app.inject({
      method: 'PUT',
      url: '/v1/admin/measures/started',
      headers: as('admin'),
      payload: EFFECT12M,
    });
    expect(field.statusCode).toBe(400);
    expect(field.json().errors).toEqual([
      expect.objectContaining({
        in: 'path',
        name: 'key',
        message: expect.stringContaining('built-in field'),
      }),
    ]);
    expect((await app.inject({ url: '/v1/admin/measures', headers: as('admin') })).json()).toHaveLength(4);
  });

  it('cannot replace or delete one of the four defaults', async () => {
    for (const method of ['PUT', 'DELETE'] as const) {
      const response = await app.inject({
        method,
        url: '/v1/admin/measures/effect3m',
        headers: as('admin'),
        ...(method === 'PUT' ? { payload: EFFECT12M } : {}),
      });
      expect(response.statusCode).toBe(409);
      expect(response.json().detail).toContain('indbyggede');
    }
  });

  it('is for role admin only', async () => {
    const response = await app.inject({
      method: 'PUT',
      url: '/v1/admin/measures/effect12m',
      headers: as('analyst'),
      payload: EFFECT12M,
    });
    expect(response.statusCode).toBe(403);
  });

  it('is stored, applied by the next refresh, and matches the oracle exactly', async () => {
    const created = await app.inject({
      method: 'PUT',
      url: '/v1/admin/measures/effect12m',
      headers: as('admin'),
      payload: EFFECT12M,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ key: 'effect12m', builtIn: false, inCurrentData: false });
    // Not in the figures before the refresh: the current data version has no counters for it.
    const before = (await app.inject('/v1/effects?groupBy=offer')).json();
    expect(before.length).toBeGreaterThan(0);
    expect(before[0].effect12m).toBeUndefined();

    await refresh();
    await app.readModel.reload();
    const listed = (await app.inject({ url: '/v1/admin/measures', headers: as('admin') })).json();
    expect(listed.map((m: { key: string }) => m.key)).toEqual([
      ...DEFAULT_DEFINED_MEASURES.map((m) => m.key),
      'effect12m',
    ]);
    expect(listed.at(-1)).toMatchObject({ inCurrentData: true, labelEn: '12-month effect' });

    const exact = await app.inject({ url: '/v1/effects?groupBy=offer&exact=true', headers: as('analyst') });
    expect(exact.statusCode).toBe(200);
    const expected = await oracle();
    const rows = exact.json() as { offerId: string; effect12m: { n: number; x: number; pending: number } }[];
    let compared = 0;
    for (const row of rows) {
      const want = expected.get(`${row.offerId} effect12m`) ?? { n: 0, x: 0, pending: 0 };
      const got = row.effect12m;
      // A cell with no eligible enrollment has no n and x (null), only its pending count.
      expect({ offerId: row.offerId, n: got.n ?? 0, x: got.x ?? 0, pending: got.pending }).toEqual({
        offerId: row.offerId,
        ...want,
      });
      if (want.n > 0) compared++;
    }
    expect(compared).toBeGreaterThan(3);
  });

  it('appears in the CSV table, the offer search and the comparison', async () => {
    const csv = await app.inject('/v1/effects?groupBy=offer&format=csv');
    const header = csv.body.split(/\r?\n/)[0]!.split(',');
    expect(header).toEqual(expect.arrayContaining(['effect12m_n', 'effect12m_x', 'effect12m_rate']));

    const search = (await app.inject('/v1/offers?limit=100')).json();
    expect(
      search.items.some(
        (item: { effects: { effect12m?: { n: number | null } } }) => item.effects.effect12m !== undefined,
      ),
    ).toBe(true);

    // Defined after the service started: filtered and sorted through `min=` and `sort`.
    const best = (await app.inject('/v1/offers?min=effect12m:0.2&sort=-effect12m&limit=100')).json();
    const rates = best.items.map(
      (item: { effects: { effect12m: { rate: number } } }) => item.effects.effect12m.rate,
    );
    expect(rates.length).toBeGreaterThan(0);
    expect(rates.length).toBeLessThan(search.total);
    expect(rates.every((rate: number) => rate >= 0.2)).toBe(true);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    const unknown = await app.inject('/v1/offers?min=effect99m:0.2');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0]).toMatchObject({ in: 'query', name: 'min' });
    const badRate = await app.inject('/v1/offers?min=effect12m:2');
    expect(badRate.json().errors[0]).toMatchObject({
      name: 'min',
      message: expect.stringContaining('0 to 1'),
    });
    const badSort = await app.inject('/v1/offers?sort=effect99m');
    expect(badSort.json().errors[0]).toMatchObject({ in: 'query', name: 'sort' });

    const ids = search.items.slice(0, 2).map((item: { offer: { offerId: string } }) => item.offer.offerId);
    const compare = (await app.inject(`/v1/compare?ids=${ids.join(',')}`)).json();
    expect(Object.keys(compare.differences[0].measures)).toContain('effect12m');
  });
});
