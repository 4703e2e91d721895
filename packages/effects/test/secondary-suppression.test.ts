// Secondary (complementary) suppression: no line of a table, differenced against its marginal
// (the same table without that dimension, published by another query), gives back a small count.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aggregateCells,
  DEFAULT_MEASURES,
  emptyFineCell,
  type EffectCell,
  type EngineConfig,
  type FineCell,
  type GroupKey,
} from '../src/index.ts';
import { secondarySuppression } from '../src/secondary-suppression.ts';
import { catalog, config, offer } from './support/builders.ts';

const MIN = 5;
const base = config({
  catalog: catalog([
    offer('A', { priceDkk: 10_000 }),
    offer('B'),
    offer('C', { industries: ['it', 'bygge'] }),
  ]),
});

interface Counts {
  started?: number;
  completed?: number;
  active?: number;
  complaints?: number;
  effect3m?: number;
  pending3m?: number;
  /** Of `started`, those whose effect7m window is not complete; the rest are its n. */
  pending7m?: number;
  /** Of the effect3m n + pending (the enrollments that ended), those pending for status1m. */
  pending1m?: number;
  satisfied?: number;
  closer?: number;
  ageKnown?: number;
}

/** A fine cell whose counters are all consistent with the given counts. */
function fine(offerId: string, targetGroup: string, month: string, counts: Counts): FineCell {
  const cell = emptyFineCell(offerId, targetGroup, month, DEFAULT_MEASURES);
  const started = counts.started ?? 0;
  cell.started = started;
  cell.companyOriented = Math.floor(started / 2);
  cell.durationBands = [started, 0, 0, 0];
  cell.durationHistogram = started > 0 ? { '30': started } : {};
  cell.completed = counts.completed ?? 0;
  cell.active = counts.active ?? 0;
  cell.complaints = counts.complaints ?? 0;
  cell.ageKnown = counts.ageKnown ?? 0;
  cell.ageUnder30 = Math.floor(cell.ageKnown / 3);
  const satisfied = counts.satisfied ?? 0;
  cell.satisfaction = { n: satisfied, x: Math.floor(satisfied / 2), sum: 3 * satisfied };
  const closer = counts.closer ?? 0;
  cell.closeness = { n: closer, x: Math.floor(closer / 2), sum: 4 * closer };
  const effect3m = cell.outcomes['effect3m']!;
  effect3m.n = counts.effect3m ?? 0;
  effect3m.x = Math.floor(effect3m.n / 2);
  effect3m.pending = counts.pending3m ?? 0;
  const ended = effect3m.n + effect3m.pending;
  const status1m = cell.outcomes['status1m']!;
  status1m.pending = Math.min(counts.pending1m ?? 0, ended);
  status1m.n = ended - status1m.pending;
  status1m.x = Math.floor(status1m.n / 2);
  const effect7m = cell.outcomes['effect7m']!;
  effect7m.pending = Math.min(counts.pending7m ?? 0, started);
  effect7m.n = started - effect7m.pending;
  effect7m.x = Math.floor(effect7m.n / 2);
  return cell;
}

const started = (offerId: string, targetGroup: string, n: number): FineCell =>
  fine(offerId, targetGroup, '2025-02', { started: n });

function table(groupBy: GroupKey[], cells: FineCell[], extra: Partial<EngineConfig> = {}): EffectCell[] {
  return aggregateCells({ ...base, groupBy, minCellSize: MIN, ...extra }, cells);
}

/** `offerId/targetGroup` of every cell whose `started` is hidden. */
const hiddenStarted = (cells: EffectCell[]): string[] =>
  cells.filter((c) => c.started === null).map((c) => `${c.offerId}/${c.targetGroup}`);

