import { sql, type Kysely } from 'kysely';

// Frozen in time: the schema change of 2026-12-02 for exact figures (measures.md §4). Role
// `analyst` may read exact figures through the API; every such read is recorded.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE api_keys DROP CONSTRAINT api_keys_role_check;
    ALTER TABLE api_keys ADD CONSTRAINT api_keys_role_check
      CHECK (role IN ('caseworker', 'bi', 'ingest', 'analyst', 'admin'));

    -- Who read exact figures, when, and what: the audit trail an admin lists.
    CREATE TABLE exact_reads (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      key_id uuid NOT NULL REFERENCES api_keys,
      key_name text NOT NULL,
      read_at timestamptz NOT NULL DEFAULT now(),
      method text NOT NULL,
      path text NOT NULL,
      query jsonb NOT NULL
    );
    CREATE INDEX exact_reads_read_at_idx ON exact_reads (read_at DESC);

    -- Fine cells stored before the cell key method carry no cell keys and cannot be published:
    -- their data versions are dropped, and the next refresh (evg start does one) makes new ones.
    DELETE FROM data_versions WHERE version IN (
      SELECT DISTINCT data_version FROM effect_fine_cells WHERE NOT (counters ? 'keyed')
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE exact_reads;
    DELETE FROM api_keys WHERE role = 'analyst';
    ALTER TABLE api_keys DROP CONSTRAINT api_keys_role_check;
    ALTER TABLE api_keys ADD CONSTRAINT api_keys_role_check
      CHECK (role IN ('caseworker', 'bi', 'ingest', 'admin'));
  `.execute(db);
}
