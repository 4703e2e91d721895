/**
 * The shape of one cell of an effect table: what `evg effects`, the stored effect tables,
 * `GET /v1/effects` and every other output of the EVG return. One cell = one combination of
 * the requested grouping keys. Every figure obeys the disclosure rule (`minCellSize`).
 */

/** A share x/n with its 95% Wilson interval; all null and `suppressed` when n < minCellSize. */
export interface RateCell {
  n: number | null;
  x: number | null;
  rate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  suppressed: boolean;
}

/** An outcome measure (effect3m, effect7m, status1m, status3m and any custom measure). */
export interface OutcomeCell extends RateCell {
  /** Enrollments whose window is not yet complete at asOf (null when below minCellSize). */
  pending: number | null;
  /** Case-mix expected rate E/n (indirect standardisation); null when suppressed or E = 0. */
  expectedRate: number | null;
  /** Observed / expected. */
  oe: number | null;
  /** min(1, oe × reference rate). */
  adjustedRate: number | null;
}

/** A share of survey answers scoring 4 or 5, with the mean score beside it. */
export interface ScoreCell extends RateCell {
  mean: number | null;
}

export const DURATION_BANDS = ['<3m', '3-6m', '6-12m', '>12m'] as const;
export type DurationBand = (typeof DURATION_BANDS)[number];

/** Unemployment duration before start, over enrollments started in the period. */
export interface DurationCell {
  n: number | null;
  /** Median number of supported days before start. */
  median: number | null;
  /** Share of enrollments in each band. */
  bands: Record<DurationBand, number | null>;
  suppressed: boolean;
}

/** The grouping keys a cell may carry; absent keys were not grouped on. */
export interface CellKeys {
  offerId?: string;
  providerId?: string;
  package?: string;
  providerKind?: string;
  targetGroup?: string;
  /** null: the offer lists no industry (an offer with several counts in each of them). */
  industry?: string | null;
  /** `2026H1`, `2026Q3`, `2026`, or `all` when grouped by a period that the caller fixed. */
  period?: string;
}

/** Every figure of a cell except the outcome measures, shared by `EffectCell` and `EffectRow`. */
export interface EffectFigures extends CellKeys {
  companyShare: RateCell;
  satisfiedShare: ScoreCell;
  closerShare: ScoreCell;
  ageUnder30Share: RateCell;
  unemploymentDuration: DurationCell;
  /** Counts of enrollments; null when 0 < count < minCellSize. */
  started: number | null;
  completed: number | null;
  active: number | null;
  complaints: number | null;
  complaintsPer100: number | null;
  /** Offer price / effect3m rate; only when grouped by offer. */
  costPerOutcome: number | null;
}

/**
 * A cell as the engine returns it. The public JSON shape (`EffectRow`, made by `toEffectRow`)
 * lifts each entry of `outcomes` to a top-level key (`effect3m`, `effect7m`, ...), and the CSV
 * shape flattens that again into `effect3m_n`, `effect3m_rate`, ...
 */
export interface EffectCell extends EffectFigures {
  /** One entry per outcome measure key (defaults: effect3m, effect7m, status1m, status3m). */
  outcomes: Record<string, OutcomeCell>;
}
