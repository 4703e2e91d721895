import { sql, type Kysely } from 'kysely';

// Frozen in time: this file describes the change of 2026-12-02 and never imports app code.
// Several API instances (README "Scaling out") each hold the catalogue in memory; they learn of
// a new data version by polling, but a catalogue change (an admin edit, an import of offers
// without a refresh) made no new version. Every transaction that writes the catalogue now
// leaves one row here, by a trigger, so whoever writes it (the API, `evg import`, psql). The
// number of rows a reader sees grows with every such commit and belongs to the reader's
// snapshot: polled beside the data version it says when to reload. One row per transaction
// (its id as key), so concurrent writers never wait for each other here.
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
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE catalog_changes (
      xact xid8 PRIMARY KEY,
      changed_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE FUNCTION note_catalog_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO catalog_changes (xact) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
      RETURN NULL;
    END
    $$;
  `.execute(db);
  for (const table of CATALOGUE_TABLES) {
    await sql`
      CREATE TRIGGER catalog_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${sql.table(table)}
        FOR EACH STATEMENT EXECUTE FUNCTION note_catalog_change()
    `.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of CATALOGUE_TABLES) {
    await sql`DROP TRIGGER catalog_change ON ${sql.table(table)}`.execute(db);
  }
  await sql`
    DROP FUNCTION note_catalog_change();
    DROP TABLE catalog_changes;
  `.execute(db);
}
