/**
 * What every view with figures says under them: how recent the data are ("Data til og med
 * 31. oktober 2026") and how the figures protect the citizens (slightly perturbed counts,
 * hidden small cells), with the threshold the API reports.
 *
 * @example
 *   disclosureNote({ lang: 'da', asOf: '2026-10-31', minCellSize: 5, maxPerturbation: 2, id: 'results-disclosure' })
 */
import { html } from './html.js';
import { t } from './i18n.js';
import { formatDate } from './format.js';

/** @typedef {import('./i18n.js').Lang} Lang */

/**
 * @param {object} options
 * @param {Lang} options.lang
 * @param {string | null} options.asOf the data's cut-off date (ISO), null when the API gave none
 * @param {number} options.minCellSize
 * @param {number} options.maxPerturbation how far a published count may be from the exact one (0 = exact)
 * @param {string} options.id id of the note, so a table can point at it with aria-describedby
 */
export function disclosureNote({ lang, asOf, minCellSize, maxPerturbation, id }) {
  const footnote =
    maxPerturbation === 0
      ? t(lang, 'disclosure.footnoteExact', { min: minCellSize })
      : t(lang, 'disclosure.footnote', { min: minCellSize, max: maxPerturbation });
  return html`<div class="disclosure" id="${id}">
    ${asOf ? html`<p class="cut-off">${t(lang, 'disclosure.cutOff', { date: formatDate(asOf, lang) })}</p>` : ''}
    <p class="footnote">${footnote}</p>
  </div>`;
}
