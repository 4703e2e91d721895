import { describe, expect, it } from 'vitest';
import { newcombeDifference } from '../../src/index.ts';

describe('newcombeDifference', () => {
  it('I: 100/356 vs 90/370 is 0.0377 in [-0.0263, 0.1014], not significant', () => {
    const d = newcombeDifference({ x: 100, n: 356 }, { x: 90, n: 370 });
    expect(d.difference).toBeCloseTo(0.0377, 4);
    expect(d.ciLow).toBeCloseTo(-0.0263, 4);
    expect(d.ciHigh).toBeCloseTo(0.1014, 4);
    expect(d.significant).toBe(false);
  });

  it('I: 150/356 vs 90/370 is 0.1781 in [0.1099, 0.2442], significant', () => {
    const d = newcombeDifference({ x: 150, n: 356 }, { x: 90, n: 370 });
    expect(d.difference).toBeCloseTo(0.1781, 4);
    expect(d.ciLow).toBeCloseTo(0.1099, 4);
    expect(d.ciHigh).toBeCloseTo(0.2442, 4);
    expect(d.significant).toBe(true);
  });

  it('is antisymmetric: swapping the groups mirrors the interval', () => {
    const ab = newcombeDifference({ x: 150, n: 356 }, { x: 90, n: 370 });
    const ba = newcombeDifference({ x: 90, n: 370 }, { x: 150, n: 356 });
    expect(ba.difference).toBeCloseTo(-ab.difference, 12);
    expect(ba.ciLow).toBeCloseTo(-ab.ciHigh, 12);
    expect(ba.ciHigh).toBeCloseTo(-ab.ciLow, 12);
  });
});
