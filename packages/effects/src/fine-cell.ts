/**
 * A fine cell: additive counters for one (offer, target group, month of the attribution day).
 * Every statistic of measures.md can be recomputed exactly from fine cells for any grouping and
 * any whole-month period, without the person records; the service stores them as JSONB.
 * Plain data only (no Map, no class) so it survives JSON and structured clone.
 */
import { STRATA_COUNT } from './strata.ts';
import type { MeasureDefinition } from './engine-config.ts';
import { EffectsError } from './errors.ts';

/** Counters of one outcome measure. `strataN/strataX` are indexed by `stratumIndex`. */
export interface OutcomeCounters {
  /** Eligible enrollments (window complete). */
  n: number;
  /** Of those, successes. */
  x: number;
  /** Enrollments whose window is not complete at asOf. */
  pending: number;
  strataN: number[];
  strataX: number[];
}

/** Survey answers on one question: n answers, x scoring 4–5, sum of scores. */
export interface ScoreCounters {
  n: number;
  x: number;
  sum: number;
}

export interface FineCell {
  offerId: string;
  /** '' for complaints, which carry no target group. */
  targetGroup: string;
  /** `YYYY-MM` of the attribution day. */
  month: string;
  /** One entry per measure key. */
  outcomes: Record<string, OutcomeCounters>;
  /** Enrollments started (attributed to start): the n of companyShare and unemploymentDuration. */
  started: number;
  companyOriented: number;
  /** Started enrollments whose person's birth date is known, and of those aged < 30 at start. */
  ageKnown: number;
  ageUnder30: number;
  /** Counts per duration band, in DURATION_BANDS order. */
  durationBands: number[];
  /** Unemployment duration in days → number of started enrollments, for the median. */
  durationHistogram: Record<string, number>;
  satisfaction: ScoreCounters;
  closeness: ScoreCounters;
  /** Attributed to the end day; only ends on or before asOf. */
  completed: number;
  /** Attributed to the start day. */
  active: number;
  /** Attributed to the received day. */
  complaints: number;
}

export function emptyOutcomeCounters(): OutcomeCounters {
  return {
    n: 0,
    x: 0,
    pending: 0,
    strataN: new Array<number>(STRATA_COUNT).fill(0),
    strataX: new Array<number>(STRATA_COUNT).fill(0),
  };
}

export function emptyFineCell(
  offerId: string,
  targetGroup: string,
  month: string,
  measures: readonly MeasureDefinition[],
): FineCell {
  const outcomes: Record<string, OutcomeCounters> = {};
  for (const measure of measures) outcomes[measure.key] = emptyOutcomeCounters();
  return {
    offerId,
    targetGroup,
    month,
    outcomes,
    started: 0,
    companyOriented: 0,
    ageKnown: 0,
    ageUnder30: 0,
    durationBands: [0, 0, 0, 0],
    durationHistogram: {},
    satisfaction: { n: 0, x: 0, sum: 0 },
    closeness: { n: 0, x: 0, sum: 0 },
    completed: 0,
    active: 0,
    complaints: 0,
  };
}

function addArrays(target: number[], source: readonly number[]): void {
  for (let i = 0; i < target.length; i++) target[i] = (target[i] as number) + (source[i] ?? 0);
}

function addScores(target: ScoreCounters, source: ScoreCounters): void {
  target.n += source.n;
  target.x += source.x;
  target.sum += source.sum;
}

/**
 * Adds the counters of `source` into `target` (same measures). Throws INVALID_FINE_CELL when
 * `source` lacks a measure of `measures`: stored cells computed with other measures cannot answer.
 */
export function addFineCell(
  target: FineCell,
  source: FineCell,
  measures: readonly MeasureDefinition[],
): void {
  for (const measure of measures) {
    const from = source.outcomes[measure.key];
    const to = target.outcomes[measure.key];
    if (!from || !to) {
      throw new EffectsError(
        'INVALID_FINE_CELL',
        `a fine cell of offer "${source.offerId}" has no counters for measure "${measure.key}"`,
      );
    }
    to.n += from.n;
    to.x += from.x;
    to.pending += from.pending;
    addArrays(to.strataN, from.strataN);
    addArrays(to.strataX, from.strataX);
  }
  target.started += source.started;
  target.companyOriented += source.companyOriented;
  target.ageKnown += source.ageKnown;
  target.ageUnder30 += source.ageUnder30;
  addArrays(target.durationBands, source.durationBands);
  const from = source.durationHistogram;
  const to = target.durationHistogram;
  // for…in rather than Object.entries: no array per cell on the aggregation path.
  for (const days in from) to[days] = (to[days] ?? 0) + (from[days] as number);
  addScores(target.satisfaction, source.satisfaction);
  addScores(target.closeness, source.closeness);
  target.completed += source.completed;
  target.active += source.active;
  target.complaints += source.complaints;
}