describe('secondary suppression', () => {
  it('hides a second cell of a line that has exactly one suppressed cell, like a primary one', () => {
    const cells = table(['offer', 'targetGroup'], [started('A', 'jobparat', 40), started('A', 'aktiv', 3)]);
    const [aktiv, jobparat] = cells;
    expect(hiddenStarted(cells)).toEqual(['A/aktiv', 'A/jobparat']);
    // Indistinguishable from the primary suppression of the small cell: same nulls, same flags.
    const { targetGroup: _a, ...secondary } = jobparat!;
    const { targetGroup: _b, ...primary } = aktiv!;
    expect(secondary).toEqual(primary);
    expect(jobparat?.companyShare).toMatchObject({ n: null, rate: null, suppressed: true });
    expect(jobparat?.unemploymentDuration).toMatchObject({ n: null, median: null, suppressed: true });
    // The marginal (offer A's total) is still shown: the two hidden cells only give 43 together.
    expect(table(['offer'], [started('A', 'jobparat', 40), started('A', 'aktiv', 3)])[0]?.started).toBe(43);
  });

  it('extends suppressed cells whose sum is below minCellSize with the smallest shown one', () => {
    const cells = table(
      ['offer', 'targetGroup'],
      [started('A', 't1', 1), started('A', 't2', 2), started('A', 't3', 20), started('A', 't4', 10)],
    );
    expect(hiddenStarted(cells)).toEqual(['A/t1', 'A/t2', 'A/t4']);
    expect(cells.find((c) => c.targetGroup === 't3')?.started).toBe(20);
  });

  it('iterates over both dimensions until no line needs more', () => {
    // A/t1 is small: the t1 line hides B/t1 (smallest shown), the A line hides A/t2, and B, now
    // with one hidden cell, hides B/t2; the t2 line then has two hidden cells summing to 90.
    const grid: [string, string, number][] = [
      ['A', 't1', 3],
      ['A', 't2', 40],
      ['A', 't3', 60],
      ['B', 't1', 20],
      ['B', 't2', 50],
      ['B', 't3', 70],
      ['C', 't1', 30],
      ['C', 't2', 80],
      ['C', 't3', 90],
    ];
    const cells = table(
      ['offer', 'targetGroup'],
      grid.map(([o, t, n]) => started(o, t, n)),
    );
    expect(hiddenStarted(cells)).toEqual(['A/t1', 'A/t2', 'B/t1', 'B/t2']);
  });

  it('changes nothing when no line needs it', () => {
    const cells = [
      started('A', 't1', 2),
      started('A', 't2', 3),
      started('A', 't3', 40),
      started('B', 't1', 0),
      started('B', 't3', 12),
      fine('B', 't2', '2025-02', { completed: 4, active: 7 }),
      fine('B', 't3', '2025-02', { completed: 4, active: 0 }),
    ];
    const result = table(['offer', 'targetGroup'], cells);
    const figures = result.map((c) => [c.offerId, c.targetGroup, c.started, c.completed, c.active]);
    expect(figures).toEqual([
      ['A', 't1', null, 0, 0],
      ['A', 't2', null, 0, 0],
      ['A', 't3', 40, 0, 0],
      ['B', 't1', 0, 0, 0],
      ['B', 't2', 0, null, 7],
      ['B', 't3', 12, null, 0],
    ]);
    // Primary only, as computed cell by cell with minCellSize: nothing else was hidden.
    expect(
      table(['offer', 'targetGroup'], [started('A', 't1', 40), started('A', 't2', 12)]).map((c) => c.started),
    ).toEqual([40, 12]);
  });

  it('hides what a hidden quantity would reveal: complaints per 100 with started, cost per outcome with effect3m', () => {
    const cells = table(
      ['offer'],
      [
        fine('A', 'jobparat', '2025-02', { started: 40, complaints: 10, effect3m: 30 }),
        fine('B', 'jobparat', '2025-02', { started: 2, complaints: 0, effect3m: 4 }),
      ],
    );
    const a = cells[0]!;
    expect([a.started, a.complaints, a.complaintsPer100, a.costPerOutcome]).toEqual([null, 10, null, null]);
    expect(a.outcomes['effect3m']).toMatchObject({ n: null, x: null, rate: null, adjustedRate: null });
    expect(a.companyShare.suppressed).toBe(true);
  });

  it('hides the other part of a start-anchored measure: its n plus its pending is started', () => {
    const [cell] = table([], [fine('A', 'jobparat', '2025-02', { started: 40, pending7m: 37 })]);
    // n = 3 is suppressed; 40 − 37 would give it back, so the 37 pending go too.
    expect([cell?.started, cell?.outcomes['effect7m']?.n, cell?.outcomes['effect7m']?.pending]).toEqual([
      40,
      null,
      null,
    ]);
    // A started hidden by secondary suppression (B's 3 would be the total minus A's 40) would be
    // A's n plus its pending: the smaller of the two goes.
    const [a, b] = table(
      ['offer'],
      [
        fine('A', 'jobparat', '2025-02', { started: 40, pending7m: 30 }),
        fine('B', 'jobparat', '2025-02', { started: 3, pending7m: 0 }),
      ],
    );
    expect([a?.started, a?.outcomes['effect7m']?.n, a?.outcomes['effect7m']?.pending]).toEqual([
      null,
      null,
      30,
    ]);
    expect(b?.started).toBeNull();
    // Both parts shown: nothing more to hide.
    const [shown] = table([], [fine('A', 'jobparat', '2025-02', { started: 40, pending7m: 30 })]);
    expect([shown?.started, shown?.outcomes['effect7m']?.n, shown?.outcomes['effect7m']?.pending]).toEqual([
      40, 10, 30,
    ]);
  });

  it('hides a part of an end-anchored measure that another measure’s n + pending would give back', () => {
    // 9 ended: effect3m 3 + 6 pending, status1m 9 + 0: 9 − 6 would be effect3m's hidden 3.
    const [cell] = table([], [fine('A', 'jobparat', '2025-02', { effect3m: 3, pending3m: 6, pending1m: 0 })]);
    expect([cell?.outcomes['effect3m']?.n, cell?.outcomes['effect3m']?.pending]).toEqual([null, null]);
    expect([cell?.outcomes['status1m']?.n, cell?.outcomes['status1m']?.pending]).toEqual([9, 0]);
  });

  it('ends on cells whose counters break the relations (stored cells from elsewhere)', () => {
    // started hidden, both parts zero: nothing left to hide, and the pass must still end.
    const cells = [{ values: [], quantities: { started: 3, 'outcome:effect7m': 0, 'pending:effect7m': 0 } }];
    const relation = { total: 'started', parts: ['outcome:effect7m', 'pending:effect7m'] as const };
    expect(secondarySuppression(cells, [], MIN, [relation])).toEqual([new Set()]);
  });

  it('does not protect lines along industry: industry cells do not sum to the marginal', () => {
    // Offer C counts in both of its industries, B in none.
    const cells = table(['industry'], [started('B', 'jobparat', 3), started('C', 'jobparat', 40)]);
    expect(cells.map((c) => [c.industry, c.started])).toEqual([
      [null, null],
      ['bygge', 40],
      ['it', 40],
    ]);
  });
});

