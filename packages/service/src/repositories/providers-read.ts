import type { Kysely } from 'kysely';
import type { Provider } from '@evg/effects';
import type { Database } from '../db/database.ts';

/** Every provider, by id. */
export async function listProviders(db: Kysely<Database>): Promise<Provider[]> {
  const rows = await db.selectFrom('providers').selectAll().orderBy('provider_id').execute();
  return rows.map((row) => ({
    providerId: row.provider_id,
    name: row.name,
    kind: row.kind,
    frameworkAgreement: row.framework_agreement,
  }));
}
