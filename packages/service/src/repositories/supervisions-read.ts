import type { Kysely } from 'kysely';
import type { Supervision } from '@evg/effects';
import type { Database } from '../db/database.ts';

/** The most recent supervision visit of every offer that has had one. */
export async function listLatestSupervisions(db: Kysely<Database>): Promise<Supervision[]> {
  const rows = await db
    .selectFrom('supervisions')
    .selectAll()
    .distinctOn('offer_id')
    .orderBy('offer_id')
    .orderBy('visited_on', 'desc')
    .orderBy('supervision_id', 'desc')
    .execute();
  return rows.map((row) => ({
    supervisionId: row.supervision_id,
    offerId: row.offer_id,
    visitedOn: row.visited_on,
    smiley: row.smiley,
    note: row.note,
  }));
}
