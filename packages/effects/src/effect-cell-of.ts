/**
 * From the summed counters of one result cell to its published figures.
 */
import {
  DURATION_BANDS,
  type DurationBand,
  type DurationCell,
  type EffectCell,
  type OutcomeCell,
  type ScoreCell,
} from './effect-cell.ts';
import type { MeasureDefinition } from './engine-config.ts';
import type { FineCell, ScoreCounters } from './fine-cell.ts';
import { isSuppressed, rateCell, suppressCount } from './statistics/suppression.ts';
import { medianOfHistogram } from './statistics/median.ts';
import { caseMix, expectedSuccesses, type CaseMix, type StrataByTargetGroup } from './statistics/case-mix.ts';
import { outcomeQuantity, pendingQuantity } from './secondary-suppression.ts';

export interface CellOptions {
  measures: readonly MeasureDefinition[];
  minCellSize: number;
  /** False when grouped by target group: complaints have none. */
  withComplaints: boolean;
  /** The offer's price when grouped by offer, for cost per outcome. */
  priceDkk: number | null;
  /**
   * Quantities hidden by secondary suppression (secondary-suppression.ts), whatever their size.
   * They look exactly like primary suppression: nothing tells the two apart.
   */
  secondary: ReadonlySet<string>;
  /** Strata of the cell and of its case-mix reference for measure i, and the reference's rate. */
  caseMix: (measureIndex: number) => {
    group: StrataByTargetGroup;
    reference: StrataByTargetGroup;
    referenceRate: number;
  };
}

/**
 * The statistics of one result cell from its summed counters (measures.md §3–4), with the
 * disclosure rule applied to every figure.
 * @example effectCellOf({ offerId: 'O1' }, summedFineCell, { measures, minCellSize: 5, withComplaints: true, priceDkk: 12000, secondary: new Set(), caseMix })
 */
export function effectCellOf(
  keys: Partial<Record<string, string | null>>,
  sum: FineCell,
  options: CellOptions,
): EffectCell {
  const { measures, minCellSize, withComplaints, priceDkk, secondary } = options;
  // A secondarily suppressed quantity is hidden at any size; a zero is never one of them.
  const limit = (quantity: string): number => (secondary.has(quantity) ? Infinity : minCellSize);
  const outcomes: Record<string, OutcomeCell> = {};
  measures.forEach((measure, i) => {
    const counters = sum.outcomes[measure.key];
    const n = counters?.n ?? 0;
    const x = counters?.x ?? 0;
    const rate = rateCell(x, n, limit(outcomeQuantity(measure.key)));
    let adjusted: CaseMix = { expectedRate: null, oe: null, adjustedRate: null };
    if (!rate.suppressed) {
      const strata = options.caseMix(i);
      adjusted = caseMix(x, n, expectedSuccesses(strata.group, strata.reference), strata.referenceRate);
    }
    outcomes[measure.key] = {
      ...rate,
      pending: suppressCount(counters?.pending ?? 0, limit(pendingQuantity(measure.key))),
      ...adjusted,
    };
  });

  const complaints = withComplaints ? suppressCount(sum.complaints, limit('complaints')) : null;
  const effect3m = outcomes['effect3m'];
  const startedLimit = limit('started');
  return {
    ...keys,
    outcomes,
    companyShare: rateCell(sum.companyOriented, sum.started, startedLimit),
    satisfiedShare: scoreCell(sum.satisfaction, limit('satisfiedShare')),
    closerShare: scoreCell(sum.closeness, limit('closerShare')),
    ageUnder30Share: rateCell(sum.ageUnder30, sum.ageKnown, limit('ageUnder30Share')),
    unemploymentDuration: durationCell(sum, startedLimit),
    started: suppressCount(sum.started, startedLimit),
    completed: suppressCount(sum.completed, limit('completed')),
    active: suppressCount(sum.active, limit('active')),
    complaints,
    complaintsPer100:
      complaints === null || isSuppressed(sum.started, startedLimit)
        ? null
        : (100 * complaints) / sum.started,
    costPerOutcome: priceDkk !== null && effect3m?.rate ? priceDkk / effect3m.rate : null,
  } as EffectCell;
}

function scoreCell(scores: ScoreCounters, minCellSize: number): ScoreCell {
  const rate = rateCell(scores.x, scores.n, minCellSize);
  return { ...rate, mean: rate.suppressed ? null : scores.sum / scores.n };
}

function durationCell(sum: FineCell, minCellSize: number): DurationCell {
  const n = sum.started;
  const suppressed = isSuppressed(n, minCellSize);
  const bands = {} as Record<DurationBand, number | null>;
  DURATION_BANDS.forEach((band, i) => {
    bands[band] = suppressed ? null : (sum.durationBands[i] as number) / n;
  });
  return {
    n: suppressCount(n, minCellSize),
    median: suppressed ? null : medianOfHistogram(sum.durationHistogram),
    bands,
    suppressed,
  };
}
