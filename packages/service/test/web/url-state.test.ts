import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STATE,
  hasCriteria,
  MAX_COMPARE,
  measureKeys,
  parseState,
  serializeState,
  SORT_KEYS,
  sortKeysFor,
  stateFromForm,
  toggleColumn,
  toggleSelection,
  withKnownMeasures,
} from '../../src/web/static/url-state.js';

describe('the URL holds the page state', () => {
  it('round-trips a full search so a bookmarked link shows the same search', () => {
    const state = {
      ...DEFAULT_STATE,
      lang: 'en' as const,
      entry: 'industry' as const,
      industry: 'transport',
      targetGroup: 'kh_match2',
      package: 'jobpakke',
      provider: 'P-03',
      providerKind: 'external',
      q: 'truckcertifikat & lager',
      maxPrice: 25000,
      minEffect3m: 30,
      minEffect7m: 40,
      minSatisfaction: 60,
      minCompanyShare: 20,
      minHours: 15,
      maxHours: 30,
      minWeeks: 4,
      maxWeeks: 12,
      accessible: true,
      sort: 'effect7m.adjusted' as const,
      offset: 40,
      ids: ['T-1', 'T-2'],
    };
    expect(parseState(`?${serializeState(state)}`)).toEqual(state);
  });

  it('writes nothing for the defaults, so the plain page has a plain URL', () => {
    expect(serializeState(DEFAULT_STATE)).toBe('');
    expect(parseState('')).toEqual(DEFAULT_STATE);
  });

  it('drops values a hand-edited link cannot mean instead of failing', () => {
    const state = parseState(
      '?lang=fr&view=admin&min3m=150&maxPrice=abc&sort=dropTable&offset=-3&accessible=yes',
    );
    expect(state.lang).toBe('da');
    expect(state.view).toBe('search');
    expect(state.minEffect3m).toBeNull();
    expect(state.maxPrice).toBeNull();
    // A key shaped like a measure's waits for the API's measures, which do not know it.
    expect(state.sort).toBe('dropTable');
    expect(withKnownMeasures(state, []).sort).toBe('effect3m');
    expect(parseState('?sort=drop;table').sort).toBe('effect3m');
    expect(state.offset).toBe(0);
    expect(state.accessible).toBe(false);
  });

  it('reads a Danish decimal comma in numbers', () => {
    expect(parseState('?min3m=12,5').minEffect3m).toBe(12.5);
  });

  it('keeps at most six distinct offers for comparison, in the order chosen', () => {
    const state = parseState('?ids=a,b,a,c,d,e,f,g');
    expect(state.ids).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(state.ids).toHaveLength(MAX_COMPARE);
  });

  it('falls back to the search when an offer profile link lacks the offer', () => {
    expect(parseState('?view=offer').view).toBe('search');
    expect(parseState('?view=offer&offer=T-9').view).toBe('offer');
  });
});

describe('picking offers for comparison', () => {
  it('adds and removes offers and never holds more than six', () => {
    let state = { ...DEFAULT_STATE, ids: [] as string[] };
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) state = toggleSelection(state, id, true);
    expect(state.ids).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    state = toggleSelection(state, 'c', false);
    expect(state.ids).toEqual(['a', 'b', 'd', 'e', 'f']);
  });
});

describe('submitting the search form', () => {
  it('replaces the filters, starts from the first page and keeps language and selection', () => {
    const before = {
      ...DEFAULT_STATE,
      lang: 'en' as const,
      offset: 60,
      ids: ['x', 'y'],
      q: 'old',
      package: 'mentorpakke',
    };
    const after = stateFromForm(before, [
      ['entry', 'targetGroup'],
      ['targetGroup', 'kh_match2'],
      ['q', ''],
      ['sort', 'price'],
      ['minEffect3m', '25'],
      ['package', ''],
      ['accessible', 'true'],
    ]);
    expect(after).toMatchObject({
      lang: 'en',
      ids: ['x', 'y'],
      offset: 0,
      targetGroup: 'kh_match2',
      q: '',
      package: '',
      sort: 'price',
      minEffect3m: 25,
      accessible: true,
      view: 'search',
    });
  });
});

