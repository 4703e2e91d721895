import { describe, expect, it } from 'vitest';
import { DEFAULT_MIN_CELL_SIZE, Publisher } from '../../src/index.ts';

const KEY_ZERO_D = Math.floor(0.5 * 2 ** 32); // perturbation 0
const KEY_PLUS_2 = Math.floor(0.97 * 2 ** 32);

describe('the disclosure rule on one figure (Publisher)', () => {
  const publish = new Publisher({ minCellSize: DEFAULT_MIN_CELL_SIZE, exact: false });

  it('a rate over fewer than minCellSize records is all null and suppressed; at minCellSize it is shown', () => {
    expect(publish.rate(2, KEY_ZERO_D, 4, KEY_ZERO_D)).toEqual({
      n: null,
      x: null,
      rate: null,
      ciLow: null,
      ciHigh: null,
      suppressed: true,
    });
    expect(publish.rate(0, 0, 0, 0).suppressed).toBe(true);
    expect(publish.rate(2, KEY_ZERO_D, 5, KEY_ZERO_D)).toMatchObject({
      n: 5,
      x: 2,
      rate: 0.4,
      suppressed: false,
    });
  });

  it('perturbs x and n by their own keys, and never lets x exceed n', () => {
    expect(publish.rate(5, KEY_PLUS_2, 5, KEY_ZERO_D)).toMatchObject({ n: 5, x: 5, rate: 1 });
    expect(publish.rate(3, KEY_ZERO_D, 6, KEY_PLUS_2)).toMatchObject({ n: 8, x: 3, rate: 0.375 });
  });

  it('a count is hidden when 0 < count < minCellSize, zero and larger counts are shown', () => {
    expect([0, 1, 4, 5, 6].map((c) => publish.count(c, KEY_ZERO_D))).toEqual([0, null, null, 5, 6]);
    expect(publish.count(7, KEY_PLUS_2)).toBe(9);
  });

  it('exact mode (the data owner) hides and perturbs nothing', () => {
    const exact = new Publisher({ minCellSize: DEFAULT_MIN_CELL_SIZE, exact: true });
    expect(exact.count(3, KEY_PLUS_2)).toBe(3);
    expect(exact.rate(1, KEY_PLUS_2, 2, KEY_PLUS_2)).toMatchObject({
      n: 2,
      x: 1,
      rate: 0.5,
      suppressed: false,
    });
  });
});