// ---- Property: no line of a two-dimension table differences to a small count. ----

type CountOf = (cell: EffectCell) => number | null;
const COUNTS: Record<string, CountOf> = {
  started: (c) => c.started,
  completed: (c) => c.completed,
  active: (c) => c.active,
  complaints: (c) => c.complaints,
  companyShare: (c) => c.companyShare.n,
  unemploymentDuration: (c) => c.unemploymentDuration.n,
  effect3m: (c) => c.outcomes['effect3m']?.n ?? null,
  pending3m: (c) => c.outcomes['effect3m']?.pending ?? null,
  effect7m: (c) => c.outcomes['effect7m']?.n ?? null,
  status1m: (c) => c.outcomes['status1m']?.n ?? null,
  pending1m: (c) => c.outcomes['status1m']?.pending ?? null,
  pending7m: (c) => c.outcomes['effect7m']?.pending ?? null,
  satisfiedShare: (c) => c.satisfiedShare.n,
  closerShare: (c) => c.closerShare.n,
  ageUnder30Share: (c) => c.ageUnder30Share.n,
};
const FIELD: Record<string, 'offerId' | 'targetGroup' | 'period'> = {
  offer: 'offerId',
  targetGroup: 'targetGroup',
  period: 'period',
};

const count = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 60 }));
const fineCellArb = fc
  .record({
    offerId: fc.constantFrom('A', 'B', 'C'),
    targetGroup: fc.constantFrom('t1', 't2', 't3', ''),
    month: fc.constantFrom('2024-03', '2024-08', '2025-01', '2025-11'),
    started: count,
    completed: count,
    active: count,
    complaints: count,
    effect3m: count,
    pending3m: count,
    pending7m: count,
    pending1m: count,
    satisfied: count,
    closer: count,
    ageKnown: count,
  })
  // Complaints carry no target group; nothing else does without one.
  .map(({ offerId, targetGroup, month, complaints, ...counts }) =>
    targetGroup === '' ? fine(offerId, '', month, { complaints }) : fine(offerId, targetGroup, month, counts),
  );

