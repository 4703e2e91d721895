import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../app/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const admin = () => bearer(t.keys.admin);

describe('admin: offers', () => {
  it('creates an offer that search shows at once, updates it and deletes it', async () => {
    const body = {
      providerId: 'P2',
      name: 'Sprogskole',
      package: 'uddannelsespakke',
      targetGroups: ['jobparat'],
      priceDkk: 900,
    };
    const created = await t.app.inject({
      method: 'PUT',
      url: '/v1/admin/offers/T9',
      headers: admin(),
      payload: body,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      offerId: 'T9',
      name: 'Sprogskole',
      industries: [],
      accessible: null,
    });
    const found = (await t.app.inject('/v1/offers?q=sprogskole')).json<{
      items: { offer: { offerId: string } }[];
    }>();
    expect(found.items.map((item) => item.offer.offerId)).toEqual(['T9']);

    const updated = await t.app.inject({
      method: 'PUT',
      url: '/v1/admin/offers/T9',
      headers: admin(),
      payload: { ...body, name: 'Dansk for voksne' },
    });
    expect(updated.statusCode).toBe(200);
    expect((await t.app.inject('/v1/offers/T9')).json()).toMatchObject({
      offer: { name: 'Dansk for voksne' },
    });

    const deleted = await t.app.inject({ method: 'DELETE', url: '/v1/admin/offers/T9', headers: admin() });
    expect(deleted.statusCode).toBe(204);
    expect((await t.app.inject('/v1/offers/T9')).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'DELETE', url: '/v1/admin/offers/T9', headers: admin() })).statusCode,
    ).toBe(404);
  });

  it('refuses unknown references (400) and offers still in use (409), storing nothing', async () => {
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/v1/admin/offers/T8',
      headers: admin(),
      payload: { providerId: 'P1', name: 'X', package: 'jobpakke', targetGroups: ['findes-ikke'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ type: 'https://evg.kk.dk/problems/validation' });
    expect((await t.app.inject('/v1/offers/T8')).statusCode).toBe(404);
    const inUse = await t.app.inject({ method: 'DELETE', url: '/v1/admin/offers/T1', headers: admin() });
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json()).toMatchObject({ type: 'https://evg.kk.dk/problems/conflict' });
  });

  it('validates every body field and names each invalid one', async () => {
    const response = await t.app.inject({
      method: 'PUT',
      url: '/v1/admin/offers/T8',
      headers: admin(),
      payload: {
        providerId: 'P1',
        name: '',
        package: 'pakke',
        hoursPerWeek: 50,
        durationWeeks: 6.5,
        colour: 'red',
      },
    });
    expect(response.statusCode).toBe(400);
    const names = response
      .json<{ errors: { in: string; name: string }[] }>()
      .errors.map((error) => `${error.in}:${error.name}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'body:name',
        'body:package',
        'body:hoursPerWeek',
        'body:durationWeeks',
        'body:colour',
      ]),
    );
  });
});

describe('admin: providers and code lists', () => {
  it('creates, renames and deletes a provider; refuses to delete one with offers', async () => {
    const put = (name: string) =>
      t.app.inject({
        method: 'PUT',
        url: '/v1/admin/providers/P7',
        headers: admin(),
        payload: { name, kind: 'other_actor' },
      });
    expect((await put('Ny aktør')).statusCode).toBe(201);
    expect((await put('Ny aktør A/S')).statusCode).toBe(200);
    expect((await t.app.inject('/v1/providers/P7')).json()).toMatchObject({
      provider: { name: 'Ny aktør A/S' },
    });
    expect(
      (await t.app.inject({ method: 'DELETE', url: '/v1/admin/providers/P7', headers: admin() })).statusCode,
    ).toBe(204);
    expect(
      (await t.app.inject({ method: 'DELETE', url: '/v1/admin/providers/P1', headers: admin() })).statusCode,
    ).toBe(409);
  });

  it('creates, renames and deletes code list entries', async () => {
    const url = '/v1/admin/code-lists/industries/byggeri';
    expect(
      (await t.app.inject({ method: 'PUT', url, headers: admin(), payload: { name: 'Byggeri' } })).statusCode,
    ).toBe(201);
    expect((await t.app.inject('/v1/industries')).json()).toContainEqual({
      code: 'byggeri',
      name: 'Byggeri',
    });
    expect((await t.app.inject({ method: 'DELETE', url, headers: admin() })).statusCode).toBe(204);
    const used = await t.app.inject({
      method: 'DELETE',
      url: '/v1/admin/code-lists/target-groups/jobparat',
      headers: admin(),
    });
    expect(used.statusCode).toBe(409);
    const unknownList = await t.app.inject({
      method: 'PUT',
      url: '/v1/admin/code-lists/colours/red',
      headers: admin(),
      payload: {},
    });
    expect(unknownList.statusCode).toBe(400);
    expect(unknownList.json()).toMatchObject({ errors: [{ in: 'path', name: 'list' }] });
  });
});

describe('admin: API keys', () => {
  it('creates a key shown once, lists keys without secrets, and revokes a key so it stops working', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/admin/api-keys',
      headers: admin(),
      payload: { name: 'BI', role: 'ingest' },
    });
    expect(created.statusCode).toBe(201);
    const { key, secret } = created.json<{ key: { id: string; role: string }; secret: string }>();
    expect(key.role).toBe('ingest');
    expect(secret).toMatch(/^evg_/);
    expect((await t.app.inject({ url: '/v1/refresh', headers: bearer(secret) })).statusCode).toBe(200);

    const list = await t.app.inject({ url: '/v1/admin/api-keys', headers: admin() });
    expect(list.body).not.toContain(secret);
    expect(list.json<{ id: string }[]>().map((entry) => entry.id)).toContain(key.id);

    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/v1/admin/api-keys/${key.id}`,
      headers: admin(),
    });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json<{ revokedAt: string | null }>().revokedAt).not.toBeNull();
    expect((await t.app.inject({ url: '/v1/refresh', headers: bearer(secret) })).statusCode).toBe(401);
    const unknown = await t.app.inject({
      method: 'DELETE',
      url: '/v1/admin/api-keys/not-a-key',
      headers: admin(),
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('stores only the SHA-256 hash of a key', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/admin/api-keys',
      headers: admin(),
      payload: { name: 'x', role: 'bi' },
    });
    const { secret } = created.json<{ secret: string }>();
    const rows = await t.database.db.selectFrom('api_keys').select('key_hash').execute();
    expect(rows.some((row) => row.key_hash.includes(secret))).toBe(false);
    const { createHash } = await import('node:crypto');
    expect(rows.map((row) => row.key_hash)).toContain(createHash('sha256').update(secret).digest('hex'));
  });
});
