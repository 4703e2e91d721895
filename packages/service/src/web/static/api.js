/* global sessionStorage -- a browser global the shared config does not list */
/**
 * The page's only way to the service: the documented `/v1` read endpoints. Failures become an
 * `ApiError` carrying the problem+json `title` and `detail`, so the page can say what went
 * wrong; a network failure has status 0.
 *
 * @example
 *   const result = await getJson('/v1/offers', searchQuery(state, 20));
 */

/** @typedef {import('./url-state.js').AppState} AppState */

export class ApiError extends Error {
  /**
   * @param {number} status HTTP status, 0 when the service could not be reached
   * @param {string} title
   * @param {string} detail
   * @param {string} [code] the problem's code, the last part of its stable `type` URI
   */
  constructor(status, title, detail, code = '') {
    super(detail || title);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.code = code;
  }
}

const PROBLEM_BASE = 'https://evg.kk.dk/problems/';

const KEY_STORAGE = 'evg.apiKey';

/**
 * The API key the caseworker entered in this tab ('' = none). Kept in sessionStorage: it
 * survives a reload but not the tab, and is never put in the URL.
 *
 * @returns {string}
 */
export function storedApiKey() {
  try {
    return sessionStorage.getItem(KEY_STORAGE) ?? '';
  } catch {
    // Storage can be switched off; the page then asks again after each reload.
    return '';
  }
}

/** @param {string} key the key as entered; '' forgets it */
export function storeApiKey(key) {
  try {
    if (key) sessionStorage.setItem(KEY_STORAGE, key);
    else sessionStorage.removeItem(KEY_STORAGE);
  } catch {
    // See storedApiKey.
  }
}

/**
 * GET a JSON document. Query parameters with empty values are left out.
 *
 * @param {string} path e.g. '/v1/offers'
 * @param {URLSearchParams} [params]
 * @param {AbortSignal} [signal]
 * @returns {Promise<any>}
 */
export async function getJson(path, params, signal) {
  const query = params && [...params].length > 0 ? `?${params.toString()}` : '';
  /** @type {Response} */
  let response;
  try {
    const key = storedApiKey();
    /** @type {Record<string, string>} */
    const headers = { Accept: 'application/json' };
    if (key) headers.Authorization = `Bearer ${key}`;
    response = await fetch(path + query, { headers, signal });
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') throw error;
    throw new ApiError(0, '', '');
  }
  if (!response.ok) {
    let title = response.statusText;
    let detail = '';
    let code = '';
    try {
      const problem = await response.json();
      if (typeof problem?.title === 'string') title = problem.title;
      if (typeof problem?.detail === 'string') detail = problem.detail;
      if (typeof problem?.type === 'string' && problem.type.startsWith(PROBLEM_BASE))
        code = problem.type.slice(PROBLEM_BASE.length);
    } catch {
      // Not problem+json (a proxy error page, say): the status line is all we have.
    }
    throw new ApiError(response.status, title, detail, code);
  }
  return response.json();
}

/** Percent as typed (0–100) to the share the API filters on (0–1). */
/** @param {number} percent */
const share = (percent) => String(Math.round(percent * 100) / 10000);

/**
 * The `GET /v1/offers` query for a page state: filters, sort (measures best first, price
 * and cost cheapest first, name A–Z) and paging.
 *
 * @param {AppState} state
 * @param {number} limit page size
 * @returns {URLSearchParams}
 */
export function searchQuery(state, limit) {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.targetGroup) params.set('targetGroup', state.targetGroup);
  if (state.industry) params.set('industry', state.industry);
  if (state.package) params.set('package', state.package);
  if (state.provider) params.set('provider', state.provider);
  if (state.providerKind) params.set('providerKind', state.providerKind);
  if (state.maxPrice !== null) params.set('maxPrice', String(state.maxPrice));
  if (state.minEffect3m !== null) params.set('minEffect3m', share(state.minEffect3m));
  if (state.minEffect7m !== null) params.set('minEffect7m', share(state.minEffect7m));
  if (state.minSatisfaction !== null) params.set('minSatisfaction', share(state.minSatisfaction));
  if (state.minCompanyShare !== null) params.set('minCompanyShare', share(state.minCompanyShare));
  // Defined measures through the generic list: a `min<Key>` parameter exists only for the
  // measures the service knew when it started, the list for every one of its data version.
  const minimums = state.minMeasures.map(({ key, percent }) => `${key}:${share(percent)}`);
  if (minimums.length > 0) params.set('min', minimums.join(','));
  if (state.accessible) params.set('accessible', 'true');
  if (state.period) params.set('period', state.period);
  for (const field of /** @type {const} */ (['minHours', 'maxHours', 'minWeeks', 'maxWeeks'])) {
    const value = state[field];
    if (value !== null) params.set(field, String(value));
  }
  const ascending = state.sort === 'name' || state.sort === 'price' || state.sort === 'costPerOutcome';
  params.set('sort', ascending ? state.sort : `-${state.sort}`);
  params.set('limit', String(limit));
  if (state.offset > 0) params.set('offset', String(state.offset));
  return params;
}
