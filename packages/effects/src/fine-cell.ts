/**
 * A fine cell: additive counters for one (offer, target group, month of the attribution day).
 * Every statistic of measures.md can be recomputed exactly from fine cells for any grouping and
 * any whole-month period, without the person records; the service stores them as JSONB.
 * Plain data only (no Map, no class) so it survives JSON and structured clone.
 *
 * Beside every published count sits its cell key (`…Key`: the sum of its records' keys mod
 * 2^32, measures.md §4), which merges like the count. `keyed` says the cell was computed with a
 * disclosure secret; cells without keys can give exact figures but cannot be published.
 */
import { STRATA_COUNT } from './strata.ts';
import type { MeasureDefinition } from './engine-config.ts';
import { EffectsError } from './errors.ts';
import { addKey } from './disclosure/cell-key.ts';

/** Counters of one outcome measure. `strataN/strataX` are indexed by `stratumIndex`. */
export interface OutcomeCounters {
  /** Eligible enrollments (window complete). */
  n: number;
  /** Of those, successes. */
  x: number;
  /** Enrollments whose window is not complete at asOf. */
  pending: number;
  nKey: number;
  xKey: number;
  pendingKey: number;
  /** Exact, for the case-mix reference only (never published). */
  strataN: number[];
  strataX: number[];
}

/** Survey answers on one question: n answers, x scoring 4–5, sum of scores. */
export interface ScoreCounters {
  n: number;
  x: number;
  sum: number;
  nKey: number;
  xKey: number;
}

export interface FineCell {
  offerId: string;
  /** '' for complaints, which carry no target group. */
  targetGroup: string;
  /** `YYYY-MM` of the attribution day. */
  month: string;
  /** Record keys were summed under a disclosure secret (false: exact figures only). */
  keyed: boolean;
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
  startedKey: number;
  companyOrientedKey: number;
  ageKnownKey: number;
  ageUnder30Key: number;
  durationBandKeys: number[];
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
  completedKey: number;
  activeKey: number;
  complaintsKey: number;
}

export function emptyOutcomeCounters(): OutcomeCounters {
  return {
    n: 0,
    x: 0,
    pending: 0,
    nKey: 0,
    xKey: 0,
    pendingKey: 0,
    strataN: new Array<number>(STRATA_COUNT).fill(0),
    strataX: new Array<number>(STRATA_COUNT).fill(0),
  };
}

export function emptyFineCell(
  offerId: string,
  targetGroup: string,
  month: string,
  measures: readonly MeasureDefinition[],
  keyed: boolean,
): FineCell {
  const outcomes: Record<string, OutcomeCounters> = {};
  for (const measure of measures) outcomes[measure.key] = emptyOutcomeCounters();
  return {
    offerId,
    targetGroup,
    month,
    keyed,
    outcomes,
    started: 0,
    companyOriented: 0,
    ageKnown: 0,
    ageUnder30: 0,
    durationBands: [0, 0, 0, 0],
    startedKey: 0,
    companyOrientedKey: 0,
    ageKnownKey: 0,
    ageUnder30Key: 0,
    durationBandKeys: [0, 0, 0, 0],
    durationHistogram: {},
    satisfaction: { n: 0, x: 0, sum: 0, nKey: 0, xKey: 0 },
    closeness: { n: 0, x: 0, sum: 0, nKey: 0, xKey: 0 },
    completed: 0,
    active: 0,
    complaints: 0,
    completedKey: 0,
    activeKey: 0,
    complaintsKey: 0,
  };
}

function addArrays(target: number[], source: readonly number[]): void {
  for (let i = 0; i < target.length; i++) target[i] = (target[i] as number) + (source[i] ?? 0);
}

function addKeys(target: number[], source: readonly number[]): void {
  for (let i = 0; i < target.length; i++) target[i] = addKey(target[i] as number, source[i] ?? 0);
}

function addScores(target: ScoreCounters, source: ScoreCounters): void {
  target.n += source.n;
  target.x += source.x;
  target.sum += source.sum;
  target.nKey = addKey(target.nKey, source.nKey);
  target.xKey = addKey(target.xKey, source.xKey);
}

/**
 * Adds the counters of `source` into `target` (same measures). Throws invalid-fine-cell when
 * `source` lacks a measure of `measures` (stored cells computed with other measures cannot
 * answer), or when one of the two carries cell keys and the other does not.
 */
export function addFineCell(
  target: FineCell,
  source: FineCell,
  measures: readonly MeasureDefinition[],
): void {
  if (source.keyed !== target.keyed) {
    throw new EffectsError(
      'invalid-fine-cell',
      `a fine cell of offer "${source.offerId}" ${source.keyed ? 'carries' : 'lacks'} cell keys, unlike the cells it is added to (refresh the effect tables)`,
    );
  }
  for (const measure of measures) {
    const from = source.outcomes[measure.key];
    const to = target.outcomes[measure.key];
    if (!from || !to) {
      throw new EffectsError(
        'invalid-fine-cell',
        `a fine cell of offer "${source.offerId}" has no counters for measure "${measure.key}"`,
      );
    }
    to.n += from.n;
    to.x += from.x;
    to.pending += from.pending;
    to.nKey = addKey(to.nKey, from.nKey);
    to.xKey = addKey(to.xKey, from.xKey);
    to.pendingKey = addKey(to.pendingKey, from.pendingKey);
    addArrays(to.strataN, from.strataN);
    addArrays(to.strataX, from.strataX);
  }
  target.started += source.started;
  target.companyOriented += source.companyOriented;
  target.ageKnown += source.ageKnown;
  target.ageUnder30 += source.ageUnder30;
  addArrays(target.durationBands, source.durationBands);
  target.startedKey = addKey(target.startedKey, source.startedKey);
  target.companyOrientedKey = addKey(target.companyOrientedKey, source.companyOrientedKey);
  target.ageKnownKey = addKey(target.ageKnownKey, source.ageKnownKey);
  target.ageUnder30Key = addKey(target.ageUnder30Key, source.ageUnder30Key);
  addKeys(target.durationBandKeys, source.durationBandKeys);
  const from = source.durationHistogram;
  const to = target.durationHistogram;
  // for…in rather than Object.entries: no array per cell on the aggregation path.
  for (const days in from) to[days] = (to[days] ?? 0) + (from[days] as number);
  addScores(target.satisfaction, source.satisfaction);
  addScores(target.closeness, source.closeness);
  target.completed += source.completed;
  target.active += source.active;
  target.complaints += source.complaints;
  target.completedKey = addKey(target.completedKey, source.completedKey);
  target.activeKey = addKey(target.activeKey, source.activeKey);
  target.complaintsKey = addKey(target.complaintsKey, source.complaintsKey);
}
