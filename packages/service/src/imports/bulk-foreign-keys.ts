import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import {
  addConstraintsNotValid,
  createIndex,
  dropConstraints,
  dropIndexes,
  foreignKeysOf,
  plainIndexesOf,
  validateConstraint,
} from './import-sql.ts';

/** From this many staged rows on, foreign keys are checked once for the table, not per row. */
export const BULK_ROWS = 100_000;

/**
 * Runs a large insert into `table` with its foreign keys checked in one set-based pass instead
 * of one trigger call per row (which costs about half of a bulk upsert): the constraints are
 * dropped, the rows written, and the same constraints added back and validated — all inside
 * the import's transaction, so a failed validation rolls everything back and no other session
 * ever sees the table without them (ALTER TABLE holds an exclusive lock until commit).
 */
export async function withForeignKeysCheckedAtOnce<T>(
  trx: Kysely<Database>,
  table: string,
  work: () => Promise<T>,
): Promise<T> {
  const { rows: keys } = await foreignKeysOf(table).execute(trx);
  if (keys.length === 0) return work();
  await dropConstraints(table, keys).execute(trx);
  const result = await work();
  await addConstraintsNotValid(table, keys).execute(trx);
  for (const key of keys) await validateConstraint(table, key).execute(trx);
  return result;
}

/**
 * Runs a large insert into `table` with its plain (non-unique) indexes built once afterwards
 * instead of updated row by row: rows of a real extract come in no useful order, so each
 * insert into such an index lands on a random page, while a build is one sort. Unique indexes
 * stay, since the upsert's ON CONFLICT needs them, unless `unique` says the work inserts
 * without it (a first load of distinct keys; a key's duplicate would fail the rebuild and roll
 * the import back). Constraints' indexes (primary keys) always stay. Inside the import's
 * transaction, so no other session sees the table without its indexes (DROP INDEX holds an
 * exclusive lock until commit).
 */
export async function withPlainIndexesRebuilt<T>(
  trx: Kysely<Database>,
  table: string,
  work: () => Promise<T>,
  unique = false,
): Promise<T> {
  const { rows: indexes } = await plainIndexesOf(table, unique).execute(trx);
  if (indexes.length === 0) return work();
  await dropIndexes(indexes).execute(trx);
  const result = await work();
  for (const index of indexes) await createIndex(index).execute(trx);
  return result;
}
