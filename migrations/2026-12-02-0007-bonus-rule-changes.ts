import { sql, type Kysely } from 'kysely';

// Frozen in time: the change of 2026-12-02 that makes a bonus rule part of the catalogue the
// API instances hold in memory (search, profile and comparison name each offer's bonus
// trigger). A rule written by any instance, or by psql, is noted in catalog_changes like an
// offer edit, so every instance reloads its catalogue (migration 0005).

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TRIGGER catalog_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON bonus_rules
      FOR EACH STATEMENT EXECUTE FUNCTION note_catalog_change()
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER catalog_change ON bonus_rules`.execute(db);
}
