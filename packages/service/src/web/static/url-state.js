/**
 * The page's whole state lives in the URL query string, so a search, a comparison or an offer
 * profile can be bookmarked and shared. `parseState` accepts anything (a hand-edited or old
 * link) and drops what it cannot use; `serializeState` writes only what differs from the
 * defaults, so links stay short.
 *
 * @example
 *   parseState('?tg=kh_match2&sort=effect7m').targetGroup // 'kh_match2'
 *   serializeState({ ...DEFAULT_STATE, lang: 'en' })        // 'lang=en'
 */

import { isMeasureKey } from './measures.js';

/** @typedef {import('./i18n.js').Lang} Lang */

/**
 * @typedef {object} AppState
 * @property {Lang} lang
 * @property {'search' | 'compare' | 'offer'} view
 * @property {'targetGroup' | 'industry'} entry which entry point the caseworker started from
 * @property {string} targetGroup code, '' = any
 * @property {string} industry code, '' = any
 * @property {string} package code, '' = any
 * @property {string} provider provider id, '' = any
 * @property {string} providerKind '' = any
 * @property {string} q free text
 * @property {number | null} maxPrice DKK
 * @property {number | null} minEffect3m percent 0..100, as typed by the caseworker
 * @property {number | null} minEffect7m percent 0..100
 * @property {number | null} minSatisfaction percent 0..100
 * @property {number | null} minCompanyShare percent 0..100
 * @property {MeasureMinimum[]} minMeasures minimum rates of the measures a municipality defined
 * @property {number | null} minHours hours per week, inclusive
 * @property {number | null} maxHours
 * @property {number | null} minWeeks duration in weeks, inclusive
 * @property {number | null} maxWeeks
 * @property {boolean} accessible
 * @property {string} period a half-year such as '2025H1', '' = all time
 * @property {SortKey} sort
 * @property {number} offset paging offset of the results table
 * @property {string[]} ids offers selected for comparison, 0..6, in the order chosen
 * @property {string} offer the offer whose profile is shown (view 'offer')
 * @property {ResultColumn[]} columns measure columns the results table shows, in table order
 */

/**
 * @typedef {object} MeasureMinimum the minimum rate a caseworker asked of a defined measure
 * @property {string} key the measure's key, e.g. 'effect12m'
 * @property {number} percent 0..100, as typed
 */

/**
 * Built-in measures the table can be sorted by (highest first), raw and case-mix adjusted; the
 * measures a municipality defined come after the built-in outcome measures (`measureKeys`).
 */
export const SORT_MEASURES = /** @type {const} */ ([
  'effect3m',
  'effect7m',
  'status1m',
  'status3m',
  'satisfiedShare',
  'closerShare',
  'companyShare',
]);

/** Outcome measures that have a case-mix adjusted rate. */
export const ADJUSTABLE_MEASURES = /** @type {const} */ (['effect3m', 'effect7m', 'status1m', 'status3m']);

/**
 * A built-in sort key (`SORT_KEYS`), or a defined measure's key, raw or with `.adjusted`.
 *
 * @typedef {string} SortKey
 */

/**
 * What the column chooser offers for the built-in measures: each measure, and `adjusted` for
 * the case-mix adjusted rate under each outcome measure's figure; defined measures' keys add
 * to these.
 */
export const RESULT_COLUMNS = /** @type {const} */ ([...SORT_MEASURES, 'adjusted']);

/** A key of `RESULT_COLUMNS` or a defined measure's key. @typedef {string} ResultColumn */

/**
 * The columns a caseworker sees first: the effects (with their adjusted rates) and the users'
 * ratings; the 1- and 3-month status are one click away. Fits a 1366 px laptop.
 *
 * @type {readonly ResultColumn[]}
 */
export const DEFAULT_COLUMNS = Object.freeze([
  'effect3m',
  'effect7m',
  'satisfiedShare',
  'closerShare',
  'companyShare',
  'adjusted',
]);

/** @type {readonly SortKey[]} */
export const SORT_KEYS = sortKeysFor([]);

export const MAX_COMPARE = 6;

