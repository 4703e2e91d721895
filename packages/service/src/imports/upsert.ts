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
  lockForLoad,
  tableIsEmpty,
  upsertStaged,
  type OfferCodeList,
} from './import-sql.ts';
import { withForeignKeysCheckedAtOnce, withPlainIndexesRebuilt } from './bulk-foreign-keys.ts';
import type { KindSpec } from './kind-specs.ts';

/**
 * Moves one staging table into its target table (see `upsertStaged`) and returns the number of
 * rows inserted or changed.
 */
export async function upsertFromStage(
  trx: Kysely<Database>,
  spec: KindSpec<RecordKind>,
  stage: string,
  options: {
    /** A table (column `key`) to receive the first key column of every row inserted or changed. */
    changedInto?: string | null;
    /** The target table is locked and empty: insert without ON CONFLICT. */
    intoEmpty?: boolean;
  } = {},
): Promise<number> {
  const { changedInto = null, intoEmpty = false } = options;
  const upsert = async (key: readonly string[], partial: string | null) => {
    const target = { key, partial, changedInto, intoEmpty };
    const result = await upsertStaged(spec, stage, target).execute(trx);
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

/**
 * Moves a large staging table (`BULK_ROWS` rows or more) into its target table with the
 * table's foreign keys checked once and its plain indexes built once (bulk-foreign-keys.ts).
 * Into an empty table (a first load: the national case, millions of rows) the rows are
 * inserted without ON CONFLICT and its unique indexes are built afterwards too. Returns the
 * number of rows inserted or changed, and whether it was such a first load.
 */
export async function bulkUpsertFromStage(
  trx: Kysely<Database>,
  spec: KindSpec<RecordKind>,
  stage: string,
): Promise<{ changed: number; firstLoad: boolean }> {
  await lockForLoad(spec.table).execute(trx);
  const { rows } = await tableIsEmpty(spec.table).execute(trx);
  const firstLoad = rows[0]?.empty === true;
  const insert = () => upsertFromStage(trx, spec, stage, { intoEmpty: firstLoad });
  const changed = await withForeignKeysCheckedAtOnce(trx, spec.table, () =>
    withPlainIndexesRebuilt(trx, spec.table, insert, firstLoad),
  );
  return { changed, firstLoad };
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
  await upsertFromStage(trx, spec, offersStage, { changedInto: changedOffers });
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
