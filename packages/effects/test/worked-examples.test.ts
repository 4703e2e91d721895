// measures.md §6: every worked example, run through the engine (H and I: statistics/).
import { describe, expect, it } from 'vitest';
import {
  computeEffects,
  formatDay,
  monthFirst,
  monthLast,
  parseDay,
  type EffectCell,
  type PersonRecords,
} from '../src/index.ts';
import { config, copies, enrollment, period, person } from './support/builders.ts';

/** The engine's only cell for `count` identical persons (count ≥ 5 so nothing is suppressed). */
function cellFor(make: () => PersonRecords, count = 5): EffectCell {
  const cells = computeEffects(config(), copies(count, make));
  expect(cells).toHaveLength(1);
  return cells[0] as EffectCell;
}

function outcome(
  cell: EffectCell,
  key: string,
): { n: number | null; x: number | null; pending: number | null } {
  const o = cell.outcomes[key];
  return { n: o?.n ?? null, x: o?.x ?? null, pending: o?.pending ?? null };
}

/** The month windows [first..last] for k in [0, count) after an anchor. */
function windows(anchor: string, count: number): string[] {
  const a = parseDay(anchor);
  return Array.from(
    { length: count },
    (_, k) => `${formatDay(monthFirst(a, k))}..${formatDay(monthLast(a, k))}`,
  );
}

describe('worked examples of measures.md', () => {
  it('A and B: the month windows are exactly those listed', () => {
    expect(windows('2024-04-01', 3)).toEqual([
      '2024-04-01..2024-04-30',
      '2024-05-01..2024-05-31',
      '2024-06-01..2024-06-30',
    ]);
    expect(windows('2024-01-15', 7)).toEqual([
      '2024-01-15..2024-02-14',
      '2024-02-15..2024-03-14',
      '2024-03-15..2024-04-14',
      '2024-04-15..2024-05-14',
      '2024-05-15..2024-06-14',
      '2024-06-15..2024-07-14',
      '2024-07-15..2024-08-14',
    ]);
    expect(windows('2024-01-31', 3)).toEqual([
      '2024-01-31..2024-02-28',
      '2024-02-29..2024-03-30',
      '2024-03-31..2024-04-29',
    ]);
    // D: the 3-month window after 2026-09-16 ends 2026-12-15, the 1-month window 2026-10-15.
    expect(formatDay(monthLast(parseDay('2026-09-16'), 2))).toBe('2026-12-15');
    expect(formatDay(monthLast(parseDay('2026-09-16'), 0))).toBe('2026-10-15');
  });

  it('A: support in end month 0 fails effect3m and status1m, status3m succeeds, effect7m succeeds', () => {
    const cell = cellFor(() =>
      person([enrollment('2024-01-15', '2024-03-31')], [period('2023-06-01', '2024-04-10')]),
    );
    expect(outcome(cell, 'effect3m')).toEqual({ n: 5, x: 0, pending: 0 });
    expect(outcome(cell, 'status1m')).toEqual({ n: 5, x: 0, pending: 0 });
    expect(outcome(cell, 'status3m')).toEqual({ n: 5, x: 5, pending: 0 });
    expect(outcome(cell, 'effect7m')).toEqual({ n: 5, x: 5, pending: 0 });
  });

  it('B: month-end clamping puts 2024-02-29 in month 1 of an anchor on Jan 31', () => {
    const cell = cellFor(() =>
      person([enrollment('2023-12-01', '2024-01-30')], [period('2024-02-29', '2024-02-29')]),
    );
    expect(outcome(cell, 'effect3m')).toEqual({ n: 5, x: 0, pending: 0 });
    expect(outcome(cell, 'status1m')).toEqual({ n: 5, x: 5, pending: 0 });
    expect(outcome(cell, 'status3m')).toEqual({ n: 5, x: 5, pending: 0 });
  });

  it('B: the day before and after the one-day period moved out of month 1 leaves effect3m a success only when outside the window', () => {
    // 2024-02-28 is in month 0 (fails status1m too); 2024-04-30 is after month 2 (success).
    const inMonth0 = cellFor(() =>
      person([enrollment('2023-12-01', '2024-01-30')], [period('2024-02-28', '2024-02-28')]),
    );
    expect(outcome(inMonth0, 'status1m').x).toBe(0);
    const after = cellFor(() =>
      person([enrollment('2023-12-01', '2024-01-30')], [period('2024-04-30', '2024-04-30')]),
    );
    expect(outcome(after, 'effect3m').x).toBe(5);
    const lastDayOfMonth2 = cellFor(() =>
      person([enrollment('2023-12-01', '2024-01-30')], [period('2024-04-29', '2024-04-29')]),
    );
    expect(outcome(lastDayOfMonth2, 'effect3m').x).toBe(0);
    expect(outcome(lastDayOfMonth2, 'status3m').x).toBe(0);
  });

  it('C: SU is not public support, so the same day does not break self-sufficiency', () => {
    const cell = cellFor(() =>
      person([enrollment('2023-12-01', '2024-01-30')], [period('2024-02-29', '2024-02-29', 'su')]),
    );
    expect(outcome(cell, 'effect3m')).toEqual({ n: 5, x: 5, pending: 0 });
  });

  it('D: an incomplete 3-month window is pending while the complete 1-month window is eligible', () => {
    const cell = cellFor(() => person([enrollment('2026-06-01', '2026-09-15')]));
    expect(outcome(cell, 'effect3m')).toEqual({ n: null, x: null, pending: 5 });
    expect(cell.outcomes.effect3m?.suppressed).toBe(true);
    expect(outcome(cell, 'status1m')).toEqual({ n: 5, x: 5, pending: 0 });
    expect(outcome(cell, 'status3m').pending).toBe(5);
  });

  it('E: a still-running period that starts after both windows leaves both successes', () => {
    const cell = cellFor(() =>
      person([enrollment('2025-05-01', '2025-06-30')], [period('2026-01-01', null)]),
    );
    expect(outcome(cell, 'effect3m')).toEqual({ n: 5, x: 5, pending: 0 });
    expect(outcome(cell, 'effect7m')).toEqual({ n: 5, x: 5, pending: 0 });
  });

  it('E: the still-running period counts as supported for every later day', () => {
    const cell = cellFor(() =>
      person([enrollment('2025-09-01', '2025-12-31')], [period('2026-01-01', null)]),
    );
    expect(outcome(cell, 'effect3m')).toEqual({ n: 5, x: 0, pending: 0 });
  });

  it('F: overlapping periods of two public types count once per day: 152 days, band 3-6m', () => {
    const cell = cellFor(() =>
      person(
        [enrollment('2024-06-01', null)],
        [period('2024-01-01', '2024-03-10'), period('2024-03-05', '2024-05-31', 'dagpenge')],
      ),
    );
    expect(cell.unemploymentDuration.median).toBe(152);
    expect(cell.unemploymentDuration.bands).toEqual({ '<3m': 0, '3-6m': 1, '6-12m': 0, '>12m': 0 });
  });

  // G (suppression) and J (cell key) are tests of the publication step: disclosure.test.ts.
});
