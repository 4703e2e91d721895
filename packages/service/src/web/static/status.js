/**
 * Loading and error states of every part of the page that waits for the API. An error says
 * what went wrong (the problem+json title and detail, or that the service did not answer)
 * and offers a retry button. The title of a known problem `type` is the page's own, in the
 * page's language; the detail is the API's, which is Danish (marked so in English).
 *
 * @example
 *   region.innerHTML = errorBox(error, 'da', 'retry-results').toString();
 */
import { html } from './html.js';
import { hasText, t } from './i18n.js';
import { ApiError, storedApiKey } from './api.js';

/** @typedef {import('./i18n.js').Lang} Lang */

/** @param {Lang} lang */
export function loadingBox(lang) {
  return html`<p class="loading" role="status">
    <span class="spinner" aria-hidden="true"></span>${t(lang, 'state.loading')}
  </p>`;
}

/**
 * @param {unknown} error
 * @param {Lang} lang
 * @param {string} retryId id of the retry button, so the page can wire and focus it
 */
export function errorBox(error, lang, retryId) {
  const api = error instanceof ApiError ? error : null;
  const reachable = api !== null && api.status > 0;
  const known = reachable && api.code !== '' && hasText(lang, `problem.${api.code}`);
  const title = known
    ? t(lang, `problem.${api.code}`)
    : reachable && api.title
      ? api.title
      : t(lang, 'state.error');
  const detail = reachable ? api.detail : t(lang, 'state.errorNetwork');
  const detailLang = reachable && lang !== 'da' ? html` lang="da"` : '';
  return html`<div class="error" role="alert">
    <p class="error-title">
      <strong>${title}</strong
      >${reachable ? html` <span class="status">(${t(lang, 'state.status', { status: api.status })})</span>` : ''}
    </p>
    ${detail ? html`<p class="error-detail" ${detailLang}>${detail}</p>` : ''}
    <button type="button" class="retry" id="${retryId}">${t(lang, 'state.retry')}</button>
  </div>`;
}

/** Whether an error means the read endpoints want an API key (EVG_READ_REQUIRES_KEY). */
/** @param {unknown} error */
export function needsApiKey(error) {
  return error instanceof ApiError && error.status === 401;
}

/**
 * The form asking for an API key when the service answers 401, saying so when the key the tab
 * already sent was rejected.
 *
 * @param {Lang} lang
 */
export function apiKeyForm(lang) {
  const rejected = storedApiKey() !== '';
  return html`<form id="key-form" class="panel key-form" aria-labelledby="key-title">
    <h2 id="key-title">${t(lang, 'key.title')}</h2>
    <p id="key-intro">${t(lang, 'key.intro')}</p>
    ${rejected ? html`<p class="error" role="alert">${t(lang, 'key.rejected')}</p>` : ''}
    <div class="field">
      <label for="api-key">${t(lang, 'key.label')}</label>
      <input
        id="api-key"
        name="apiKey"
        type="password"
        autocomplete="off"
        required
        aria-describedby="key-intro"
        data-focus-landing
      />
    </div>
    <div class="actions"><button type="submit" class="primary">${t(lang, 'key.submit')}</button></div>
  </form>`;
}
