import { newcombeDifference, type Difference, type EffectRow } from '@evg/effects';
import type { OfferView } from '../read-model/read-model.ts';

interface RateLike {
  x: number | null;
  n: number | null;
  suppressed: boolean;
}

function rateCell(row: EffectRow, key: string): RateLike | undefined {
  const cell = row[key] as RateLike | undefined;
  return cell && typeof cell === 'object' && 'suppressed' in cell ? cell : undefined;
}

/**
 * Newcombe differences (offer − reference) on every rate measure: each outcome measure,
 * companyShare, satisfiedShare and closerShare. Null when either side is suppressed or empty:
 * a difference must not reveal a suppressed count.
 */
export function differencesAgainst(
  reference: OfferView,
  other: OfferView,
  measureKeys: readonly string[],
): Record<string, Difference | null> {
  const keys = [...measureKeys, 'companyShare', 'satisfiedShare', 'closerShare'];
  return Object.fromEntries(
    keys.map((key) => {
      const a = rateCell(other.row, key);
      const b = rateCell(reference.row, key);
      if (!a || !b || a.suppressed || b.suppressed || !a.n || !b.n || a.x === null || b.x === null) {
        return [key, null];
      }
      return [key, newcombeDifference({ x: a.x, n: a.n }, { x: b.x, n: b.n })];
    }),
  );
}
