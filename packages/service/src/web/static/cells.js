/**
 * How one figure is shown everywhere on the page: the share, its 95% interval, a bar, and the
 * number of citizens behind it; or, for a cell hidden by the disclosure rule, a dash with a
 * tooltip and screen-reader text that say why.
 *
 * @example
 *   rateFigure(row.effect3m, { lang: 'da', minCellSize: 5, bar: true })
 */
import { html } from './html.js';
import { t } from './i18n.js';
import { DASH, formatNumber, formatPercent, formatPercentRange, formatPrice } from './format.js';
import { rateBar } from './charts.js';
import { pricePlusBonus } from './model.js';
import { measureLabel } from './measures.js';

/** @typedef {import('./i18n.js').Lang} Lang */
/** @typedef {import('./model.js').RateView} RateView */
/** @typedef {import('./html.js').SafeHtml} SafeHtml */

/**
 * @typedef {object} FigureOptions
 * @property {Lang} lang
 * @property {number} minCellSize
 * @property {boolean} [bar] draw the bar with its interval
 * @property {boolean} [adjusted] show the case-mix adjusted rate instead of the raw one
 * @property {boolean} [showN] print n under the figure (default true)
 */

/**
 * The dash of a suppressed figure with the reason beside it in words ("– færre end 5
 * borgere"), visible on a phone too, where there is no hover; screen readers read the words only.
 *
 * @param {Lang} lang
 * @param {number} minCellSize
 * @returns {SafeHtml}
 */
export function suppressedFigure(lang, minCellSize) {
  const why = t(lang, 'cell.suppressed', { min: minCellSize });
  return html`<span class="suppressed" title="${why}"
    ><span aria-hidden="true">${DASH}</span> <span class="why">${why}</span></span
  >`;
}

/**
 * @param {Lang} lang
 * @returns {SafeHtml}
 */
export function missingFigure(lang) {
  const none = t(lang, 'cell.none');
  return html`<span class="missing" title="${none}"
    ><span aria-hidden="true">${DASH}</span><span class="visually-hidden">${none}</span></span
  >`;
}

/**
 * @param {RateView | null | undefined} cell
 * @param {FigureOptions} options
 * @returns {SafeHtml}
 */
export function rateFigure(cell, { lang, minCellSize, bar = false, adjusted = false, showN = true }) {
  if (!cell) return missingFigure(lang);
  if (cell.suppressed) return suppressedFigure(lang, minCellSize);
  const value = adjusted ? (cell.adjustedRate ?? null) : cell.rate;
  if (value === null) return missingFigure(lang);
  const interval =
    !adjusted && cell.ciLow !== null && cell.ciHigh !== null
      ? html` <span class="ci"
          ><span class="visually-hidden"
            >${t(lang, 'cell.interval', {
              low: formatPercent(cell.ciLow, lang),
              high: formatPercent(cell.ciHigh, lang),
            })}</span
          ><span aria-hidden="true">(${formatPercentRange(cell.ciLow, cell.ciHigh, lang)})</span></span
        >`
      : html``;
  const n =
    showN && cell.n !== null
      ? html`<span class="n">${t(lang, 'cell.n', { n: formatNumber(cell.n, lang) })}</span>`
      : html``;
  return html`<span class="figure"><span class="value">${formatPercent(value, lang)}</span>${interval}</span
    >${bar && !adjusted ? rateBar(cell) : html``}${n}`;
}

/**
 * "Pris inkl. resultatbonus pr. selvforsørget borger" of an offer with a bonus: the amount,
 * with how it is made up (price / the trigger measure's published share + bonus) as its
 * tooltip; the reason in words when the trigger measure's figure is suppressed, like any rate.
 *
 * @param {import('./model.js').OfferSummary} offer
 * @param {{ lang: Lang, minCellSize: number, measures: readonly import('./measures.js').MeasureEntry[] }} options
 * @returns {SafeHtml}
 */
export function pricePlusBonusFigure(offer, { lang, minCellSize, measures }) {
  const measure = offer.resultBonusMeasure ?? 'effect3m';
  const cell = offer.row[measure];
  if (cell?.suppressed) return suppressedFigure(lang, minCellSize);
  const amount = pricePlusBonus(offer);
  if (amount === null) return missingFigure(lang);
  const how = t(lang, 'offer.pricePlusBonusHow', {
    measure: measureLabel(measure, lang, measures),
    rate: formatPercent(cell?.rate ?? null, lang),
    bonus: formatPrice(offer.resultBonusDkk, lang),
  });
  return html`<span class="value" data-bonus-measure="${measure}" title="${how}"
    >${formatPrice(amount, lang)}</span
  >`;
}