describe('when the page lists offers', () => {
  it('waits for an entry point or another filter before searching', () => {
    expect(hasCriteria(DEFAULT_STATE)).toBe(false);
    expect(hasCriteria({ ...DEFAULT_STATE, sort: 'price', lang: 'en', ids: ['a', 'b'] })).toBe(false);
    expect(hasCriteria({ ...DEFAULT_STATE, targetGroup: 'jobparat' })).toBe(true);
    expect(hasCriteria({ ...DEFAULT_STATE, industry: 'it' })).toBe(true);
    expect(hasCriteria({ ...DEFAULT_STATE, maxWeeks: 8 })).toBe(true);
    expect(hasCriteria({ ...DEFAULT_STATE, minEffect7m: 0 })).toBe(true);
  });
});

describe('the column choice of the results table lives in the URL', () => {
  it('leaves the default columns out of the URL and writes any other choice in table order', () => {
    expect(serializeState({ ...DEFAULT_STATE })).toBe('');
    const state = toggleColumn(toggleColumn({ ...DEFAULT_STATE }, 'closerShare', false), 'status1m', true);
    expect(state.columns).toEqual([
      'effect3m',
      'effect7m',
      'status1m',
      'satisfiedShare',
      'companyShare',
      'adjusted',
    ]);
    const query = serializeState(state);
    expect(new URLSearchParams(query).get('cols')).toBe(
      'effect3m,effect7m,status1m,satisfiedShare,companyShare,adjusted',
    );
    expect(parseState(query).columns).toEqual(state.columns);
  });

  it('keeps an empty choice, and drops unknown columns from a hand-edited link', () => {
    let state = { ...DEFAULT_STATE };
    for (const column of DEFAULT_STATE.columns) state = toggleColumn(state, column, false);
    expect(state.columns).toEqual([]);
    expect(parseState(serializeState(state)).columns).toEqual([]);
    expect(parseState('?cols=price,companyShare,effect3m').columns).toEqual(['effect3m', 'companyShare']);
    expect(parseState('?cols=no;sense').columns).toEqual(DEFAULT_STATE.columns);
    expect(withKnownMeasures(parseState('?cols=nonsense'), []).columns).toEqual(DEFAULT_STATE.columns);
    expect(withKnownMeasures(parseState('?cols=nonsense,effect7m'), []).columns).toEqual(['effect7m']);
  });

  it('takes a measure the municipality defined as a column and a sort key, once the API lists it', () => {
    const state = toggleColumn(parseState('?sort=effect12m.adjusted'), 'effect12m', true);
    expect(state.columns).toEqual([...DEFAULT_STATE.columns, 'effect12m']);
    const query = serializeState(state);
    expect(new URLSearchParams(query).get('cols')).toBe(
      'effect3m,effect7m,satisfiedShare,closerShare,companyShare,adjusted,effect12m',
    );
    expect(new URLSearchParams(query).get('sort')).toBe('effect12m.adjusted');
    const known = withKnownMeasures(parseState(query), ['effect12m']);
    expect(known).toEqual(parseState(query));
    // Deleted since the link was made: its column and its sort go.
    const gone = withKnownMeasures(parseState(query), []);
    expect(gone.columns).toEqual(DEFAULT_STATE.columns);
    expect(gone.sort).toBe('effect3m');
    expect(toggleColumn(state, 'effect12m', false).columns).toEqual(DEFAULT_STATE.columns);
  });

  it('lists a defined measure beside the built-in outcome measures, raw and adjusted', () => {
    expect(measureKeys(['effect12m'])).toEqual([
      'effect3m',
      'effect7m',
      'status1m',
      'status3m',
      'effect12m',
      'satisfiedShare',
      'closerShare',
      'companyShare',
    ]);
    expect(sortKeysFor(['effect12m'])).toEqual(
      expect.arrayContaining(['effect12m', 'effect12m.adjusted', 'price', 'name']),
    );
    expect(sortKeysFor(['effect12m']).indexOf('effect12m')).toBe(sortKeysFor([]).indexOf('satisfiedShare'));
    expect(sortKeysFor([])).toEqual(SORT_KEYS);
  });

  it('keeps the columns through a new search', () => {
    const state = {
      ...DEFAULT_STATE,
      columns: toggleColumn({ ...DEFAULT_STATE }, 'adjusted', false).columns,
    };
    expect(stateFromForm(state, [['targetGroup', 'jobparat']]).columns).toEqual(state.columns);
  });
});
