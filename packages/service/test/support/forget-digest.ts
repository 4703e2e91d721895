import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.ts';

/**
 * Makes the next refresh publish even if its figures are the current version's (as for a
 * version made before digests were recorded): for tests that compare what two write paths store.
 */
export async function forgetCurrentDigest(db: Kysely<Database>): Promise<void> {
  await db
    .updateTable('data_versions')
    .set({ content_digest: null })
    .where('status', '=', 'current')
    .execute();
}
