/**
 * From fine cells to the effect table: group, sum the additive counters, then compute every
 * statistic of measures.md §3–4 with the disclosure rule applied.
 */
import type { EffectCell, OutcomeCell } from './effect-cell.ts';
import type { EngineConfig, MeasureDefinition } from './engine-config.ts';
import { addFineCell, emptyFineCell, type FineCell } from './fine-cell.ts';
import { CellGrouping } from './cell-grouping.ts';
import { resolveConfig } from './resolved-config.ts';
import { daysInMonth, formatMonthIndex, monthIndexOfDay, parseDay } from './day.ts';
import { EffectsError } from './errors.ts';
import { isSuppressed, rateCell, suppressCount } from './statistics/suppression.ts';
import { medianOfHistogram } from './statistics/median.ts';
import { addStrata, caseMix, expectedSuccesses, type StrataByTargetGroup } from './statistics/case-mix.ts';
import { civilFromDays } from './day.ts';
import { DURATION_BANDS, type DurationBand, type DurationCell, type ScoreCell } from './effect-cell.ts';
import type { ScoreCounters } from './fine-cell.ts';

/** Summed counters of one result cell, with per-target-group strata for case-mix. */
interface Group {
  values: (string | null)[];
  referenceKey: string;
  sum: FineCell;
  strata: StrataByTargetGroup[];
}

/** Summed counters of the case-mix reference: one per period value, or one for everything. */
interface Reference {
  n: number[];
  x: number[];
  strata: StrataByTargetGroup[];
}

/**
 * The effect table from fine cells, for any `groupBy` and any whole-month `period`.
 * Throws PERIOD_NOT_MONTH_ALIGNED when `config.period` does not start on a 1st and end on a
 * month's last day (fine cells know months, not days). When grouped by target group, complaints
 * (which have no target group) are not attributable: `complaints` and `complaintsPer100` are null.
 * @example
 * const table = aggregateCells({ ...config, groupBy: ['provider', 'period'], periodUnit: 'quarter' }, storedFineCells);
 */
export function aggregateCells(config: EngineConfig, cells: Iterable<FineCell>): EffectCell[] {
  return aggregateFineCells(config, cells, true);
}

/** @internal `filterByMonth` false: the cells were already filtered by day (EffectsAccumulator). */
export function aggregateFineCells(
  config: EngineConfig,
  cells: Iterable<FineCell>,
  filterByMonth: boolean,
): EffectCell[] {
  const { measures, groupBy, periodUnit, minCellSize } = resolveConfig(config);
  const grouping = new CellGrouping(config.catalog, groupBy, periodUnit);
  const monthRange =
    filterByMonth && config.period ? monthRangeOf(config.period.from, config.period.to) : null;
  const byTargetGroup = groupBy.includes('targetGroup');
  const byPeriod = groupBy.includes('period');
  const groups = new Map<string, Group>();
  const references = new Map<string, Reference>();

  for (const cell of cells) {
    if (monthRange && (cell.month < monthRange.from || cell.month > monthRange.to)) continue;
    // Complaint cells carry no target group; they cannot be split by one.
    if (byTargetGroup && cell.targetGroup === '') continue;
    const referenceKey = byPeriod ? grouping.periodOf(cell) : '';
    addToReference(references, referenceKey, cell, measures);
    for (const values of grouping.keysOf(cell)) {
      const key = JSON.stringify(values);
      let group = groups.get(key);
      if (!group) {
        group = {
          values,
          referenceKey,
          sum: emptyFineCell('', '', '', measures),
          strata: measures.map(() => new Map()),
        };
        groups.set(key, group);
      }
      addFineCell(group.sum, cell, measures);
      measures.forEach((measure, i) => {
        const counters = cell.outcomes[measure.key];
        if (counters)
          addStrata(
            group.strata[i] as StrataByTargetGroup,
            cell.targetGroup,
            counters.strataN,
            counters.strataX,
          );
      });
    }
  }

  return [...groups.values()]
    .sort((a, b) => compareValues(a.values, b.values))
    .map((group) => {
      const reference = references.get(group.referenceKey) as Reference;
      const keys = grouping.cellKeys(group.values);
      const offer = groupBy.includes('offer')
        ? grouping.offer(group.values[groupBy.indexOf('offer')] as string)
        : null;
      return buildCell(
        keys,
        group,
        reference,
        measures,
        minCellSize,
        !byTargetGroup,
        offer?.priceDkk ?? null,
      );
    });
}

