import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STATE,
  hasCriteria,
  MAX_COMPARE,
  measureKeys,
  MIN_FIELD_PREFIX,
  parseState,
  sameSearch,
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
      minMeasures: [
        { key: 'effect12m', percent: 30 },
        { key: 'effect20m', percent: 12.5 },
      ],
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

describe('minimums of the measures a municipality defined live in one URL parameter', () => {
  it('writes them as percent, as typed, and only when there are any', () => {
    const state = {
      ...DEFAULT_STATE,
      minMeasures: [
        { key: 'effect12m', percent: 30 },
        { key: 'effect20m', percent: 10 },
      ],
    };
    expect(new URLSearchParams(serializeState(state)).get('min')).toBe('effect12m:30,effect20m:10');
    expect(serializeState({ ...DEFAULT_STATE, minMeasures: [] })).toBe('');
    expect(parseState('?min=').minMeasures).toEqual([]);
  });

  it('drops garbled, out-of-range, repeated and built-in entries of a hand-edited link', () => {
    const state = parseState(
      '?min=effect12m:30,nonsense,effect3m:20,effect20m:150,effect24m:abc,effect12m:40,' +
        'a:1:2,drop;table:5,satisfiedShare:50,price:10, effect6m : 12,5',
    );
    // '12,5' splits into 'effect6m : 12' and '5': the list separator wins over a decimal comma.
    expect(state.minMeasures).toEqual([
      { key: 'effect12m', percent: 30 },
      { key: 'effect6m', percent: 12 },
    ]);
    expect(parseState('?min=effect12m:-1,effect20m:0').minMeasures).toEqual([
      { key: 'effect20m', percent: 0 },
    ]);
  });

  it('keeps at most 20, as it does defined columns', () => {
    const many = Array.from({ length: 25 }, (_, i) => `m${i}:${i}`).join(',');
    const minimums = parseState(`?min=${many}`).minMeasures;
    expect(minimums).toHaveLength(20);
    expect(minimums[19]).toEqual({ key: 'm19', percent: 19 });
  });

  it('drops a minimum of a measure the data do not carry, once the API lists its measures', () => {
    const state = parseState('?tg=jobparat&min=effect12m:30,effect20m:10');
    expect(withKnownMeasures(state, ['effect12m', 'effect20m'])).toBe(state);
    expect(withKnownMeasures(state, ['effect12m']).minMeasures).toEqual([{ key: 'effect12m', percent: 30 }]);
    expect(withKnownMeasures(state, []).minMeasures).toEqual([]);
  });

  it('counts as a filter and as a different search, whatever order a link names them in', () => {
    const state = parseState('?min=effect12m:30,effect20m:10');
    expect(hasCriteria(state)).toBe(true);
    expect(sameSearch(state, parseState('?min=effect20m:10,effect12m:30'))).toBe(true);
    expect(sameSearch(state, parseState('?min=effect12m:31,effect20m:10'))).toBe(false);
    expect(sameSearch(state, parseState('?min=effect12m:30'))).toBe(false);
    expect(sameSearch(DEFAULT_STATE, parseState('?min=effect12m:30'))).toBe(false);
  });

  it('reads the form field of each defined measure, skipping empty ones', () => {
    const after = stateFromForm({ ...DEFAULT_STATE, minMeasures: [{ key: 'effect24m', percent: 5 }] }, [
      ['targetGroup', 'jobparat'],
      [`${MIN_FIELD_PREFIX}effect12m`, '30'],
      [`${MIN_FIELD_PREFIX}effect20m`, ''],
      [`${MIN_FIELD_PREFIX}effect24m`, '12,5'],
      [`${MIN_FIELD_PREFIX}effect30m`, '101'],
    ]);
    expect(after.minMeasures).toEqual([
      { key: 'effect12m', percent: 30 },
      { key: 'effect24m', percent: 12.5 },
    ]);
    expect(stateFromForm(after, [['targetGroup', 'jobparat']]).minMeasures).toEqual([]);
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
