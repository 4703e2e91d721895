import { sql, type Kysely } from 'kysely';

// Frozen in time: the change of 2026-12-03 that lets a refresh recognise that nothing changed.
// Each data version records a digest of everything it publishes (asOf, measures, fine cells,
// materialised tables); a refresh whose result has the current version's digest publishes
// nothing, so readers' caches, ETags and Last-Modified stay as they are. Null for versions
// made before (the next refresh then publishes as before).

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE data_versions ADD COLUMN content_digest text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE data_versions DROP COLUMN content_digest`.execute(db);
}
