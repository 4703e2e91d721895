import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('health and readiness', () => {
  it('/health answers while the process runs; /ready when the database is migrated', async () => {
    expect((await t.app.inject('/health')).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject('/ready')).json()).toEqual({ status: 'ready', dataVersion: 1 });
  });

  it('/ready answers 503 when a migration is missing', async () => {
    const [last] = await t.database.db
      .selectFrom('kysely_migration' as never)
      .select(sql<string>`name`.as('name'))
      .orderBy(sql`name`, 'desc')
      .limit(1)
      .execute();
    await sql`delete from kysely_migration where name = ${last!.name}`.execute(t.database.db);
    const response = await t.app.inject('/ready');
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ type: 'https://evg.kk.dk/problems/unavailable' });
    await sql`insert into kysely_migration (name, timestamp) values (${last!.name}, now())`.execute(
      t.database.db,
    );
    expect((await t.app.inject('/ready')).statusCode).toBe(200);
  });
});
