import { describe, expect, it } from 'vitest';
import { rateCellOf, rateOf } from '../../src/index.ts';
import { rowWith, shown, SUPPRESSED } from './support.ts';

const row = rowWith(
  { effect3m: shown(100, 356, 0.3012), effect12m: shown(30, 60, 0.45), status1m: SUPPRESSED },
  { companyShare: shown(21, 50), started: 400 },
);

describe('rateOf', () => {
  it('H: the published rate of an outcome measure (100/356 = 0.2809), custom measures alike', () => {
    expect(rateOf(row, 'effect3m')).toBeCloseTo(0.2809, 4);
    expect(rateOf(row, 'effect12m')).toBe(0.5);
  });

  it('the case-mix adjusted rate when asked for', () => {
    expect(rateOf(row, 'effect3m', true)).toBe(0.3012);
    expect(rateOf(row, 'effect12m', true)).toBe(0.45);
  });

  it('the rate of the other rate figures, which have no adjusted rate', () => {
    expect(rateOf(row, 'companyShare')).toBe(0.42);
    expect(rateOf(row, 'companyShare', true)).toBeNull();
  });

  it('null for a suppressed figure, a count and an unknown key', () => {
    expect(rateOf(row, 'status1m')).toBeNull();
    expect(rateOf(row, 'status1m', true)).toBeNull();
    expect(rateOf(row, 'started')).toBeNull();
    expect(rateOf(row, 'effect99m')).toBeNull();
    expect(rateOf(row, 'toString')).toBeNull();
    expect(rateOf(row, 'toString', true)).toBeNull();
  });
});

describe('rateCellOf', () => {
  it('finds outcome measures and rate figures, nothing else', () => {
    expect(rateCellOf(row, 'effect3m')).toBe(row.outcomes.effect3m);
    expect(rateCellOf(row, 'ageUnder30Share')).toBe(row.ageUnder30Share);
    expect(rateCellOf(row, 'unemploymentDuration')).toBeUndefined();
  });
});
