import type { Kysely } from 'kysely';
import type { Database, ImportBatchRow, NewImportBatch } from '../db/database.ts';

/**
 * Records one import attempt and returns its id. Called outside the import's transaction, so a
 * rejected or failed batch is recorded too.
 */
export async function recordImportBatch(db: Kysely<Database>, batch: NewImportBatch): Promise<number> {
  const row = await db.insertInto('import_batches').values(batch).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The most recent import attempts, newest first. */
export async function listImportBatches(db: Kysely<Database>, limit = 50): Promise<ImportBatchRow[]> {
  return db.selectFrom('import_batches').selectAll().orderBy('id', 'desc').limit(limit).execute();
}