/** Sort keys and fields that are no measure, whatever a link says. */
const FIXED = ['price', 'costPerOutcome', 'name', 'adjusted'];

/** At most this many defined measures in a link: more is not a link the page wrote. */
const MAX_CUSTOM = 20;

/**
 * Every measure in table order: the built-in outcome measures, then those the municipality
 * defined (a 12-month effect sits beside the 7-month one), then the survey shares.
 *
 * @param {readonly string[]} customKeys the defined measures' keys, in the API's order
 * @returns {string[]}
 */
export function measureKeys(customKeys) {
  const outcomes = /** @type {readonly string[]} */ (ADJUSTABLE_MEASURES);
  return [
    ...outcomes,
    ...customKeys.filter((key) => !(/** @type {readonly string[]} */ (SORT_MEASURES).includes(key))),
    ...SORT_MEASURES.filter((key) => !outcomes.includes(key)),
  ];
}

/**
 * The sort options in the order the form lists them: each measure (outcome measures also
 * adjusted), then price, cost per outcome and name.
 *
 * @param {readonly string[]} customKeys
 * @returns {SortKey[]}
 */
export function sortKeysFor(customKeys) {
  const adjustable = [...ADJUSTABLE_MEASURES, ...customKeys];
  return [
    ...measureKeys(customKeys).flatMap((m) => (adjustable.includes(m) ? [m, `${m}.adjusted`] : [m])),
    'price',
    'costPerOutcome',
    'name',
  ];
}

/**
 * Whether a sort key could be one of a defined measure (the page checks it against the API's
 * measures once they are loaded, `withKnownMeasures`).
 *
 * @param {string} key
 */
function isCustomSortKey(key) {
  return isMeasureKey(key.replace(/\.adjusted$/, ''));
}

/** @type {Readonly<AppState>} */
export const DEFAULT_STATE = Object.freeze({
  lang: 'da',
  view: 'search',
  entry: 'targetGroup',
  targetGroup: '',
  industry: '',
  package: '',
  provider: '',
  providerKind: '',
  q: '',
  maxPrice: null,
  minEffect3m: null,
  minEffect7m: null,
  minSatisfaction: null,
  minCompanyShare: null,
  minMeasures: [],
  minHours: null,
  maxHours: null,
  minWeeks: null,
  maxWeeks: null,
  accessible: false,
  period: '',
  sort: 'effect3m',
  offset: 0,
  ids: [],
  offer: '',
  columns: [...DEFAULT_COLUMNS],
});

/** URL parameter name of each state field (short names keep shared links readable). */
const PARAM = /** @type {const} */ ({
  lang: 'lang',
  view: 'view',
  entry: 'entry',
  targetGroup: 'tg',
  industry: 'industry',
  package: 'package',
  provider: 'provider',
  providerKind: 'kind',
  q: 'q',
  maxPrice: 'maxPrice',
  minEffect3m: 'min3m',
  minEffect7m: 'min7m',
  minSatisfaction: 'minSat',
  minCompanyShare: 'minCompany',
  minMeasures: 'min',
  minHours: 'minHours',
  maxHours: 'maxHours',
  minWeeks: 'minWeeks',
  maxWeeks: 'maxWeeks',
  accessible: 'accessible',
  period: 'period',
  sort: 'sort',
  offset: 'offset',
  ids: 'ids',
  offer: 'offer',
  columns: 'cols',
});

const PERCENT_FIELDS = /** @type {const} */ ([
  'minEffect3m',
  'minEffect7m',
  'minSatisfaction',
  'minCompanyShare',
]);
/** Hours per week and duration bounds, with the ranges the search API accepts. */
const RANGE_FIELDS = /** @type {const} */ ([
  ['minHours', 100],
  ['maxHours', 100],
  ['minWeeks', 200],
  ['maxWeeks', 200],
]);
const TEXT_FIELDS = /** @type {const} */ ([
  'targetGroup',
  'industry',
  'package',
  'provider',
  'providerKind',
  'q',
  'offer',
]);

