import { describe, expect, it } from 'vitest';
import { cellDifference, COMPARED_FIGURES, rowDifferences } from '../../src/index.ts';
import { EMPTY_ROW, rowWith, shown, SUPPRESSED } from './support.ts';

const KEYS = ['effect3m', 'effect7m', 'status1m', 'status3m'];

describe('rowDifferences', () => {
  it('I: offer 100/356 against reference 90/370 is 0.0377 in [-0.0263, 0.1014], not significant', () => {
    const reference = rowWith({ effect3m: shown(90, 370) });
    const offer = rowWith({ effect3m: shown(100, 356) });
    const d = rowDifferences(offer, reference, KEYS).effect3m!;
    expect(d.difference).toBeCloseTo(0.0377, 4);
    expect(d.ciLow).toBeCloseTo(-0.0263, 4);
    expect(d.ciHigh).toBeCloseTo(0.1014, 4);
    expect(d.significant).toBe(false);
  });

  it('I: offer 150/356 against the same reference is 0.1781 in [0.1099, 0.2442], significant', () => {
    const reference = rowWith({}, { companyShare: shown(90, 370) });
    const offer = rowWith({}, { companyShare: shown(150, 356) });
    const d = rowDifferences(offer, reference, KEYS).companyShare!;
    expect(d.difference).toBeCloseTo(0.1781, 4);
    expect(d.ciLow).toBeCloseTo(0.1099, 4);
    expect(d.ciHigh).toBeCloseTo(0.2442, 4);
    expect(d.significant).toBe(true);
  });

  it('is the offer minus the reference, not the other way round', () => {
    const reference = rowWith({ effect3m: shown(150, 356) });
    const offer = rowWith({ effect3m: shown(90, 370) });
    expect(rowDifferences(offer, reference, KEYS).effect3m!.difference).toBeCloseTo(-0.1781, 4);
  });

  it('covers every measure asked for, then the compared rate figures, in that order', () => {
    const differences = rowDifferences(EMPTY_ROW, EMPTY_ROW, [...KEYS, 'effect12m']);
    expect(Object.keys(differences)).toEqual([...KEYS, 'effect12m', ...COMPARED_FIGURES]);
    // Empty rows and a measure neither row carries have nothing to compare.
    expect(Object.values(differences).every((d) => d === null)).toBe(true);
  });

  it('gives null when either side is suppressed, so no suppressed count can be worked back', () => {
    const reference = rowWith({ effect3m: shown(90, 370), effect7m: SUPPRESSED });
    const offer = rowWith({ effect3m: SUPPRESSED, effect7m: shown(40, 120) });
    const differences = rowDifferences(offer, reference, KEYS);
    expect(differences.effect3m).toBeNull();
    expect(differences.effect7m).toBeNull();
  });
});

describe('cellDifference', () => {
  it('gives null for a missing or empty side', () => {
    expect(cellDifference(undefined, shown(90, 370))).toBeNull();
    expect(cellDifference(shown(0, 0), shown(90, 370))).toBeNull();
    expect(cellDifference(shown(10, 20), { ...shown(90, 370), x: null })).toBeNull();
  });
});
