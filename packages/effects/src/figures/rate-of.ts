/**
 * Which rate of a row a search ranks, filters and compares on: an outcome measure's raw or
 * case-mix adjusted rate, or one of the other rate figures.
 */
import type { RateCell } from '../effect-cell.ts';
import type { EffectRow } from '../effect-row.ts';

/** The figures of a row other than outcome measures that are shares x/n with an interval. */
export const RATE_FIGURES = ['companyShare', 'satisfiedShare', 'closerShare', 'ageUnder30Share'] as const;
export type RateFigure = (typeof RATE_FIGURES)[number];

const isRateFigure = (key: string): key is RateFigure => RATE_FIGURES.some((figure) => figure === key);

/**
 * A row's rate cell by key: an outcome measure (`effect3m`, a custom key) or one of
 * `RATE_FIGURES`; undefined for any other key.
 * @example rateCellOf(row, 'companyShare')?.rate // 0.42
 * @example rateCellOf(row, 'started') // undefined: a count, not a rate
 */
export function rateCellOf(row: EffectRow, key: string): RateCell | undefined {
  if (Object.hasOwn(row.outcomes, key)) return row.outcomes[key];
  return isRateFigure(key) ? row[key] : undefined;
}

/**
 * The rate a row is ranked or filtered on for `key`: the published rate, or with `adjusted` the
 * case-mix adjusted rate. Only outcome measures have a case mix: `adjusted` on any other figure
 * gives null, as does a suppressed or unknown figure (so it sorts last).
 * @example rateOf(row, 'effect3m') // 0.2809
 * @example rateOf(row, 'effect3m', true) // 0.3012 (adjustedRate: the offer got harder citizens)
 * @example rateOf(row, 'companyShare', true) // null
 */
export function rateOf(row: EffectRow, key: string, adjusted = false): number | null {
  if (!adjusted) return rateCellOf(row, key)?.rate ?? null;
  return Object.hasOwn(row.outcomes, key) ? (row.outcomes[key]?.adjustedRate ?? null) : null;
}
