import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

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
  const { rows: keys } = await sql<{ name: string; definition: string }>`
    SELECT conname AS name, pg_get_constraintdef(oid) AS definition
    FROM pg_constraint WHERE conrelid = ${table}::regclass AND contype = 'f' ORDER BY conname`.execute(trx);
  if (keys.length === 0) return work();
  const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
  await sql
    .raw(`ALTER TABLE ${table} ${keys.map((k) => `DROP CONSTRAINT ${quoted(k.name)}`).join(', ')}`)
    .execute(trx);
  const result = await work();
  await sql
    .raw(
      `ALTER TABLE ${table} ${keys.map((k) => `ADD CONSTRAINT ${quoted(k.name)} ${k.definition} NOT VALID`).join(', ')}`,
    )
    .execute(trx);
  for (const key of keys) {
    await sql.raw(`ALTER TABLE ${table} VALIDATE CONSTRAINT ${quoted(key.name)}`).execute(trx);
  }
  return result;
}

/**
 * Runs a large insert into `table` with its plain (non-unique) indexes built once afterwards
 * instead of updated row by row: rows of a real extract come in no useful order, so each
 * insert into such an index lands on a random page, while a build is one sort. Unique indexes
 * stay, since the upsert's ON CONFLICT needs them. Inside the import's transaction, so no other
 * session sees the table without its indexes (DROP INDEX holds an exclusive lock until commit).
 */
export async function withPlainIndexesRebuilt<T>(
  trx: Kysely<Database>,
  table: string,
  work: () => Promise<T>,
): Promise<T> {
  const { rows: indexes } = await sql<{ name: string; definition: string }>`
    SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
    WHERE i.indrelid = ${table}::regclass AND NOT i.indisunique AND NOT i.indisprimary
      AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
    ORDER BY c.relname`.execute(trx);
  if (indexes.length === 0) return work();
  const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
  await sql.raw(`DROP INDEX ${indexes.map((i) => quoted(i.name)).join(', ')}`).execute(trx);
  const result = await work();
  for (const index of indexes) await sql.raw(index.definition).execute(trx);
  return result;
}
