import { sql, type Kysely } from 'kysely';

// Frozen in time: the schema change of 2026-12-02 for the result bonus (seed 002 §3). The
// amount stays the offer's result_bonus_dkk (data contract); this table says only which
// outcome measure triggers it. An offer without a row is triggered by effect3m.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE bonus_rules (
      offer_id text PRIMARY KEY REFERENCES offers (offer_id) ON DELETE CASCADE,
      measure_key text NOT NULL CHECK (measure_key ~ '^[A-Za-z][A-Za-z0-9]*$'),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE bonus_rules;`.execute(db);
}
