import type { Kysely } from 'kysely';
import type { AsOfSource, Database, ImportBatchRow, NewImportBatch } from '../db/database.ts';

/**
 * Records one import attempt and returns its id. A successful batch is recorded inside the
 * import's transaction (its cut-off must not be lost if the process stops after the commit); a
 * rejected or failed one outside it, so that it is recorded too.
 */
export async function recordImportBatch(db: Kysely<Database>, batch: NewImportBatch): Promise<number> {
  const row = await db.insertInto('import_batches').values(batch).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** One recorded import attempt, or undefined. */
export async function findImportBatch(db: Kysely<Database>, id: number): Promise<ImportBatchRow | undefined> {
  return db.selectFrom('import_batches').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The most recent import attempts, newest first. */
export async function listImportBatches(db: Kysely<Database>, limit = 50): Promise<ImportBatchRow[]> {
  return db.selectFrom('import_batches').selectAll().orderBy('id', 'desc').limit(limit).execute();
}

/**
 * The latest cut-off among the stored imports of benefit periods (the data contract's date of
 * a refresh), with whether it was declared or assumed; null when no such import is dated.
 * On a tie a declared cut-off wins over an assumed one.
 */
export async function latestBenefitCutOff(
  db: Kysely<Database>,
): Promise<{ asOf: string; source: AsOfSource } | null> {
  const row = await db
    .selectFrom('import_batches')
    .select(['as_of', 'as_of_source'])
    .where('outcome', '=', 'ok')
    .where('benefit_periods', '=', true)
    .where('as_of', 'is not', null)
    .orderBy('as_of', 'desc')
    .orderBy((eb) => eb.case().when('as_of_source', '=', 'declared').then(0).else(1).end())
    .limit(1)
    .executeTakeFirst();
  return row?.as_of && row.as_of_source ? { asOf: row.as_of, source: row.as_of_source } : null;
}
