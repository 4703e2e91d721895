import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ServedModel } from '../../src/read-model/served-model.ts';
import { refreshFixture } from '../app/fixture.ts';
import { bearer, createTestApp, type TestApp } from '../app/test-app.ts';

describe('response cache', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ EVG_READ_REQUIRES_KEY: 'true' });
  });
  afterAll(() => t.close());

  it('answers a repeated read with the same body, and still demands the key', async () => {
    const headers = bearer(t.keys.caseworker);
    const first = await t.app.inject({ url: '/v1/offers?sort=-effect3m', headers });
    const second = await t.app.inject({ url: '/v1/offers?sort=-effect3m', headers });
    expect(second.statusCode).toBe(200);
    expect(second.body).toBe(first.body);
    expect(second.headers['content-type']).toMatch(/^application\/json/);
    expect((await t.app.inject('/v1/offers?sort=-effect3m')).statusCode).toBe(401);
  });

  it('never serves an answer from before a catalogue change or a new data version', async () => {
    const admin = bearer(t.keys.admin);
    const read = async () =>
      (await t.app.inject({ url: '/v1/offers/T4', headers: admin })).json<{ offer: { name: string } }>();
    expect((await read()).offer.name).toBe('IT-opkvalificering');
    const payload = {
      providerId: 'P2',
      name: 'IT for begyndere',
      package: 'uddannelsespakke',
      targetGroups: ['jobparat'],
      industries: ['it'],
    };
    await t.app.inject({ method: 'PUT', url: '/v1/admin/offers/T4', headers: admin, payload });
    expect((await read()).offer.name).toBe('IT for begyndere');
    const profileVersion = async () =>
      (await t.app.inject({ url: '/v1/offers/T1', headers: admin })).json<{ dataVersion: number | null }>()
        .dataVersion;
    const served = await profileVersion();
    // A refresh publishes a newer version (instances never step back to an older one).
    const db = t.database.db;
    const { version, as_of } = await db
      .selectFrom('data_versions')
      .select(['version', 'as_of'])
      .where('status', '=', 'current')
      .executeTakeFirstOrThrow();
    await db.updateTable('data_versions').set({ status: 'superseded' }).execute();
    await db
      .insertInto('data_versions')
      .values({ version: version + 1, as_of, status: 'current' })
      .execute();
    await t.app.readModel.reloadIfChanged();
    expect([served, await profileVersion()]).toEqual([version, version + 1]);
  });
});

describe('response cache across a new data version', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Reads need a key; the address limit is low enough that three extra requests would show.
    t = await createTestApp({ EVG_READ_REQUIRES_KEY: 'true', EVG_RATE_LIMIT: '4' });
  });
  afterAll(() => t.close());

  it('has the URLs asked of the old model answered on the new one before it is served', async () => {
    const headers = bearer(t.keys.caseworker);
    const urls = ['/v1/offers?sort=-effect3m', '/v1/offers/T1', '/v1/compare?ids=T1,T2'];
    const before = await Promise.all(urls.map((url) => t.app.inject({ url, headers })));
    expect(before.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    const views = vi.spyOn(ServedModel.prototype, 'offerViews');
    try {
      await refreshFixture(t.database.db);
      await t.app.readModel.reload();
      const served = t.app.readModel.current;
      expect(views.mock.contexts.length, t.errorLogs.join('\n')).toBeGreaterThan(0);
      expect(views.mock.contexts.every((model) => model === served)).toBe(true);
      const asked = views.mock.calls.length;
      const after = await Promise.all(urls.map((url) => t.app.inject({ url, headers })));
      expect(after.map((r) => r.statusCode)).toEqual([200, 200, 200]);
      // Answered from what the warm-up made: nothing asked of the model again.
      expect(views).toHaveBeenCalledTimes(asked);
      expect(after.map((r) => r.json<{ dataVersion: number }>().dataVersion)).toEqual(
        urls.map(() => served.version?.id),
      );
    } finally {
      views.mockRestore();
    }
    // The made answers are still only for callers with a key.
    expect((await t.app.inject(urls[0]!)).statusCode).toBe(401);
  });
});

describe('the warm-up of a new read model', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Open reads, four a minute per address: the server's own requests come from loopback too.
    t = await createTestApp({ EVG_RATE_LIMIT: '4' });
  });
  afterAll(() => t.close());

  it('counts against no caller: the address limit is all the callers own', async () => {
    const status = async (url: string) => (await t.app.inject(url)).statusCode;
    expect([await status('/v1/offers'), await status('/v1/offers?limit=5')]).toEqual([200, 200]);
    // The swap answers both URLs once more on the new model, from this same address.
    await refreshFixture(t.database.db);
    await t.app.readModel.reload();
    expect([await status('/v1/offers'), await status('/v1/offers?limit=5')]).toEqual([200, 200]);
    expect(await status('/v1/offers')).toBe(429);
  });
});
