import { describe, expect, it } from 'vitest';
import { caseMix, expectedSuccesses, type StrataByTargetGroup } from '../../src/index.ts';

describe('case-mix arithmetic', () => {
  it('E sums the reference rate of each stratum over the group, per target group', () => {
    const reference: StrataByTargetGroup = new Map([
      ['a', { n: [10, 20], x: [8, 6] }],
      ['b', { n: [5, 0], x: [1, 0] }],
    ]);
    const group: StrataByTargetGroup = new Map([
      ['a', { n: [10, 10], x: [0, 0] }],
      ['b', { n: [5, 0], x: [0, 0] }],
    ]);
    expect(expectedSuccesses(group, reference)).toBeCloseTo(10 * 0.8 + 10 * 0.3 + 5 * 0.2, 12);
  });

  it('expected rate, O/E and the adjusted rate capped at 1; null when E = 0', () => {
    expect(caseMix(30, 100, 20, 0.25)).toEqual({ expectedRate: 0.2, oe: 1.5, adjustedRate: 0.375 });
    expect(caseMix(90, 100, 20, 0.5).adjustedRate).toBe(1);
    expect(caseMix(0, 100, 0, 0.5)).toEqual({ expectedRate: null, oe: null, adjustedRate: null });
  });
});
