/**
 * Secondary (complementary) suppression: primary suppression hides a small cell, but the
 * marginal of its line (the same table without one dimension) is published by another query,
 * so `marginal − visible cells` would give the hidden value back. This pass hides more cells
 * until every line's hidden cells are either none, or at least two non-zero ones summing to
 * `minCellSize` or more.
 *
 * Lines run along every dimension except `industry`: an offer with several industries counts in
 * each of their cells, so industry cells do not sum to the marginal and differencing along them
 * recovers nothing.
 */
import type { GroupKey, MeasureDefinition } from './engine-config.ts';
import type { FineCell } from './fine-cell.ts';

/**
 * The figures that can be suppressed independently, with the summed count each one shows.
 * Everything computed from a quantity is suppressed with it (effect-cell-of.ts): an outcome's
 * x, rate, interval, case-mix and (for effect3m) cost per outcome go with its n; `started` is
 * also the n of companyShare and unemploymentDuration and the denominator of complaintsPer100.
 * @example quantityValues(sum, DEFAULT_MEASURES, true) // { 'outcome:effect3m': 12, 'pending:effect3m': 3, started: 20, ... }
 */
export function quantityValues(
  sum: FineCell,
  measures: readonly MeasureDefinition[],
  withComplaints: boolean,
): Record<string, number> {
  const values: Record<string, number> = {};
  for (const measure of measures) {
    const counters = sum.outcomes[measure.key];
    values[outcomeQuantity(measure.key)] = counters?.n ?? 0;
    values[pendingQuantity(measure.key)] = counters?.pending ?? 0;
  }
  values['started'] = sum.started;
  values['completed'] = sum.completed;
  values['active'] = sum.active;
  if (withComplaints) values['complaints'] = sum.complaints;
  values['satisfiedShare'] = sum.satisfaction.n;
  values['closerShare'] = sum.closeness.n;
  values['ageUnder30Share'] = sum.ageKnown;
  return values;
}

export const outcomeQuantity = (key: string): string => `outcome:${key}`;
export const pendingQuantity = (key: string): string => `pending:${key}`;

/** One result cell as the pass sees it: its key values (in groupBy order) and quantity values. */
export interface ProtectedCell {
  values: readonly (string | null)[];
  quantities: Readonly<Record<string, number>>;
}

/**
 * Within one cell, `total` = the sum of the two `parts` (a start-anchored outcome's n plus its
 * pending is `started`): one hidden part would be the total minus the other.
 */
export interface CellRelation {
  total: string;
  parts: readonly [string, string];
}

/**
 * Within one cell, pairs with one (unpublished) sum: end-anchored outcomes' n + pending all
 * count the enrollments that ended in the cell. A pair shown whole gives the sum, and with it
 * the hidden part of any pair with one part shown.
 */
export type EqualSums = readonly (readonly [string, string])[];

/**
 * For each cell, the quantities to suppress in addition to the primary rule (n < minCellSize).
 * Per quantity: while a line has exactly one hidden non-zero cell, or its hidden cells sum to
 * 1..minCellSize−1, the smallest still-shown non-zero cell of the line is hidden too. Per cell
 * and relation: when exactly one of total and parts is hidden, the smaller non-zero shown part
 * is hidden too (the total when no shown part is non-zero). Repeated until nothing changes.
 * Runs on the result table, not per person.
 * @example
 * secondarySuppression([{ values: ['A', 'jobparat'], quantities: { started: 40 } }, { values: ['A', 'aktivitetsparat'], quantities: { started: 3 } }], ['offer', 'targetGroup'], 5)
 * // [Set { 'started' }, Set {}]: offer A's total minus jobparat would give the 3 back
 */
