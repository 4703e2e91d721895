import { rowDifferences, type Difference } from '@evg/effects';
import type { OfferView } from '../read-model/read-model.ts';

/**
 * The `differences` entry of one offer in a comparison: its Newcombe differences against the
 * reference offer on every outcome measure and compared rate figure (`rowDifferences`).
 */
export function differencesAgainst(
  reference: OfferView,
  other: OfferView,
  measureKeys: readonly string[],
): Record<string, Difference | null> {
  return rowDifferences(other.row, reference.row, measureKeys);
}
