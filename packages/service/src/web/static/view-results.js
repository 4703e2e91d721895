/**
 * The results table: one row per offer with provider, package, price, the 3- and 7-month
 * effects as bars with their 95% intervals, the case-mix adjusted effects beside them,
 * satisfaction, closeness to a job and company share, each with the number of citizens behind
 * it. Checkboxes pick offers for the comparison.
 *
 * @example
 *   resultsSection({ result, state, lists, lang: 'da', minCellSize: 5, pageSize: 20, hrefFor })
 */
import { attr, html } from './html.js';
import { t } from './i18n.js';
import { formatNumber, formatPrice } from './format.js';
import { rateFigure } from './cells.js';
import { packageLabel } from './view-search.js';
import { MAX_COMPARE } from './url-state.js';

/** @typedef {import('./i18n.js').Lang} Lang */
/** @typedef {import('./url-state.js').AppState} AppState */
/** @typedef {import('./model.js').SearchResult} SearchResult */
/** @typedef {import('./view-search.js').CodeLists} CodeLists */

/**
 * The measure columns, in order: [measure key, adjusted?, draw a bar?].
 * @type {readonly [string, boolean, boolean][]}
 */
const MEASURE_COLUMNS = [
  ['effect3m', false, true],
  ['effect3m', true, false],
  ['effect7m', false, true],
  ['effect7m', true, false],
  ['satisfiedShare', false, false],
  ['closerShare', false, false],
  ['companyShare', false, false],
];

/**
 * @param {string} measure
 * @param {boolean} adjusted
 * @param {Lang} lang
 */
function columnTitle(measure, adjusted, lang) {
  const name = t(lang, `measure.${measure}`);
  return adjusted
    ? html`${name}, <abbr title="${t(lang, 'measure.adjustedLong')}">${t(lang, 'measure.adjusted')}</abbr>`
    : html`${name}`;
}

/**
 * @param {AppState} state
 * @param {string} measure
 * @param {boolean} adjusted
 * @returns {'descending' | undefined}
 */
function ariaSort(state, measure, adjusted) {
  return state.sort === (adjusted ? `${measure}.adjusted` : measure) ? 'descending' : undefined;
}

/**
 * The selection bar above the table: how many offers are picked and the compare button.
 *
 * @param {AppState} state
 * @param {Lang} lang
 * @param {string} compareHref
 */
export function selectionBar(state, lang, compareHref) {
  const count = state.ids.length;
  const ready = count >= 2 && count <= MAX_COMPARE;
  return html`<div class="selection-bar" id="selection-bar">
    ${
      ready
        ? html`<a class="button primary" id="compare-link" href="${compareHref}" data-nav
            >${t(lang, 'results.compare', { count })}</a
          >`
        : html`<span class="hint" id="compare-hint">${t(lang, 'results.compareHint')}</span>`
    }
    ${count > 0 ? html`<button type="button" id="clear-selection">${t(lang, 'results.clearSelection')}</button>` : ''}
  </div>`;
}

/**
 * @param {object} options
 * @param {SearchResult} options.result
 * @param {AppState} options.state
 * @param {CodeLists} options.lists
 * @param {Lang} options.lang
 * @param {number} options.minCellSize
 * @param {number} options.pageSize
 * @param {(patch: Partial<AppState>) => string} options.hrefFor link to the page in another state
 */
export function resultsTable({ result, state, lists, lang, minCellSize, pageSize, hrefFor }) {
  const { items, total } = result;
  const countText =
    total === 1
      ? t(lang, 'results.countOne')
      : t(lang, 'results.count', { count: formatNumber(total, lang) });
  if (items.length === 0) {
    return html`<p class="result-count" id="result-count" tabindex="-1" data-focus-landing>${countText}</p>
      <p>${t(lang, 'results.none')}</p>`;
  }
  const full = state.ids.length >= MAX_COMPARE;
  const rows = items.map((offer) => {
    const checked = state.ids.includes(offer.id);
    const priceSorted = state.sort === 'price';
    return html`<tr>
      <td class="select">
        <input
          type="checkbox"
          class="pick"
          id="pick-${offer.id}"
          data-offer="${offer.id}"
          ${attr('checked', checked)}${attr('disabled', full && !checked)}
          aria-label="${t(lang, 'results.selectOffer', { name: offer.name })}"
        />
      </td>
      <th scope="row" class="offer-name">
        <a href="${hrefFor({ view: 'offer', offer: offer.id })}" data-nav>${offer.name}</a>
      </th>
      <td class="small">${offer.providerName}</td>
      <td class="small">${packageLabel(offer.package, lists.packages, lang)}</td>
      <td class="num${priceSorted ? ' sorted' : ''}">
        ${offer.priceDkk === null ? t(lang, 'offer.unknown') : formatPrice(offer.priceDkk, lang)}
      </td>
      ${MEASURE_COLUMNS.map(
        ([measure, adjusted, bar]) =>
          html`<td
            class="measure${bar ? ' with-bar' : ''}${ariaSort(state, measure, adjusted) ? ' sorted' : ''}"
          >
            ${rateFigure(offer.row[measure], {
              lang,
              minCellSize,
              bar,
              adjusted,
            })}
          </td>`,
      )}
    </tr>`;
  });
  const from = state.offset + 1;
  const to = state.offset + items.length;
  const hasPrevious = state.offset > 0;
  const hasNext = to < total;
  return html`<p class="result-count" id="result-count" tabindex="-1" data-focus-landing>${countText}</p>
    <div class="table-scroll" role="region" aria-label="${t(lang, 'results.scrollRegion')}" tabindex="0">
      <table class="results">
        <caption>
          ${t(lang, 'results.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">
              <span class="visually-hidden">${t(lang, 'results.select')}</span
              ><span aria-hidden="true">✓</span>
            </th>
            <th scope="col" ${attr('aria-sort', state.sort === 'name' ? 'ascending' : undefined)}>
              ${t(lang, 'results.offer')}
            </th>
            <th scope="col">${t(lang, 'results.provider')}</th>
            <th scope="col">${t(lang, 'results.package')}</th>
            <th scope="col" ${attr('aria-sort', state.sort === 'price' ? 'ascending' : undefined)}>
              ${t(lang, 'results.price')}
            </th>
            ${MEASURE_COLUMNS.map(
              ([measure, adjusted]) =>
                html`<th scope="col" ${attr('aria-sort', ariaSort(state, measure, adjusted))}>
                  ${columnTitle(measure, adjusted, lang)}
                </th>`,
            )}
          </tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
      </table>
    </div>
    <p class="legend">${t(lang, 'results.legend', { min: minCellSize })}</p>
    <nav class="pager" aria-label="${t(lang, 'results.page', { from, to, total })}">
      <span>${t(lang, 'results.page', { from, to, total })}</span>
      ${
        hasPrevious
          ? html`<a
              class="button"
              data-nav
              href="${hrefFor({ offset: Math.max(0, state.offset - pageSize) })}"
              >${t(lang, 'results.previous')}</a
            >`
          : ''
      }
      ${hasNext ? html`<a class="button" data-nav href="${hrefFor({ offset: state.offset + pageSize })}">${t(lang, 'results.next')}</a>` : ''}
    </nav>`;
}
