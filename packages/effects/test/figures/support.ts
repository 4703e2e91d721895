// Typed rows built by hand: an empty row with the rate cells a test sets.
import {
  DEFAULT_MEASURES,
  emptyEffectCell,
  toEffectRow,
  wilsonInterval,
  type EffectRow,
  type OutcomeCell,
} from '../../src/index.ts';
import { config } from '../support/builders.ts';

export const EMPTY_ROW: EffectRow = toEffectRow(emptyEffectCell(config()), DEFAULT_MEASURES);

/** A shown rate x/n with its Wilson interval and, optionally, a case-mix adjusted rate. */
export function shown(x: number, n: number, adjustedRate: number | null = null): OutcomeCell {
  const { low, high } = wilsonInterval(x, n);
  return {
    n,
    x,
    rate: x / n,
    ciLow: low,
    ciHigh: high,
    suppressed: false,
    pending: 0,
    expectedRate: null,
    oe: null,
    adjustedRate,
  };
}

/** A cell below the disclosure threshold: every figure null. */
export const SUPPRESSED: OutcomeCell = {
  n: null,
  x: null,
  rate: null,
  ciLow: null,
  ciHigh: null,
  suppressed: true,
  pending: null,
  expectedRate: null,
  oe: null,
  adjustedRate: null,
};

export function rowWith(
  outcomes: Record<string, OutcomeCell>,
  figures: Partial<Omit<EffectRow, 'outcomes'>> = {},
): EffectRow {
  return { ...EMPTY_ROW, ...figures, outcomes: { ...EMPTY_ROW.outcomes, ...outcomes } };
}
