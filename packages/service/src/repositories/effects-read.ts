import type { Kysely } from 'kysely';
import type { FineCell, MeasureDefinition } from '@evg/effects';
import type { Database } from '../db/database.ts';

export interface CurrentDataVersion {
  version: number;
  createdAt: Date;
  asOf: string;
  /** The measures it was computed with; null for versions from before they were stored. */
  measures: MeasureDefinition[] | null;
}

/** The data version readers should see, or null before the first refresh. */
export async function findCurrentDataVersion(db: Kysely<Database>): Promise<CurrentDataVersion | null> {
  const row = await db
    .selectFrom('data_versions')
    .select(['version', 'created_at', 'as_of', 'measures'])
    .where('status', '=', 'current')
    .executeTakeFirst();
  return row
    ? {
        version: Number(row.version),
        createdAt: row.created_at,
        asOf: row.as_of,
        measures: row.measures,
      }
    : null;
}

/** The counters of a stored fine cell (its JSON column). */
function storedCounters(json: unknown): FineCell {
  // Written from a FineCell by publishDataVersion (effect-versions.ts); too many cells to re-check.
  return json as FineCell;
}

/** The engine's fine cells of one data version (aggregate, never person-level). */
export async function listFineCells(db: Kysely<Database>, version: number): Promise<FineCell[]> {
  const rows = await db
    .selectFrom('effect_fine_cells')
    .select(['offer_id', 'target_group', 'month', 'counters'])
    .where('data_version', '=', version)
    .execute();
  // The key columns are authoritative; the JSON holds the counters.
  return rows.map((row) => ({
    ...storedCounters(row.counters),
    offerId: row.offer_id,
    targetGroup: row.target_group,
    month: row.month,
  }));
}