/**
 * A number from a URL or form value, or null when it is empty or not a number in [min, max].
 *
 * @param {string | null} raw
 * @param {number} min
 * @param {number} max
 * @returns {number | null}
 */
export function parseBoundedNumber(raw, min, max) {
  if (raw === null || raw.trim() === '') return null;
  const value = Number(raw.trim().replace(',', '.'));
  if (!Number.isFinite(value) || value < min || value > max) return null;
  return value;
}

/**
 * @param {string | URLSearchParams} search `location.search` or its parsed form
 * @returns {AppState}
 */
export function parseState(search) {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  /** @type {AppState} */
  const state = { ...DEFAULT_STATE, ids: [], columns: [...DEFAULT_COLUMNS], minMeasures: [] };

  const lang = params.get(PARAM.lang);
  if (lang === 'da' || lang === 'en') state.lang = lang;
  const view = params.get(PARAM.view);
  if (view === 'search' || view === 'compare' || view === 'offer') state.view = view;
  const entry = params.get(PARAM.entry);
  if (entry === 'targetGroup' || entry === 'industry') state.entry = entry;

  for (const field of TEXT_FIELDS) {
    // Code lists and ids are short; anything longer is not a value we could have written.
    const value = (params.get(PARAM[field]) ?? '').trim().slice(0, 200);
    state[field] = value;
  }
  state.maxPrice = parseBoundedNumber(params.get(PARAM.maxPrice), 0, 10_000_000);
  for (const field of PERCENT_FIELDS) state[field] = parseBoundedNumber(params.get(PARAM[field]), 0, 100);
  state.minMeasures = parseMinimums(params.get(PARAM.minMeasures));
  for (const [field, max] of RANGE_FIELDS)
    state[field] = parseBoundedNumber(params.get(PARAM[field]), 0, max);
  state.accessible = params.get(PARAM.accessible) === 'true';
  // Only half-years are offered; anything else would be a link we never wrote.
  const period = (params.get(PARAM.period) ?? '').trim();
  state.period = /^\d{4}H[12]$/.test(period) ? period : '';

  const sort = params.get(PARAM.sort);
  if (sort !== null && (SORT_KEYS.includes(sort) || isCustomSortKey(sort))) state.sort = sort;
  const offset = parseBoundedNumber(params.get(PARAM.offset), 0, 1_000_000);
  state.offset = offset === null ? 0 : Math.floor(offset);

  const ids = (params.get(PARAM.ids) ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  state.ids = [...new Set(ids)].slice(0, MAX_COMPARE);
  state.columns = parseColumns(params.get(PARAM.columns));

  // A view that lacks what it needs falls back to the search rather than showing an empty page.
  if (state.view === 'offer' && state.offer === '') state.view = 'search';
  return state;
}

/**
 * The minimum rates of defined measures from a `min` value such as 'effect12m:30,effect20m:12.5'
 * (percent, as the form writes them). Entries that are garbled, out of range, repeat a key or
 * name a built-in measure (those have their own fields, `min3m`, …) are dropped.
 *
 * @param {string | null} raw
 * @returns {MeasureMinimum[]}
 */
export function parseMinimums(raw) {
  if (raw === null) return [];
  return cleanMinimums(raw.split(',').map(splitMinimum));
}

/**
 * One `key:percent` entry of a `min` value as its key and value; no value when it is garbled.
 *
 * @param {string} entry
 * @returns {[string, string | null]}
 */
function splitMinimum(entry) {
  const [key = '', value = null, ...rest] = entry.split(':');
  return [key.trim(), rest.length === 0 ? value : null];
}

/**
 * The usable minimums of key/value pairs (from a link or the form), in the order given.
 *
 * @param {[string, string | null][]} pairs
 * @returns {MeasureMinimum[]}
 */
function cleanMinimums(pairs) {
  const builtIn = /** @type {readonly string[]} */ (SORT_MEASURES);
  /** @type {MeasureMinimum[]} */
  const minimums = [];
  for (const [key, value] of pairs) {
    const percent = parseBoundedNumber(value, 0, 100);
    if (percent === null || !isMeasureKey(key) || builtIn.includes(key) || FIXED.includes(key)) continue;
    if (minimums.some((other) => other.key === key)) continue;
    minimums.push({ key, percent });
  }
  // More than the page could have written: the rest of the link is kept, the excess dropped.
  return minimums.slice(0, MAX_CUSTOM);
}

/**
 * The `min` value for minimums ('' for none, left out of the URL).
 *
 * @param {readonly MeasureMinimum[]} minimums
 * @returns {string}
 */
function serializeMinimums(minimums) {
  return minimums.map(({ key, percent }) => `${key}:${percent}`).join(',');
}

/** The value of `cols` when the caseworker unticked every column. */
const NO_COLUMNS = 'none';

/**
 * The chosen columns from a `cols` value, in table order; the defaults when absent or unusable.
 *
 * @param {string | null} raw
 * @returns {ResultColumn[]}
 */
export function parseColumns(raw) {
  if (raw === null) return [...DEFAULT_COLUMNS];
  if (raw.trim() === NO_COLUMNS) return [];
  const columns = orderColumns(raw.split(',').map((key) => key.trim()));
  return columns.length > 0 ? columns : [...DEFAULT_COLUMNS];
}

/**
 * Columns in the order links write them: the built-in ones in `RESULT_COLUMNS` order, then
 * defined measures' keys in the order given, each once.
 *
 * @param {readonly string[]} columns
 * @returns {ResultColumn[]}
 */
function orderColumns(columns) {
  const builtIn = /** @type {readonly string[]} */ (RESULT_COLUMNS);
  const custom = [
    ...new Set(columns.filter((key) => !builtIn.includes(key) && !FIXED.includes(key) && isMeasureKey(key))),
  ];
  return [...RESULT_COLUMNS.filter((key) => columns.includes(key)), ...custom.slice(0, MAX_CUSTOM)];
}

/**
 * The `cols` value for a choice of columns, or '' for the defaults (left out of the URL).
 *
 * @param {readonly ResultColumn[]} columns
 * @returns {string}
 */
function serializeColumns(columns) {
  const ordered = orderColumns(columns);
  if (ordered.join(',') === DEFAULT_COLUMNS.join(',')) return '';
  return ordered.length === 0 ? NO_COLUMNS : ordered.join(',');
}

/**
 * The query string (without '?') for a state; fields equal to their default are left out.
 *
 * @param {AppState} state
 * @returns {string}
 */
export function serializeState(state) {
  const params = new URLSearchParams();
  for (const [field, name] of Object.entries(PARAM)) {
    const key = /** @type {keyof AppState} */ (field);
    const value = state[key];
    const fallback = DEFAULT_STATE[key];
    if (key === 'columns') {
      const cols = serializeColumns(state.columns);
      if (cols) params.set(name, cols);
    } else if (key === 'minMeasures') {
      const min = serializeMinimums(state.minMeasures);
      if (min) params.set(name, min);
    } else if (Array.isArray(value)) {
      if (value.length > 0) params.set(name, value.join(','));
    } else if (value !== fallback && value !== null && value !== '') {
      params.set(name, String(value));
    }
  }
  return params.toString();
}

/**
 * The state after the caseworker picks or unpicks an offer for comparison (at most six).
 *
 * @param {AppState} state
 * @param {string} id
 * @param {boolean} selected
 * @returns {AppState}
 */
export function toggleSelection(state, id, selected) {
  const without = state.ids.filter((other) => other !== id);
  const ids = selected ? [...without, id].slice(0, MAX_COMPARE) : without;
  return { ...state, ids };
}

/**
 * The state after the caseworker ticks or unticks a column in the chooser.
 *
 * @param {AppState} state
 * @param {ResultColumn} column
 * @param {boolean} shown
 * @returns {AppState}
 */
export function toggleColumn(state, column, shown) {
  const without = state.columns.filter((other) => other !== column);
  return { ...state, columns: orderColumns(shown ? [...without, column] : without) };
}

/**
 * The state with what names a measure the data do not carry dropped (an old link, a measure
 * deleted since): such columns and minimums go, and such a sort falls back to the default.
 *
 * @param {AppState} state
 * @param {readonly string[]} customKeys the defined measures the API lists
 * @returns {AppState}
 */
export function withKnownMeasures(state, customKeys) {
  const builtIn = /** @type {readonly string[]} */ (RESULT_COLUMNS);
  const known = state.columns.filter((key) => builtIn.includes(key) || customKeys.includes(key));
  // A link whose every column is gone shows the defaults, as a link naming none it knows.
  const columns = known.length === 0 && state.columns.length > 0 ? [...DEFAULT_COLUMNS] : known;
  const sort = sortKeysFor(customKeys).includes(state.sort) ? state.sort : DEFAULT_STATE.sort;
  // The API would refuse a minimum of a measure its data version lacks.
  const minMeasures = state.minMeasures.filter(({ key }) => customKeys.includes(key));
  if (
    columns.length === state.columns.length &&
    sort === state.sort &&
    minMeasures.length === state.minMeasures.length
  )
    return state;
  return { ...state, columns, sort, minMeasures };
}

/**
 * Whether two states show the same search results (so the page can skip a refetch when only
 * the selection or language changed).
 *
 * @param {AppState} a
 * @param {AppState} b
 * @returns {boolean}
 */
export function sameSearch(a, b) {
  /** @type {(keyof AppState)[]} */
  const fields = [
    'targetGroup',
    'industry',
    'package',
    'provider',
    'providerKind',
    'q',
    'maxPrice',
    ...PERCENT_FIELDS,
    ...RANGE_FIELDS.map(([field]) => field),
    'accessible',
    'period',
    'sort',
    'offset',
  ];
  return (
    fields.every((field) => a[field] === b[field]) &&
    minimumsKey(a.minMeasures) === minimumsKey(b.minMeasures)
  );
}

/**
 * Minimums in a form that compares equal for the same filter, whatever order a link gave them.
 *
 * @param {readonly MeasureMinimum[]} minimums
 * @returns {string}
 */
function minimumsKey(minimums) {
  return serializeMinimums([...minimums].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0)));
}

