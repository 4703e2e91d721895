import { sql, type Kysely } from 'kysely';

// Frozen in time: the schema change of 2026-12-02 for measures a municipality defines
// (measures.md §3). The four default measures live in code and are never stored here.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE measures (
      key text PRIMARY KEY CHECK (key ~ '^[A-Za-z][A-Za-z0-9]*$'),
      label_da text NOT NULL CHECK (label_da <> ''),
      label_en text NOT NULL CHECK (label_en <> ''),
      anchor text NOT NULL CHECK (anchor IN ('start', 'end')),
      from_month integer NOT NULL CHECK (from_month >= 0),
      to_month integer NOT NULL CHECK (to_month > from_month),
      min_self_sufficient_months integer NOT NULL
        CHECK (min_self_sufficient_months BETWEEN 1 AND to_month - from_month),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    -- The measures a data version was computed with: its fine cells carry counters for exactly
    -- these, so readers of that version use them and never the definitions edited since.
    -- NULL (versions from before this migration) = the four defaults.
    ALTER TABLE data_versions ADD COLUMN measures jsonb;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE data_versions DROP COLUMN measures;
    DROP TABLE measures;
  `.execute(db);
}
