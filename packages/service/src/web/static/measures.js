/**
 * The measures the page shows: the built-in ones (labelled by i18n.js) and the outcome measures
 * a municipality defined, which the API lists with their labels (`GET /v1/measures`). A defined
 * measure is an outcome measure like effect7m: a rate with an interval, a case-mix adjusted
 * rate, a sort key and a row of the comparison.
 *
 * @example
 *   const measures = toMeasureList(await getJson('/v1/measures'));
 *   measureLabel('effect12m', 'en', measures) // '12-month effect'
 */
import { hasText, t } from './i18n.js';

/** @typedef {import('./i18n.js').Lang} Lang */

/**
 * @typedef {object} MeasureEntry an `OutcomeMeasure` of the API
 * @property {string} key
 * @property {string} label Danish
 * @property {string} labelEn
 * @property {boolean} builtIn
 */

/** The outcome measures built into the page, with texts in i18n.js and a place in every view. */
export const BUILT_IN_OUTCOMES = /** @type {const} */ (['effect3m', 'effect7m', 'status1m', 'status3m']);

/** A key the page can take from a link or the API for a defined measure (as the service checks). */
const KEY_PATTERN = /^[A-Za-z][A-Za-z0-9]{0,39}$/;

/**
 * @param {unknown} key
 * @returns {key is string}
 */
export function isMeasureKey(key) {
  return typeof key === 'string' && KEY_PATTERN.test(key);
}

/**
 * @param {any} body the `GET /v1/measures` answer: an array of `OutcomeMeasure`
 * @returns {MeasureEntry[]}
 */
export function toMeasureList(body) {
  return (Array.isArray(body) ? body : [])
    .filter((entry) => isMeasureKey(entry?.key))
    .map((entry) => {
      const label = typeof entry.label === 'string' && entry.label !== '' ? entry.label : entry.key;
      return {
        key: entry.key,
        label,
        labelEn: typeof entry.labelEn === 'string' && entry.labelEn !== '' ? entry.labelEn : label,
        builtIn: entry.builtIn === true,
      };
    });
}

/**
 * The measures a municipality defined, in the API's order (after the built-in ones everywhere).
 *
 * @param {readonly MeasureEntry[]} measures
 * @returns {string[]}
 */
export function customOutcomes(measures) {
  const builtIn = /** @type {readonly string[]} */ (BUILT_IN_OUTCOMES);
  return measures.filter((m) => !m.builtIn && !builtIn.includes(m.key)).map((m) => m.key);
}

/**
 * The label of a measure in the reader's language: the page's own text for a built-in one,
 * the API's label for a defined one, the key when neither is known.
 *
 * @param {string} key
 * @param {Lang} lang
 * @param {readonly MeasureEntry[]} measures
 * @returns {string}
 */
export function measureLabel(key, lang, measures) {
  if (hasText(lang, `measure.${key}`)) return t(lang, `measure.${key}`);
  const entry = measures.find((m) => m.key === key);
  if (!entry) return key;
  return lang === 'en' ? entry.labelEn : entry.label;
}
