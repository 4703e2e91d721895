import { sql, type Kysely } from 'kysely';

// Frozen in time: the change of 2026-12-03 that notes a catalogue change only when a row
// changed. The statement triggers of 0005 and 0007 fired for every statement on a catalogue
// table, also for an import's upsert that found every row as it was (a daily extract that
// re-sends the same offers), and every API instance then rebuilt its read model and lost its
// cached answers for nothing. Each table now has one trigger per event with the statement's
// transition table, noting the transaction only if that table holds a row; TRUNCATE (which
// has none) still notes it always.
const CATALOGUE_TABLES = [
  'benefit_types',
  'target_groups',
  'industries',
  'packages',
  'providers',
  'offers',
  'offer_target_groups',
  'offer_industries',
  'supervisions',
  'bonus_rules',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION note_catalog_rows_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM changed_rows) THEN
        INSERT INTO catalog_changes (xact) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
      END IF;
      RETURN NULL;
    END
    $$
  `.execute(db);
  for (const name of CATALOGUE_TABLES) {
    const table = sql.table(name);
    await sql`DROP TRIGGER catalog_change ON ${table}`.execute(db);
    await sql`CREATE TRIGGER catalog_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS changed_rows
      FOR EACH STATEMENT EXECUTE FUNCTION note_catalog_rows_change()`.execute(db);
    await sql`CREATE TRIGGER catalog_update AFTER UPDATE ON ${table} REFERENCING NEW TABLE AS changed_rows
      FOR EACH STATEMENT EXECUTE FUNCTION note_catalog_rows_change()`.execute(db);
    await sql`CREATE TRIGGER catalog_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS changed_rows
      FOR EACH STATEMENT EXECUTE FUNCTION note_catalog_rows_change()`.execute(db);
    await sql`CREATE TRIGGER catalog_truncate AFTER TRUNCATE ON ${table}
      FOR EACH STATEMENT EXECUTE FUNCTION note_catalog_change()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of CATALOGUE_TABLES) {
    const table = sql.table(name);
    for (const trigger of ['catalog_insert', 'catalog_update', 'catalog_delete', 'catalog_truncate']) {
      await sql`DROP TRIGGER ${sql.id(trigger)} ON ${table}`.execute(db);
    }
    await sql`CREATE TRIGGER catalog_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
      FOR EACH STATEMENT EXECUTE FUNCTION note_catalog_change()`.execute(db);
  }
  await sql`DROP FUNCTION note_catalog_rows_change()`.execute(db);
}
