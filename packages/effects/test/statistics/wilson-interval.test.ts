import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../src/index.ts';

describe('wilsonInterval', () => {
  it('H: x = 100, n = 356 gives rate 0.2809 and [0.2367, 0.3297]', () => {
    expect(100 / 356).toBeCloseTo(0.2809, 4);
    const { low, high } = wilsonInterval(100, 356);
    expect(low).toBeCloseTo(0.2367, 4);
    expect(high).toBeCloseTo(0.3297, 4);
  });

  it('stays inside [0, 1] and contains the rate at x = 0 and x = n', () => {
    expect(wilsonInterval(0, 10).low).toBe(0);
    expect(wilsonInterval(0, 10).high).toBeCloseTo(0.2775, 4);
    expect(wilsonInterval(10, 10).high).toBe(1);
    expect(wilsonInterval(10, 10).low).toBeCloseTo(0.7225, 4);
  });

  it('narrows as n grows at the same rate', () => {
    const small = wilsonInterval(10, 40);
    const large = wilsonInterval(1000, 4000);
    expect(large.high - large.low).toBeLessThan(small.high - small.low);
  });
});
