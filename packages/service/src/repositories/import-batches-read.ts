import type { Kysely } from 'kysely';
import type { Database, ImportBatchRow } from '../db/database.ts';

/** One recorded import attempt, or undefined. */
export async function findImportBatch(db: Kysely<Database>, id: number): Promise<ImportBatchRow | undefined> {
  return db.selectFrom('import_batches').selectAll().where('id', '=', id).executeTakeFirst();
}
