import type { Kysely } from 'kysely';
import type { RecordKind } from '@evg/effects';
import type { Database } from '../db/database.ts';
import {
  countChangedKeys,
  createChangedKeys,
  createDifferingCodeLists,
  deleteCodeLists,
  insertCodeLists,
  noteChangedOffers,
  upsertStaged,
  type OfferCodeList,
} from './import-sql.ts';
import type { KindSpec } from './kind-specs.ts';

/**
 * Moves one staging table into its target table (see `upsertStaged`) and returns the number of
 * rows inserted or changed.
 */
export async function upsertFromStage(
  trx: Kysely<Database>,
  spec: KindSpec<RecordKind>,
  stage: string,
  /** A table (column `key`) to receive the first key column of every row inserted or changed. */
  changedInto: string | null = null,
): Promise<number> {
  const upsert = async (key: readonly string[], partial: string | null) => {
    const result = await upsertStaged(spec, stage, { key, partial, changedInto }).execute(trx);
    return Number(result.numAffectedRows ?? 0);
  };
  if (spec.table === 'benefit_periods') {
    // Two keys (data contract): period_id when given, else (person_id, benefit_type, start_date).
    return (
      (await upsert(['period_id'], 'period_id IS NOT NULL')) + (await upsert(spec.key, 'period_id IS NULL'))
    );
  }
  return upsert(spec.key, null);
}

/** The code lists of offers, each replaced as a whole per offer. */
export const OFFER_CODE_LISTS: readonly OfferCodeList[] = [
  { table: 'offer_target_groups', column: 'target_group', list: 'target_groups' },
  { table: 'offer_industries', column: 'industry', list: 'industries' },
];

/**
 * Upserts the offers, then replaces the target-group and industry lists of every offer in the
 * batch by the lists of its last row. Returns the number of offers whose row or lists changed.
 */
export async function upsertOffers(
  trx: Kysely<Database>,
  spec: KindSpec<RecordKind>,
  offersStage: string,
  codesStage: string,
): Promise<number> {
  const changedOffers = `${offersStage}_changed`;
  await createChangedKeys(changedOffers).execute(trx);
  await upsertFromStage(trx, spec, offersStage, changedOffers);
  for (const codeList of OFFER_CODE_LISTS) {
    // Only offers whose list differs are rewritten, so a re-import changes nothing.
    const differing = `${codesStage}_${codeList.list}_changed`;
    await createDifferingCodeLists(differing, offersStage, codesStage, codeList).execute(trx);
    await deleteCodeLists(differing, codeList).execute(trx);
    await insertCodeLists(differing, offersStage, codesStage, codeList).execute(trx);
    await noteChangedOffers(changedOffers, differing).execute(trx);
  }
  const { rows } = await countChangedKeys(changedOffers).execute(trx);
  return rows[0]?.n ?? 0;
}
