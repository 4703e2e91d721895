import { sql, type Kysely } from 'kysely';
import type { BonusRule } from '@evg/effects';
import type { Database } from '../db/database.ts';

/** Every offer's own bonus rule, by offer id (offers without one are triggered by effect3m). */
export async function listBonusRules(db: Kysely<Database>): Promise<BonusRule[]> {
  const rows = await db
    .selectFrom('bonus_rules')
    .select(['offer_id', 'measure_key'])
    .orderBy('offer_id')
    .execute();
  return rows.map((row) => ({ offerId: row.offer_id, measureKey: row.measure_key }));
}

/** Sets an offer's trigger measure; true when the offer had no rule before. */
export async function saveBonusRule(db: Kysely<Database>, rule: BonusRule): Promise<boolean> {
  const row = await db
    .insertInto('bonus_rules')
    .values({ offer_id: rule.offerId, measure_key: rule.measureKey })
    .onConflict((oc) =>
      oc.column('offer_id').doUpdateSet({ measure_key: rule.measureKey, updated_at: new Date() }),
    )
    // xmax = 0 only for a freshly inserted row: tells created from replaced in one statement.
    .returning(sql<boolean>`(xmax = 0)`.as('created'))
    .executeTakeFirstOrThrow();
  return row.created;
}

/** Back to the default trigger (effect3m); false when the offer had no rule. */
export async function deleteBonusRule(db: Kysely<Database>, offerId: string): Promise<boolean> {
  const result = await db.deleteFrom('bonus_rules').where('offer_id', '=', offerId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
