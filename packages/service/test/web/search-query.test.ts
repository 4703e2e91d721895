import { describe, expect, it } from 'vitest';
import { searchQuery } from '../../src/web/static/api.js';
import { DEFAULT_STATE } from '../../src/web/static/url-state.js';

describe('the GET /v1/offers query of a page state', () => {
  it('sends minimum percentages as shares and sorts measures best first', () => {
    const params = searchQuery(
      {
        ...DEFAULT_STATE,
        targetGroup: 'kh_match2',
        minEffect3m: 30,
        minSatisfaction: 62.5,
        sort: 'effect7m.adjusted',
      },
      20,
    );
    expect(Object.fromEntries(params)).toEqual({
      targetGroup: 'kh_match2',
      minEffect3m: '0.3',
      minSatisfaction: '0.625',
      sort: '-effect7m.adjusted',
      limit: '20',
    });
  });

  it('sends the minimums of defined measures as one `min` list of shares', () => {
    const params = searchQuery(
      {
        ...DEFAULT_STATE,
        minMeasures: [
          { key: 'effect12m', percent: 30 },
          { key: 'effect20m', percent: 12.5 },
        ],
      },
      20,
    );
    expect(params.get('min')).toBe('effect12m:0.3,effect20m:0.125');
    expect(searchQuery(DEFAULT_STATE, 20).has('min')).toBe(false);
  });

  it('sorts price and cost per outcome cheapest first and names A–Z', () => {
    expect(searchQuery({ ...DEFAULT_STATE, sort: 'price' }, 20).get('sort')).toBe('price');
    expect(searchQuery({ ...DEFAULT_STATE, sort: 'costPerOutcome' }, 20).get('sort')).toBe('costPerOutcome');
    expect(searchQuery({ ...DEFAULT_STATE, sort: 'name' }, 20).get('sort')).toBe('name');
  });

  it('sends paging and leaves out filters that are not set', () => {
    const params = searchQuery(
      { ...DEFAULT_STATE, offset: 40, accessible: true, maxPrice: 20000, minHours: 20, maxWeeks: 8 },
      20,
    );
    expect(Object.fromEntries(params)).toEqual({
      accessible: 'true',
      maxPrice: '20000',
      minHours: '20',
      maxWeeks: '8',
      sort: '-effect3m',
      limit: '20',
      offset: '40',
    });
  });
});