const keyOf = (cell: EffectCell, dims: readonly GroupKey[]): string =>
  JSON.stringify(dims.map((d) => cell[FIELD[d]!] ?? null));

describe('secondary suppression (property)', () => {
  it('total of the marginal minus the visible cells of a line, and started minus effect7m n and pending, is 0 or ≥ minCellSize', () => {
    fc.assert(
      fc.property(
        fc.array(fineCellArb, { maxLength: 40 }),
        fc.subarray(['offer', 'targetGroup', 'period'] as GroupKey[], { minLength: 1, maxLength: 2 }),
        fc.integer({ min: 2, max: 6 }),
        (fineCells, groupBy, minCellSize) => {
          const extra = { minCellSize, periodUnit: 'year' as const };
          const cells = aggregateCells({ ...base, ...extra, groupBy }, fineCells);
          for (const c of cells) {
            // Within a cell: effect3m n + pending = status1m n + pending (both count ended enrollments).
            const pairs = (['effect3m', 'status1m'] as const).map((k) => [
              c.outcomes[k]?.n ?? null,
              c.outcomes[k]?.pending ?? null,
            ]);
            const whole = pairs.find(([n, p]) => n !== null && p !== null);
            for (const [n, p] of whole ? pairs : []) {
              if ((n === null) === (p === null)) continue;
              const recovered = whole![0]! + whole![1]! - (n ?? p)!;
              if (recovered !== 0) {
                throw new Error(
                  `${groupBy.join(',')} cell ${keyOf(c, groupBy)}: ended recovers ${recovered}`,
                );
              }
            }
            // Within a cell: started = effect7m n + effect7m pending.
            const [started, n, pending] = [
              c.started,
              c.outcomes['effect7m']?.n,
              c.outcomes['effect7m']?.pending,
            ];
            if (started === null) {
              if (typeof n === 'number' && typeof pending === 'number') {
                throw new Error(`${groupBy.join(',')} cell ${keyOf(c, groupBy)}: n + pending gives started`);
              }
              continue;
            }
            const recovered = started - (n ?? 0) - (pending ?? 0);
            if (recovered !== 0 && recovered < minCellSize) {
              throw new Error(
                `${groupBy.join(',')} cell ${keyOf(c, groupBy)}: effect7m recovers ${recovered}`,
              );
            }
          }
          for (const dim of groupBy) {
            const rest = groupBy.filter((d) => d !== dim);
            const marginal = new Map(
              aggregateCells({ ...base, ...extra, groupBy: rest }, fineCells).map((c) => [keyOf(c, rest), c]),
            );
            const lines = new Map<string, EffectCell[]>();
            for (const c of cells) lines.set(keyOf(c, rest), [...(lines.get(keyOf(c, rest)) ?? []), c]);
            for (const [key, line] of lines) {
              const total = marginal.get(key);
              for (const [name, countOf] of Object.entries(COUNTS)) {
                const shown = total && countOf(total);
                if (shown === null || shown === undefined) continue;
                const visible = line.reduce((sum, c) => sum + (countOf(c) ?? 0), 0);
                const recovered = shown - visible;
                if (recovered !== 0 && recovered < minCellSize) {
                  throw new Error(
                    `${groupBy.join(',')} line ${key} along ${dim}: ${name} recovers ${recovered}`,
                  );
                }
              }
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