function monthRangeOf(fromText: string, toText: string): { from: string; to: string } {
  const from = parseDay(fromText, 'period from');
  const to = parseDay(toText, 'period to');
  const [toYear, toMonth, toDay] = civilFromDays(to);
  if (civilFromDays(from)[2] !== 1 || toDay !== daysInMonth(toYear, toMonth)) {
    throw new EffectsError(
      'PERIOD_NOT_MONTH_ALIGNED',
      `period ${fromText}..${toText} must start on the 1st and end on the last day of a month`,
    );
  }
  if (from > to) throw new EffectsError('INVALID_PERIOD', 'period from is after period to');
  return { from: formatMonthIndex(monthIndexOfDay(from)), to: formatMonthIndex(monthIndexOfDay(to)) };
}

function addToReference(
  references: Map<string, Reference>,
  key: string,
  cell: FineCell,
  measures: readonly MeasureDefinition[],
): void {
  let reference = references.get(key);
  if (!reference) {
    reference = {
      n: measures.map(() => 0),
      x: measures.map(() => 0),
      strata: measures.map(() => new Map()),
    };
    references.set(key, reference);
  }
  const ref = reference;
  measures.forEach((measure, i) => {
    const counters = cell.outcomes[measure.key];
    if (!counters) return;
    ref.n[i] = (ref.n[i] as number) + counters.n;
    ref.x[i] = (ref.x[i] as number) + counters.x;
    addStrata(ref.strata[i] as StrataByTargetGroup, cell.targetGroup, counters.strataN, counters.strataX);
  });
}

function compareValues(a: readonly (string | null)[], b: readonly (string | null)[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === y) continue;
    if (x === null) return -1;
    if (y === null) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

function buildCell(
  keys: Partial<Record<string, string | null>>,
  group: Group,
  reference: Reference,
  measures: readonly MeasureDefinition[],
  minCellSize: number,
  withComplaints: boolean,
  priceDkk: number | null,
): EffectCell {
  const sum = group.sum;
  const outcomes: Record<string, OutcomeCell> = {};
  measures.forEach((measure, i) => {
    const counters = sum.outcomes[measure.key];
    const n = counters?.n ?? 0;
    const x = counters?.x ?? 0;
    const rate = rateCell(x, n, minCellSize);
    const refN = reference.n[i] as number;
    const adjusted = rate.suppressed
      ? { expectedRate: null, oe: null, adjustedRate: null }
      : caseMix(
          x,
          n,
          expectedSuccesses(
            group.strata[i] as StrataByTargetGroup,
            reference.strata[i] as StrataByTargetGroup,
          ),
          refN > 0 ? (reference.x[i] as number) / refN : 0,
        );
    outcomes[measure.key] = {
      ...rate,
      pending: suppressCount(counters?.pending ?? 0, minCellSize),
      ...adjusted,
    };
  });

  const started = suppressCount(sum.started, minCellSize);
  const complaints = withComplaints ? suppressCount(sum.complaints, minCellSize) : null;
  const effect3m = outcomes['effect3m'];
  return {
    ...keys,
    outcomes,
    companyShare: rateCell(sum.companyOriented, sum.started, minCellSize),
    satisfiedShare: scoreCell(sum.satisfaction, minCellSize),
    closerShare: scoreCell(sum.closeness, minCellSize),
    ageUnder30Share: rateCell(sum.ageUnder30, sum.ageKnown, minCellSize),
    unemploymentDuration: durationCell(sum, minCellSize),
    started,
    completed: suppressCount(sum.completed, minCellSize),
    active: suppressCount(sum.active, minCellSize),
    complaints,
    complaintsPer100:
      complaints === null || isSuppressed(sum.started, minCellSize) ? null : (100 * complaints) / sum.started,
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
