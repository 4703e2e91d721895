import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
