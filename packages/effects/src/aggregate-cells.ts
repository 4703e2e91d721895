/**
 * From fine cells to the effect table: group, sum the additive counters (cell keys included),
 * then publish every cell (disclosure/publish-cell.ts): primary suppression of exact n below
 * minCellSize and the cell key perturbation of every count (measures.md §3–4).
 */
import type { EffectCell } from './effect-cell.ts';
import type { EngineConfig, MeasureDefinition } from './engine-config.ts';
import { addFineCell, emptyFineCell, type FineCell } from './fine-cell.ts';
import { publishCell } from './disclosure/publish-cell.ts';
import { CellGrouping } from './cell-grouping.ts';
import { resolveConfig } from './resolved-config.ts';
import { civilFromDays, daysInMonth, formatMonthIndex, monthIndexOfDay, parseDay } from './day.ts';
import { EffectsError } from './errors.ts';
import { addStrata, type StrataByTargetGroup } from './statistics/case-mix.ts';

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
 * Throws period-not-month-aligned when `config.period` does not start on a 1st and end on a
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
  const { measures, groupBy, periodUnit, minCellSize, exact } = resolveConfig(config);
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
          sum: emptyFineCell('', '', '', measures, cell.keyed === true),
          strata: measures.map(() => new Map()),
        };
        groups.set(key, group);
      }
      addFineCell(group.sum, cell, measures);
      measures.forEach((measure, i) => {
        const counters = cell.outcomes[measure.key];
        if (!counters) return;
        addStrata(
          group.strata[i] as StrataByTargetGroup,
          cell.targetGroup,
          counters.strataN,
          counters.strataX,
        );
      });
    }
  }

  const withComplaints = !byTargetGroup;
  const sorted = [...groups.values()].sort((a, b) => compareValues(a.values, b.values));
  return sorted.map((group) => {
    const reference = references.get(group.referenceKey) as Reference;
    const keys = grouping.cellKeys(group.values);
    const offer = groupBy.includes('offer')
      ? grouping.offer(group.values[groupBy.indexOf('offer')] as string)
      : null;
    return publishCell(keys, group.sum, {
      measures,
      minCellSize,
      exact,
      withComplaints,
      priceDkk: offer?.priceDkk ?? null,
      caseMix: (i) => ({
        group: group.strata[i] as StrataByTargetGroup,
        reference: reference.strata[i] as StrataByTargetGroup,
        referenceRate:
          (reference.n[i] as number) > 0 ? (reference.x[i] as number) / (reference.n[i] as number) : 0,
      }),
    });
  });
}

function monthRangeOf(fromText: string, toText: string): { from: string; to: string } {
  const from = parseDay(fromText, 'period from');
  const to = parseDay(toText, 'period to');
  const [toYear, toMonth, toDay] = civilFromDays(to);
  if (civilFromDays(from)[2] !== 1 || toDay !== daysInMonth(toYear, toMonth)) {
    throw new EffectsError(
      'period-not-month-aligned',
      `period ${fromText}..${toText} must start on the 1st and end on the last day of a month`,
    );
  }
  if (from > to) throw new EffectsError('invalid-period', 'period from is after period to');
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
