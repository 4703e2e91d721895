import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

/**
 * How many transactions have changed the catalogue, as `db` (or the transaction) sees it: it
 * grows with every commit that writes offers, providers, code lists or supervisions (a trigger
 * keeps one row per transaction), on the primary and on its replicas alike.
 *
 * @example
 *   const before = await catalogRevision(db);
 *   await saveOffer(db, offer);
 *   (await catalogRevision(db)) > before; // true
 */
export async function catalogRevision(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('catalog_changes')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
