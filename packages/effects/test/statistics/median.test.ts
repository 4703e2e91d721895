import { describe, expect, it } from 'vitest';
import { medianOfHistogram } from '../../src/index.ts';

describe('medianOfHistogram', () => {
  it('takes the middle value of an odd count and the mean of the two middle values of an even one', () => {
    expect(medianOfHistogram({ '0': 1, '10': 2, '40': 1, '7': 1 })).toBe(10);
    expect(medianOfHistogram({ '0': 1, '10': 1, '40': 1, '100': 1 })).toBe(25);
    expect(medianOfHistogram({ '5': 4 })).toBe(5);
    expect(medianOfHistogram({ '3': 2, '400': 2 })).toBe(201.5);
  });

  it('orders keys numerically, not as strings, and is null when empty', () => {
    expect(medianOfHistogram({ '9': 1, '100': 1, '20': 1 })).toBe(20);
    expect(medianOfHistogram({})).toBeNull();
    expect(medianOfHistogram({ '3': 0 })).toBeNull();
  });
});
