import type { Kysely } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { refreshFixture } from '../app/fixture.ts';

/**
 * A 12-month effect as an administrator defines it (README's example, issue 12): at least 6 of
 * the 12 months after the start self-sufficient. The body of `PUT /v1/admin/measures/effect12m`.
 */
export const EFFECT12M = {
  label: '12 mdr. effekt',
  labelEn: '12-month effect',
  anchor: 'start' as const,
  fromMonth: 0,
  toMonth: 12,
  minSelfSufficientMonths: 6,
};

/** The same as an entry of a `--measures` file or of `evg measures set`. */
export const EFFECT12M_ENTRY = { key: 'effect12m', ...EFFECT12M };

/**
 * Defines the 12-month effect through the admin API on an app over the API fixture, refreshes,
 * and has the app serve the new data version, as an administrator's "define, then refresh" does.
 *
 * @example await defineEffect12m(b.testApp);
 */
export async function defineEffect12m(testApp: {
  app: FastifyInstance;
  keys: { admin: string };
  database: { db: Kysely<Database> };
}): Promise<void> {
  const { app, keys, database } = testApp;
  const defined = await app.inject({
    method: 'PUT',
    url: '/v1/admin/measures/effect12m',
    headers: { authorization: `Bearer ${keys.admin}` },
    payload: EFFECT12M,
  });
  expect(defined.statusCode, defined.body).toBe(201);
  await refreshFixture(database.db);
  await app.readModel.reload();
}
