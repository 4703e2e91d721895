/**
 * The disclosure rule (measures.md §4): nothing computed from fewer than `minCellSize` persons'
 * records leaves the engine.
 */
import type { RateCell } from '../effect-cell.ts';
import { wilsonInterval } from './wilson-interval.ts';

export const DEFAULT_MIN_CELL_SIZE = 5;

/**
 * A rate with its Wilson interval, or all-null and `suppressed` when n < minCellSize.
 * @example rateCell(100, 356, 5) // { n: 356, x: 100, rate: 0.2809…, ciLow: 0.2367…, ciHigh: 0.3297…, suppressed: false }
 * @example rateCell(1, 4, 5) // { n: null, x: null, rate: null, ciLow: null, ciHigh: null, suppressed: true }
 */
export function rateCell(x: number, n: number, minCellSize: number): RateCell {
  if (isSuppressed(n, minCellSize)) {
    return { n: null, x: null, rate: null, ciLow: null, ciHigh: null, suppressed: true };
  }
  const interval = wilsonInterval(x, n);
  return { n, x, rate: x / n, ciLow: interval.low, ciHigh: interval.high, suppressed: false };
}

/** A rate cell's denominator is too small to show (0 included: there is no rate). */
export function isSuppressed(n: number, minCellSize: number): boolean {
  return n < minCellSize || n === 0;
}

/**
 * A count, or null when 0 < count < minCellSize (a zero discloses nothing and is shown).
 * @example suppressCount(3, 5) // null
 */
export function suppressCount(count: number, minCellSize: number): number | null {
  return count > 0 && count < minCellSize ? null : count;
}
