import { sql, type Kysely } from 'kysely';

// Frozen in time: this file describes the change of 2026-12-02 and never imports app code.
// Every import is dated by its extract's cut-off (data contract): declared with the import, or
// assumed from the latest start date of its benefit periods. Refreshes take the latest cut-off
// of the batches that carried benefit periods, so the cut-off lives with the batch.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE import_batches
      ADD COLUMN as_of date,
      ADD COLUMN as_of_source text CHECK (as_of_source IN ('declared', 'assumed')),
      ADD COLUMN benefit_periods boolean NOT NULL DEFAULT false,
      ADD CHECK ((as_of IS NULL) = (as_of_source IS NULL));
    CREATE INDEX import_batches_benefit_as_of ON import_batches (as_of)
      WHERE benefit_periods AND outcome = 'ok';

    ALTER TABLE refresh_runs
      ADD COLUMN as_of_source text CHECK (as_of_source IN ('declared', 'assumed', 'override'));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE refresh_runs DROP COLUMN as_of_source;
    DROP INDEX import_batches_benefit_as_of;
    ALTER TABLE import_batches DROP COLUMN benefit_periods, DROP COLUMN as_of_source, DROP COLUMN as_of;
  `.execute(db);
}
