/**
 * The results table: one row per offer with its provider and package under its name, the
 * price, and the measures the caseworker chose (column chooser, kept in the URL): outcome
 * measures as bars with their 95% intervals and the case-mix adjusted rate under them, survey
 * shares as figures, each with the number of citizens behind it. Checkboxes pick offers for
 * the comparison. Compact enough for a 1366 px laptop; on a phone each row is a card (CSS).
 *
 * @example
 *   resultsTable({ result, state, lists, lang: 'da', minCellSize: 5, pageSize: 20, hrefFor })
 */
import { attr, html } from './html.js';
import { t } from './i18n.js';
import { formatNumber, formatPrice } from './format.js';
import { rateFigure } from './cells.js';
import { packageLabel } from './view-search.js';
import { BUILT_IN_OUTCOMES, customOutcomes, measureLabel } from './measures.js';
import { MAX_COMPARE, measureKeys } from './url-state.js';

/** @typedef {import('./i18n.js').Lang} Lang */
/** @typedef {import('./url-state.js').AppState} AppState */
/** @typedef {import('./model.js').SearchResult} SearchResult */
/** @typedef {import('./view-search.js').CodeLists} CodeLists */
/** @typedef {import('./measures.js').MeasureEntry} MeasureEntry */

/**
 * Outcome measures (built-in and defined): these have a case-mix adjusted rate and a bar for
 * their interval.
 *
 * @param {readonly MeasureEntry[]} measures
 */
const outcomesOf = (measures) => [...BUILT_IN_OUTCOMES, ...customOutcomes(measures)];

/**
 * The measure columns the table shows for a state: the chosen ones, plus the measure it is
 * sorted by (a table sorted by a column it does not show reads as unsorted).
 *
 * @param {AppState} state
 * @param {readonly MeasureEntry[]} [measures] the API's measures (the defined ones add columns)
 * @returns {{ measures: string[], adjusted: boolean, forcedBySort: string | null }}
 */
export function visibleColumns(state, measures = []) {
  const all = measureKeys(customOutcomes(measures));
  const sortMeasure = state.sort.split('.')[0] ?? '';
  const chosen = /** @type {readonly string[]} */ (state.columns.filter((key) => key !== 'adjusted'));
  const forced = all.includes(sortMeasure) && !chosen.includes(sortMeasure) ? sortMeasure : null;
  const shown = all.filter((key) => chosen.includes(key) || key === forced);
  const adjusted = state.columns.includes('adjusted') || state.sort.endsWith('.adjusted');
  return { measures: shown, adjusted, forcedBySort: forced };
}

/**
 * @param {AppState} state
 * @param {string} measure
 * @returns {'descending' | undefined}
 */
function ariaSort(state, measure) {
  return state.sort === measure || state.sort === `${measure}.adjusted` ? 'descending' : undefined;
}

/**
 * The column chooser: a fold-out list of checkboxes, one per measure (the defined ones beside
 * the built-in outcome measures) and one for the adjusted rates. Each change applies at once
 * and is kept in the URL (`cols`).
 *
 * @param {object} options
 * @param {AppState} options.state
 * @param {Lang} options.lang
 * @param {boolean} options.open whether the chooser is unfolded
 * @param {readonly MeasureEntry[]} [options.measures] the API's measures
 */
export function columnChooser({ state, lang, open, measures: definitions = [] }) {
  const { measures, forcedBySort } = visibleColumns(state, definitions);
  const all = measureKeys(customOutcomes(definitions));
  return html`<details class="column-chooser" id="column-chooser" ${open ? html`open` : ''}>
    <summary id="column-summary">
      ${t(lang, 'columns.summary', { shown: measures.length, count: all.length })}
    </summary>
    <fieldset>
      <legend>${t(lang, 'columns.legend')}</legend>
      <div class="column-list">
        ${[...all, 'adjusted'].map(
          (key) =>
            html`<span class="field checkbox">
              <input
                type="checkbox"
                class="col-pick"
                id="col-${key}"
                data-column="${key}"
                ${attr('checked', state.columns.includes(key))}
              />
              <label for="col-${key}"
                >${key === 'adjusted' ? t(lang, 'columns.adjusted') : measureLabel(key, lang, definitions)}</label
              >
            </span>`,
        )}
      </div>
      ${forcedBySort ? html`<p class="hint">${t(lang, 'columns.sortedShown', { measure: measureLabel(forcedBySort, lang, definitions) })}</p>` : ''}
    </fieldset>
  </details>`;
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
  const { measures, adjusted } = visibleColumns(state, lists.measures);
  const outcomes = outcomesOf(lists.measures);
  const label = (/** @type {string} */ measure) => measureLabel(measure, lang, lists.measures);
  const adjustedAbbr = html`<abbr title="${t(lang, 'measure.adjustedLong')}"
    >${t(lang, 'measure.adjusted')}</abbr
  >`;
  const rows = items.map((offer) => {
    const checked = state.ids.includes(offer.id);
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
        <span class="sub provider">${offer.providerName}</span>
        <span class="sub package">${packageLabel(offer.package, lists.packages, lang)}</span>
      </th>
      <td
        class="num price${state.sort === 'price' ? ' sorted' : ''}"
        data-label="${t(lang, 'results.price')}"
      >
        <span class="value"
          >${offer.priceDkk === null ? t(lang, 'offer.unknown') : formatPrice(offer.priceDkk, lang)}</span
        >
      </td>
      ${measures.map((measure) => {
        const outcome = outcomes.includes(measure);
        const cell = offer.row[measure];
        const showAdjusted = adjusted && outcome && cell && !cell.suppressed;
        return html`<td
          class="measure${outcome ? ' with-bar' : ''}${ariaSort(state, measure) ? ' sorted' : ''}"
          data-measure="${measure}"
          data-label="${label(measure)}"
        >
          ${rateFigure(cell, { lang, minCellSize, bar: outcome })}
          ${
            showAdjusted
              ? html`<span class="adjusted-line${state.sort === `${measure}.adjusted` ? ' sorted-by' : ''}"
                  >${adjustedAbbr}
                  ${rateFigure(cell, { lang, minCellSize, adjusted: true, showN: false })}</span
                >`
              : ''
          }
        </td>`;
      })}
    </tr>`;
  });
  const from = state.offset + 1;
  const to = state.offset + items.length;
  const hasPrevious = state.offset > 0;
  const hasNext = to < total;
  return html`<p class="result-count" id="result-count" tabindex="-1" data-focus-landing>${countText}</p>
    <div class="table-scroll" role="region" aria-label="${t(lang, 'results.scrollRegion')}" tabindex="0">
      <table class="results stack">
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
              ${t(lang, 'results.offer')} <span class="sub">${t(lang, 'results.offerSub')}</span>
            </th>
            <th scope="col" ${attr('aria-sort', state.sort === 'price' ? 'ascending' : undefined)}>
              ${t(lang, 'results.price')}
            </th>
            ${measures.map(
              (measure) =>
                html`<th scope="col" data-measure="${measure}" ${attr('aria-sort', ariaSort(state, measure))}>
                  ${label(measure)}${
                    state.sort === `${measure}.adjusted`
                      ? html`, ${adjustedAbbr}`
                      : adjusted && outcomes.includes(measure)
                        ? html` <span class="sub"
                            >${t(lang, 'offer.raw').toLowerCase()} / ${adjustedAbbr}</span
                          >`
                        : ''
                  }
                </th>`,
            )}
          </tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
      </table>
    </div>
    <p class="legend">${t(lang, 'results.legend')}</p>
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
