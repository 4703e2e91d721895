/**
 * The disclosure rule applied to one count or rate (measures.md §4): primary suppression of
 * cells with exact n < minCellSize, and the cell key perturbation of every count shown. In
 * exact mode (the data owner's), every figure is the exact one and nothing is hidden.
 */
import type { RateCell } from '../effect-cell.ts';
import { wilsonInterval } from '../statistics/wilson-interval.ts';
import { publishCount } from './cell-key.ts';

export interface DisclosureRule {
  minCellSize: number;
  exact: boolean;
}

const HIDDEN_RATE: RateCell = { n: null, x: null, rate: null, ciLow: null, ciHigh: null, suppressed: true };

/**
 * @example
 * const publish = new Publisher({ minCellSize: 5, exact: false });
 * publish.count(7, Math.floor(0.97 * 2 ** 32)) // 9
 * publish.rate(1, 0, 4, 0) // all null, suppressed: a cell of 4
 */
export class Publisher {
  constructor(readonly rule: DisclosureRule) {}

  /** Whether a figure over `n` records is hidden (0 included: there is no rate of nothing). */
  hides(n: number): boolean {
    return n === 0 || (!this.rule.exact && n < this.rule.minCellSize);
  }

  /** A plain count: 0 as 0, null when 0 < count < minCellSize, else perturbed. */
  count(count: number, cellKey: number): number | null {
    if (count === 0) return 0;
    if (this.hides(count)) return null;
    return this.value(count, cellKey);
  }

  /** The published value of a count that is shown (perturbed unless exact). */
  value(count: number, cellKey: number): number {
    return this.rule.exact ? count : publishCount(count, cellKey);
  }

  /**
   * A rate x/n with its Wilson interval, computed from the published x and n (x' ≤ n'); all
   * null and `suppressed` when the exact n is below minCellSize.
   */
  rate(x: number, xKey: number, n: number, nKey: number): RateCell {
    if (this.hides(n)) return HIDDEN_RATE;
    const shownN = this.value(n, nKey);
    // Only below a threshold of 3 can perturbation take a shown n to 0: no rate of nothing.
    if (shownN === 0) return { n: 0, x: 0, rate: null, ciLow: null, ciHigh: null, suppressed: false };
    const shownX = Math.min(shownN, this.value(x, xKey));
    const interval = wilsonInterval(shownX, shownN);
    return {
      n: shownN,
      x: shownX,
      rate: shownX / shownN,
      ciLow: interval.low,
      ciHigh: interval.high,
      suppressed: false,
    };
  }
}
