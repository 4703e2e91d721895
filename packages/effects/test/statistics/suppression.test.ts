import { describe, expect, it } from 'vitest';
import { rateCell, suppressCount } from '../../src/index.ts';

describe('suppression helpers', () => {
  it('a rate cell below minCellSize is all null and suppressed; at minCellSize it is shown', () => {
    expect(rateCell(2, 4, 5)).toEqual({
      n: null,
      x: null,
      rate: null,
      ciLow: null,
      ciHigh: null,
      suppressed: true,
    });
    expect(rateCell(0, 0, 5).suppressed).toBe(true);
    expect(rateCell(0, 0, 0).suppressed).toBe(true);
    expect(rateCell(2, 5, 5)).toMatchObject({ n: 5, x: 2, rate: 0.4, suppressed: false });
  });

  it('a count is hidden when 0 < count < minCellSize, zero and larger counts are shown', () => {
    expect([0, 1, 4, 5, 6].map((c) => suppressCount(c, 5))).toEqual([0, null, null, 5, 6]);
  });
});
