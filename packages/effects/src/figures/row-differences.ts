/**
 * The comparison of two rows (measures.md §4, compare view): for each rate, the Newcombe
 * difference of this row minus the reference, unless disclosure forbids it.
 */
import type { RateCell } from '../effect-cell.ts';
import type { EffectRow } from '../effect-row.ts';
import { newcombeDifference, type Difference } from '../statistics/newcombe-difference.ts';
import { rateCellOf } from './rate-of.ts';

/** The rate figures compared besides every outcome measure. */
export const COMPARED_FIGURES = ['companyShare', 'satisfiedShare', 'closerShare'] as const;

/**
 * The Newcombe difference `cell − reference`, or null when either side is missing, suppressed
 * or empty: a difference must not reveal a suppressed count.
 * @example cellDifference({ n: 356, x: 150, ... }, { n: 370, x: 90, ... })
 * // { difference: 0.1781…, ciLow: 0.1099…, ciHigh: 0.2442…, significant: true }
 * @example cellDifference(suppressedCell, reference) // null
 */
export function cellDifference(
  cell: RateCell | undefined,
  reference: RateCell | undefined,
): Difference | null {
  if (!cell || !reference || cell.suppressed || reference.suppressed) return null;
  if (!cell.n || !reference.n || cell.x === null || reference.x === null) return null;
  return newcombeDifference({ x: cell.x, n: cell.n }, { x: reference.x, n: reference.n });
}

/**
 * Differences `row − reference` on each of `measureKeys`, then on `COMPARED_FIGURES`, by key
 * in that order (null where `cellDifference` is null or a row lacks the measure).
 * @example rowDifferences(offerB, offerA, ['effect3m']).effect3m?.significant // true
 */
export function rowDifferences(
  row: EffectRow,
  reference: EffectRow,
  measureKeys: readonly string[],
): Record<string, Difference | null> {
  const differences: Record<string, Difference | null> = {};
  for (const key of [...measureKeys, ...COMPARED_FIGURES]) {
    differences[key] = cellDifference(rateCellOf(row, key), rateCellOf(reference, key));
  }
  return differences;
}
