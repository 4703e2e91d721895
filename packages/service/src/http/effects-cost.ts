import { CellGrouping, type GroupKey, type PeriodUnit } from '@evg/effects';
import type { ReadModel } from '../read-model/read-model.ts';

/** Counted tables per model; a model is dropped with its data version, and its counts with it. */
const counts = new WeakMap<ReadModel, Map<string, number>>();

/**
 * How many rows the `/v1/effects` table of `groupBy` has in `model`: the distinct key
 * combinations of its fine cells (whatever the period, so an upper bound for a shorter one).
 * One pass over the cells without any statistics, counted once per model and grouping, so a
 * request for a table too large to build or send is refused before either is done.
 *
 * @example
 *   effectsTableRows(app.readModel.current, ['offer', 'targetGroup'], 'halfYear'); // 412
 */
export function effectsTableRows(
  model: ReadModel,
  groupBy: readonly GroupKey[],
  periodUnit: PeriodUnit,
): number {
  let byQuery = counts.get(model);
  if (!byQuery) counts.set(model, (byQuery = new Map()));
  const key = `${groupBy.join(',')}|${periodUnit}`;
  const known = byQuery.get(key);
  if (known !== undefined) return known;
  if (model.version === null) return 0;
  const { snapshot } = model;
  const grouping = new CellGrouping(
    { benefitTypes: snapshot.benefitTypes, offers: snapshot.offers, providers: snapshot.providers },
    groupBy,
    periodUnit,
  );
  const byTargetGroup = groupBy.includes('targetGroup');
  const seen = new Set<string>();
  for (const cell of snapshot.fineCells) {
    // Cells of an offer deleted since the last refresh are not in the model's tables; complaint
    // cells (no target group) are not in a table split by target group (as in aggregateCells).
    if (!model.offer(cell.offerId) || (byTargetGroup && cell.targetGroup === '')) continue;
    for (const values of grouping.keysOf(cell)) seen.add(values.join('\u0000'));
  }
  byQuery.set(key, seen.size);
  return seen.size;
}
