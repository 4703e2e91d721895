/**
 * Two to six offers side by side, measure by measure, each offer after the first with a
 * plain-language verdict against the first ("signifikant højere", "ingen klar forskel") read
 * from the API's Newcombe interval, and the difference in percentage points beside it.
 *
 * @example
 *   comparisonView({ comparison, lists, lang: 'da', minCellSize: 5, hrefFor })
 */
import { html } from './html.js';
import { t } from './i18n.js';
import { formatPoints, formatPrice } from './format.js';
import { pricePlusBonusFigure, rateFigure } from './cells.js';
import { customOutcomes, measureLabel } from './measures.js';
import { VERDICT_SYMBOL, verdictOf } from './verdict.js';
import { packageLabel } from './view-search.js';

/** @typedef {import('./i18n.js').Lang} Lang */
/** @typedef {import('./url-state.js').AppState} AppState */
/** @typedef {import('./model.js').Comparison} Comparison */
/** @typedef {import('./view-search.js').CodeLists} CodeLists */

/**
 * Rates compared, in the order caseworkers weigh them; the measures a municipality defined come
 * after the built-in outcome measures.
 */
export const COMPARED_MEASURES = /** @type {const} */ ([
  'effect3m',
  'effect7m',
  'status1m',
  'status3m',
  'satisfiedShare',
  'closerShare',
  'companyShare',
]);
/** Effects whose case-mix adjusted rates get rows of their own (with every defined measure). */
const ADJUSTED_ROWS = ['effect3m', 'effect7m'];

/**
 * The verdict cell text of one offer on one measure against the reference offer.
 *
 * @param {import('./verdict.js').Difference | null | undefined} diff
 * @param {string} referenceName
 * @param {Lang} lang
 * @param {{ hidden?: boolean, minCellSize?: number }} [disclosure] whether either figure is suppressed, and the threshold
 */
export function verdictText(diff, referenceName, lang, { hidden = false, minCellSize = 5 } = {}) {
  const verdict = verdictOf(diff, hidden);
  const words = t(lang, `verdict.${verdict}`, { min: minCellSize });
  const against =
    verdict === 'higher' || verdict === 'lower'
      ? ` ${t(lang, 'verdict.against', { name: referenceName })}`
      : '';
  const numbers =
    diff && verdict !== 'unavailable' && verdict !== 'suppressed'
      ? html`<span class="difference"
          >${t(lang, 'compare.difference', {
            diff: formatPoints(diff.difference, lang),
            low: formatPoints(diff.ciLow, lang),
            high: formatPoints(diff.ciHigh, lang),
          })}</span
        >`
      : html``;
  return html`<span class="verdict verdict-${verdict}" data-verdict="${verdict}"
      ><span aria-hidden="true">${VERDICT_SYMBOL[verdict]}</span> ${words}${against}</span
    >${numbers}`;
}

/**
 * @param {object} options
 * @param {Comparison} options.comparison
 * @param {CodeLists} options.lists
 * @param {Lang} options.lang
 * @param {number} options.minCellSize
 * @param {(patch: Partial<AppState>) => string} options.hrefFor
 */
export function comparisonTable({ comparison, lists, lang, minCellSize, hrefFor }) {
  const { offers, differences } = comparison;
  const reference = offers[0];
  if (!reference || offers.length < 2) return html`<p>${t(lang, 'compare.needTwo')}</p>`;
  const custom = customOutcomes(lists.measures);
  const label = (/** @type {string} */ measure) => measureLabel(measure, lang, lists.measures);
  const compared = [...COMPARED_MEASURES.slice(0, 4), ...custom, ...COMPARED_MEASURES.slice(4)];
  const measureRows = compared.map(
    (measure) =>
      html`<tr data-measure="${measure}">
        <th scope="row">${label(measure)}</th>
        ${offers.map(
          (offer, i) =>
            html`<td data-label="${offer.name}">
              ${rateFigure(offer.row[measure], { lang, minCellSize, bar: true })}
              ${
                i === 0
                  ? html`<span class="verdict verdict-reference">${t(lang, 'compare.reference')}</span>`
                  : verdictText(differences[offer.id]?.[measure], reference.name, lang, {
                      hidden: Boolean(offer.row[measure]?.suppressed || reference.row[measure]?.suppressed),
                      minCellSize,
                    })
              }
            </td>`,
        )}
      </tr>`,
  );
  const adjustedRows = [...ADJUSTED_ROWS, ...custom].map(
    (measure) =>
      html`<tr data-measure="${measure}.adjusted">
        <th scope="row">${label(measure)}, ${t(lang, 'measure.adjusted')}</th>
        ${offers.map((offer) => html`<td data-label="${offer.name}">${rateFigure(offer.row[measure], { lang, minCellSize, adjusted: true })}</td>`)}
      </tr>`,
  );
  return html`<p>${t(lang, 'compare.intro', { name: reference.name })}</p>
    <div class="table-scroll" role="region" aria-label="${t(lang, 'compare.tableRegion')}" tabindex="0">
      <table class="comparison stack keep-head">
        <caption class="visually-hidden">
          ${t(lang, 'compare.title')}
        </caption>
        <thead>
          <tr>
            <th scope="col" class="corner">${t(lang, 'compare.measure')}</th>
            ${offers.map(
              (offer) =>
                html`<th scope="col">
                  <a href="${hrefFor({ view: 'offer', offer: offer.id })}" data-nav>${offer.name}</a>
                  <span class="sub">${offer.providerName}</span>
                </th>`,
            )}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">${t(lang, 'results.package')}</th>
            ${offers.map((offer) => html`<td data-label="${offer.name}">${packageLabel(offer.package, lists.packages, lang)}</td>`)}
          </tr>
          <tr>
            <th scope="row">${t(lang, 'results.price')}</th>
            ${offers.map((offer) => html`<td data-label="${offer.name}">${offer.priceDkk === null ? t(lang, 'offer.unknown') : formatPrice(offer.priceDkk, lang)}</td>`)}
          </tr>
          ${
            offers.some((offer) => (offer.resultBonusDkk ?? 0) > 0)
              ? html`<tr>
                  <th scope="row">${t(lang, 'compare.pricePlusBonus')}</th>
                  ${offers.map(
                    (offer) =>
                      html`<td data-label="${offer.name}">
                        ${
                          (offer.resultBonusDkk ?? 0) > 0
                            ? html`${pricePlusBonusFigure(offer, { lang, minCellSize, measures: lists.measures })}
                                <span class="sub bonus-measure"
                                  >${t(lang, 'compare.bonusMeasure', {
                                    measure: label(offer.resultBonusMeasure ?? 'effect3m'),
                                  })}</span
                                >`
                            : t(lang, 'compare.noBonus')
                        }
                      </td>`,
                  )}
                </tr>`
              : ''
          }
          ${measureRows}${adjustedRows}
        </tbody>
      </table>
    </div>`;
}
