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
