import { describe, expect, it } from 'vitest';
import { DEFAULT_MEASURES, emptyFineCell, type FineCell } from '@evg/effects';
import { versionDigest, type VersionContent } from '../../src/refresh/version-digest.ts';
import { EFFECT12M_ENTRY } from '../support/effect12m.ts';

function fine(offerId: string, month: string, started: number, histogram: Record<string, number>): FineCell {
  const cell = emptyFineCell(offerId, 'jobparat', month, DEFAULT_MEASURES, true);
  return { ...cell, started, durationHistogram: histogram };
}

const content = (fineCells: FineCell[], asOf = '2026-10-31'): VersionContent => ({
  asOf,
  measures: [],
  fineCells,
  tables: [{ grouping: 'offer', cells: [] }],
});

describe('versionDigest', () => {
  const a = fine('OF1', '2024-01', 6, { '30': 2, '400': 4 });
  const b = fine('OF2', '2024-02', 9, { '12': 9 });

  it('is the same whatever order the persons were read in', () => {
    // Another order of persons: cells in another order, histogram keys met in another order.
    const aReordered = { ...a, durationHistogram: { '400': 4, '30': 2 } };
    expect(versionDigest(content([a, b]))).toBe(versionDigest(content([b, aReordered])));
  });

  it('differs when any figure, the cut-off, the measures or a table differ', () => {
    const base = versionDigest(content([a, b]));
    expect(versionDigest(content([a, fine('OF2', '2024-02', 10, { '12': 9 })]))).not.toBe(base);
    expect(versionDigest(content([a, fine('OF2', '2024-02', 9, { '12': 8 })]))).not.toBe(base);
    expect(versionDigest(content([a]))).not.toBe(base);
    expect(versionDigest(content([a, b], '2026-09-30'))).not.toBe(base);
    expect(versionDigest({ ...content([a, b]), measures: [EFFECT12M_ENTRY] })).not.toBe(base);
    expect(versionDigest({ ...content([a, b]), tables: [{ grouping: 'provider', cells: [] }] })).not.toBe(
      base,
    );
  });
});