/**
 * Name prefix of the form's minimum fields of defined measures: `min.effect12m`. A prefix, not
 * a list, because each measure has a field of its own.
 */
export const MIN_FIELD_PREFIX = 'min.';

/**
 * The state after the search form is submitted: the form's fields replace the filters, paging
 * starts over, the selection and language are kept.
 *
 * @param {AppState} state
 * @param {Iterable<[string, FormDataEntryValue]>} entries `new FormData(form)`
 * @returns {AppState}
 */
export function stateFromForm(state, entries) {
  const params = new URLSearchParams();
  /** @type {[string, string][]} */
  const minimums = [];
  for (const [name, value] of entries) {
    if (typeof value !== 'string') continue;
    if (name.startsWith(MIN_FIELD_PREFIX)) minimums.push([name.slice(MIN_FIELD_PREFIX.length), value]);
    const field = /** @type {keyof typeof PARAM | undefined} */ (
      Object.keys(PARAM).find((key) => key === name)
    );
    if (field) params.set(PARAM[field], value);
  }
  const fromForm = parseState(params);
  return {
    ...fromForm,
    minMeasures: cleanMinimums(minimums),
    lang: state.lang,
    ids: state.ids,
    columns: state.columns,
    view: 'search',
    offer: '',
    offset: 0,
  };
}

/**
 * Whether the state asks for any offers at all: an entry point or any other filter chosen.
 * Until then the page invites the caseworker to pick a target group or an industry.
 *
 * @param {AppState} state
 * @returns {boolean}
 */
export function hasCriteria(state) {
  return (
    [state.targetGroup, state.industry, state.q, state.package, state.provider, state.providerKind].some(
      (value) => value !== '',
    ) ||
    [
      state.maxPrice,
      ...PERCENT_FIELDS.map((field) => state[field]),
      ...RANGE_FIELDS.map(([field]) => state[field]),
    ].some((value) => value !== null) ||
    state.minMeasures.length > 0 ||
    state.accessible
  );
}
