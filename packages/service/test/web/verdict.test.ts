import { describe, expect, it } from 'vitest';
import { verdictOf } from '../../src/web/static/verdict.js';

// The Newcombe examples of measures.md §6 I, as the API returns them.
describe('the plain-language verdict of a comparison', () => {
  it('reads an interval that contains 0 as no clear difference', () => {
    expect(verdictOf({ difference: 0.0377, ciLow: -0.0263, ciHigh: 0.1014, significant: false })).toBe(
      'noDifference',
    );
  });

  it('reads an interval above 0 as significantly higher', () => {
    expect(verdictOf({ difference: 0.1781, ciLow: 0.1099, ciHigh: 0.2442, significant: true })).toBe(
      'higher',
    );
  });

  it('reads an interval below 0 as significantly lower', () => {
    expect(verdictOf({ difference: -0.1781, ciLow: -0.2442, ciHigh: -0.1099, significant: true })).toBe(
      'lower',
    );
  });

  it('cannot judge a suppressed side', () => {
    expect(verdictOf({ difference: null, ciLow: null, ciHigh: null, significant: null })).toBe('unavailable');
    expect(verdictOf(undefined)).toBe('unavailable');
  });

  it('decides from the interval when the answer does not state significance', () => {
    expect(verdictOf({ difference: 0.1, ciLow: 0.02, ciHigh: 0.18 })).toBe('higher');
    expect(verdictOf({ difference: 0.1, ciLow: -0.02, ciHigh: 0.18 })).toBe('noDifference');
  });

  it('says a figure below the disclosure threshold is why it cannot judge', () => {
    expect(verdictOf({ difference: null, ciLow: null, ciHigh: null, significant: null }, true)).toBe(
      'suppressed',
    );
    expect(verdictOf({ difference: 0.1, ciLow: 0.02, ciHigh: 0.18 }, true)).toBe('suppressed');
  });
});