export function secondarySuppression(
  cells: readonly ProtectedCell[],
  groupBy: readonly GroupKey[],
  minCellSize: number,
  relations: readonly CellRelation[] = [],
  equalSums: readonly EqualSums[] = [],
): Set<string>[] {
  const secondary = cells.map(() => new Set<string>());
  const lines = linesOf(cells, groupBy);
  const linesOfCell: number[][] = cells.map(() => []);
  lines.forEach((line, l) => line.forEach((i) => linesOfCell[i]?.push(l)));
  const quantities = new Map<string, { value: number[]; hidden: boolean[] }>();
  for (const name of new Set(cells.flatMap((cell) => Object.keys(cell.quantities)))) {
    const value = cells.map((cell) => cell.quantities[name] ?? 0);
    quantities.set(name, { value, hidden: value.map((v) => v > 0 && v < minCellSize) });
  }
  /** True when the figure was shown: a round that hides nothing new ends the loop. */
  const hide = (name: string, i: number): boolean => {
    const { hidden } = quantities.get(name) as { hidden: boolean[] };
    if (hidden[i]) return false;
    hidden[i] = true;
    secondary[i]?.add(name);
    return true;
  };
  // Lines of every quantity are protected first, whole; then a relation that hides more
  // sends the table round again. Each round hides at least one more figure, so it ends.
  let changed = true;
  while (changed) {
    changed = false;
    for (const [name, { value, hidden }] of quantities) {
      if (protectLines(lines, linesOfCell, value, hidden, minCellSize, (i) => hide(name, i))) changed = true;
    }
    for (const relation of relations) {
      const members = [relation.total, ...relation.parts].map((name) => ({ name, q: quantities.get(name) }));
      if (members.some((member) => !member.q)) continue;
      cells.forEach((_, i) => {
        const shown = members.filter((member) => !member.q?.hidden[i]);
        if (shown.length !== 2) return; // one hidden figure = the others' sum or difference
        // Hide the smaller non-zero shown part, else the total (a zero is never hidden).
        const parts = shown.filter((m) => m.name !== relation.total && (m.q?.value[i] as number) > 0);
        parts.sort((x, y) => (x.q?.value[i] as number) - (y.q?.value[i] as number));
        if (hide(parts[0]?.name ?? relation.total, i)) changed = true;
      });
    }
    for (const pairs of equalSums) {
      const known = pairs.map((pair) => pair.map((name) => quantities.get(name)));
      if (known.some((pair) => pair.some((q) => !q))) continue;
      const of = (pair: number, part: number) =>
        known[pair]?.[part] as { value: number[]; hidden: boolean[] };
      cells.forEach((_, i) => {
        const hiddenParts = pairs.map((_, p) => [0, 1].filter((part) => of(p, part).hidden[i]).length);
        const whole = pairs.filter((_, p) => hiddenParts[p] === 0);
        const half = pairs.filter((_, p) => hiddenParts[p] === 1);
        if (whole.length === 0 || half.length === 0) return;
        for (const [p, pair] of pairs.entries()) {
          if (hiddenParts[p] !== 1) continue;
          const shownPart = of(p, 0).hidden[i] ? 1 : 0;
          if ((of(p, shownPart).value[i] as number) > 0) {
            if (hide(pair[shownPart] as string, i)) changed = true;
          } else {
            // The hidden part is the whole sum: no pair may show it.
            for (const [w, wholePair] of pairs.entries()) {
              if (hiddenParts[w] !== 0) continue;
              const smaller = (of(w, 0).value[i] as number) <= (of(w, 1).value[i] as number) ? 0 : 1;
              const part = (of(w, smaller).value[i] as number) > 0 ? smaller : 1 - smaller;
              if (hide(wholePair[part] as string, i)) changed = true;
            }
          }
          return;
        }
      });
    }
  }
  return secondary;
}

/** Hides cells of one quantity until no line needs more; true when it hid any. */
function protectLines(
  lines: readonly number[][],
  linesOfCell: readonly number[][],
  value: readonly number[],
  hidden: boolean[],
  minCellSize: number,
  hide: (cell: number) => unknown,
): boolean {
  let any = false;
  // A worklist of lines (first in, first out): a cell hidden in one line re-checks only the
  // other lines it is in, not the whole table.
  const queue = lines.map((_, l) => l);
  const queued = lines.map(() => true);
  for (let head = 0; head < queue.length; head++) {
    const l = queue[head] as number;
    queued[l] = false;
    const line = lines[l] as number[];
    while (lineNeedsMore(line, value, hidden, minCellSize)) {
      const next = smallestShown(line, value, hidden);
      if (next === null) break; // the line's marginal equals its small hidden sum: suppressed too
      hide(next);
      any = true;
      for (const other of linesOfCell[next] ?? []) {
        if (other !== l && !queued[other]) {
          queued[other] = true;
          queue.push(other);
        }
      }
    }
  }
  return any;
}

/** Cells sharing every key but one (not industry), as lists of cell indices; single-cell lines need nothing. */
function linesOf(cells: readonly ProtectedCell[], groupBy: readonly GroupKey[]): number[][] {
  const lines: number[][] = [];
  groupBy.forEach((key, dim) => {
    if (key === 'industry') return;
    const byRest = new Map<string, number[]>();
    cells.forEach((cell, i) => {
      const rest = JSON.stringify(cell.values.filter((_, j) => j !== dim));
      const line = byRest.get(rest);
      if (line) line.push(i);
      else byRest.set(rest, [i]);
    });
    for (const line of byRest.values()) if (line.length > 1) lines.push(line);
  });
  return lines;
}

function lineNeedsMore(
  line: readonly number[],
  value: readonly number[],
  hidden: readonly boolean[],
  minCellSize: number,
): boolean {
  let count = 0;
  let sum = 0;
  for (const i of line) {
    const v = value[i] as number;
    if (hidden[i] && v > 0) {
      count++;
      sum += v;
    }
  }
  return count === 1 || (sum > 0 && sum < minCellSize);
}

/** The shown non-zero cell with the smallest value (first in table order on ties), or null. */
function smallestShown(
  line: readonly number[],
  value: readonly number[],
  hidden: readonly boolean[],
): number | null {
  let best: number | null = null;
  for (const i of line) {
    const v = value[i] as number;
    if (hidden[i] || v === 0) continue;
    if (best === null || v < (value[best] as number)) best = i;
  }
  return best;
}
