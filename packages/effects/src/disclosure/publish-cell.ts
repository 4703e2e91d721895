/**
 * The one publication step: from the exact summed counters of a result cell to the figures
 * every output shows (search, profiles, compare, providers, target groups, /v1/effects in
 * JSON, CSV and xlsx, the SQL views, `evg effects`). Primary suppression on exact n, cell key
 * perturbation of every count, and every rate, interval, share, case-mix figure and cost per
 * outcome computed from the published counts (measures.md §4).
 */
import {
  DURATION_BANDS,
  type DurationBand,
  type DurationCell,
  type EffectCell,
  type OutcomeCell,
  type ScoreCell,
} from '../effect-cell.ts';
import type { MeasureDefinition } from '../engine-config.ts';
import type { FineCell, ScoreCounters } from '../fine-cell.ts';
import { EffectsError } from '../errors.ts';
import { medianOfHistogram } from '../statistics/median.ts';
import { expectedSuccesses, type StrataByTargetGroup } from '../statistics/case-mix.ts';
import { Publisher, type DisclosureRule } from './publisher.ts';

export interface PublishOptions extends DisclosureRule {
  measures: readonly MeasureDefinition[];
  /** False when grouped by target group: complaints have none. */
  withComplaints: boolean;
  /** The offer's price when grouped by offer, for cost per outcome. */
  priceDkk: number | null;
  /** Strata of the cell and of its case-mix reference for measure i, and the reference's rate. */
  caseMix: (measureIndex: number) => {
    group: StrataByTargetGroup;
    reference: StrataByTargetGroup;
    referenceRate: number;
  };
}

/**
 * Throws unkeyed-fine-cell when figures are to be published from cells computed without a
 * disclosure secret (they carry no cell keys).
 * @example publishCell({ offerId: 'O1' }, summedFineCell, { measures, minCellSize: 5, exact: false, withComplaints: true, priceDkk: 12000, caseMix })
 */
export function publishCell(
  keys: Partial<Record<string, string | null>>,
  sum: FineCell,
  options: PublishOptions,
): EffectCell {
  if (!options.exact && sum.keyed !== true) {
    throw new EffectsError(
      'unkeyed-fine-cell',
      'the fine cells carry no cell keys (computed without a disclosure key): only exact figures can be given; refresh with a disclosure key to publish',
    );
  }
  const publish = new Publisher(options);
  const outcomes: Record<string, OutcomeCell> = {};
  options.measures.forEach((measure, i) => {
    const c = sum.outcomes[measure.key];
    if (!c) throw new EffectsError('invalid-fine-cell', `no counters for measure "${measure.key}"`);
    const rate = publish.rate(c.x, c.xKey, c.n, c.nKey);
    outcomes[measure.key] = {
      ...rate,
      pending: publish.count(c.pending, c.pendingKey),
      ...caseMix(rate.rate, c.n, options.caseMix(i)),
    };
  });

  const started = publish.count(sum.started, sum.startedKey);
  const complaints = options.withComplaints ? publish.count(sum.complaints, sum.complaintsKey) : null;
  const effect3m = outcomes['effect3m'];
  return {
    ...keys,
    outcomes,
    companyShare: publish.rate(sum.companyOriented, sum.companyOrientedKey, sum.started, sum.startedKey),
    satisfiedShare: scoreCell(publish, sum.satisfaction),
    closerShare: scoreCell(publish, sum.closeness),
    ageUnder30Share: publish.rate(sum.ageUnder30, sum.ageUnder30Key, sum.ageKnown, sum.ageKnownKey),
    unemploymentDuration: durationCell(publish, sum),
    started,
    completed: publish.count(sum.completed, sum.completedKey),
    active: publish.count(sum.active, sum.activeKey),
    complaints,
    complaintsPer100: complaints === null || !started ? null : (100 * complaints) / started,
    costPerOutcome: options.priceDkk !== null && effect3m?.rate ? options.priceDkk / effect3m.rate : null,
  };
}

/**
 * Indirect standardisation: the expected rate E / n is a mix of pooled reference rates (exact,
 * they pool every offer); O/E and the adjusted rate use the published rate.
 */
function caseMix(
  publishedRate: number | null,
  n: number,
  strata: ReturnType<PublishOptions['caseMix']>,
): Pick<OutcomeCell, 'expectedRate' | 'oe' | 'adjustedRate'> {
  const expected = publishedRate === null ? 0 : expectedSuccesses(strata.group, strata.reference);
  if (publishedRate === null || expected <= 0 || n <= 0) {
    return { expectedRate: null, oe: null, adjustedRate: null };
  }
  const expectedRate = expected / n;
  const oe = publishedRate / expectedRate;
  return { expectedRate, oe, adjustedRate: Math.min(1, oe * strata.referenceRate) };
}

function scoreCell(publish: Publisher, scores: ScoreCounters): ScoreCell {
  const rate = publish.rate(scores.x, scores.xKey, scores.n, scores.nKey);
  if (rate.suppressed) return { ...rate, mean: null };
  // The mean of the exact scores, published to one decimal (measures.md §4): no count.
  const mean = scores.sum / scores.n;
  return { ...rate, mean: publish.rule.exact ? mean : Math.round(mean * 10) / 10 };
}

function durationCell(publish: Publisher, sum: FineCell): DurationCell {
  const n = sum.started;
  const suppressed = publish.hides(n);
  const shownN = suppressed ? null : publish.value(n, sum.startedKey);
  const bands = {} as Record<DurationBand, number | null>;
  DURATION_BANDS.forEach((band, i) => {
    const count = publish.value(sum.durationBands[i] as number, sum.durationBandKeys[i] as number);
    bands[band] = shownN ? Math.min(1, count / shownN) : null;
  });
  return {
    n: shownN,
    median: suppressed ? null : medianOfHistogram(sum.durationHistogram),
    bands,
    suppressed,
  };
}
