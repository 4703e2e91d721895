/**
 * Number and date formatting in the reader's language: Danish "28 %" and "12.500 kr.",
 * English "28%" and "DKK 12,500". Every function takes null (a suppressed or missing figure)
 * and returns the dash the page shows for it.
 *
 * @example
 *   formatPercent(0.2809, 'da') // '28 %'
 *   formatPrice(12500, 'en')    // 'DKK 12,500'
 */

/** @typedef {import('./i18n.js').Lang} Lang */

export const DASH = '–';

/** @param {Lang} lang */
function locale(lang) {
  return lang === 'da' ? 'da-DK' : 'en-GB';
}

/**
 * A share 0..1 as a whole percentage.
 *
 * @param {number | null | undefined} rate
 * @param {Lang} lang
 * @returns {string}
 */
export function formatPercent(rate, lang) {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return DASH;
  return new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: 0 }).format(rate);
}

/**
 * An interval of shares as "24–33 %" (the unit once, after the upper bound).
 *
 * @param {number | null | undefined} low
 * @param {number | null | undefined} high
 * @param {Lang} lang
 * @returns {string}
 */
export function formatPercentRange(low, high, lang) {
  if (low === null || low === undefined || high === null || high === undefined) return DASH;
  return `${formatNumber(Math.round(low * 100), lang)}–${formatPercent(high, lang)}`;
}

/**
 * A difference of two shares in signed percentage points, one decimal: "+3,8" / "−2,6".
 *
 * @param {number | null | undefined} difference
 * @param {Lang} lang
 * @returns {string}
 */
export function formatPoints(difference, lang) {
  if (difference === null || difference === undefined || !Number.isFinite(difference)) return DASH;
  const points = Math.round(difference * 1000) / 10;
  const text = new Intl.NumberFormat(locale(lang), {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(Math.abs(points));
  const unit = lang === 'da' ? ' pct.point' : ' pp';
  if (points === 0) return `0${lang === 'da' ? ',0' : '.0'}${unit}`;
  return `${points > 0 ? '+' : '−'}${text}${unit}`;
}

/**
 * @param {number | null | undefined} value
 * @param {Lang} lang
 * @returns {string}
 */
export function formatNumber(value, lang) {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 1 }).format(value);
}

/**
 * A price in whole Danish kroner.
 *
 * @param {number | null | undefined} dkk
 * @param {Lang} lang
 * @returns {string}
 */
export function formatPrice(dkk, lang) {
  if (dkk === null || dkk === undefined || !Number.isFinite(dkk)) return DASH;
  const amount = new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 0 }).format(dkk);
  return lang === 'da' ? `${amount} kr.` : `DKK ${amount}`;
}

/**
 * An ISO calendar date (YYYY-MM-DD) as "12. marts 2026" / "12 March 2026". Parsed by hand so
 * no time zone can move it to the day before.
 *
 * @param {string | null | undefined} iso
 * @param {Lang} lang
 * @returns {string}
 */
export function formatDate(iso, lang) {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  if (!match) return DASH;
  const [, year, month, day] = match.map(Number);
  const date = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1));
  return new Intl.DateTimeFormat(locale(lang), {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/**
 * A half-year or quarter key as people say it: "2026H1" → "1. halvår 2026" / "H1 2026".
 *
 * @param {string} period
 * @param {Lang} lang
 * @returns {string}
 */
export function formatPeriod(period, lang) {
  const half = /^(\d{4})H([12])$/.exec(period);
  if (half) return lang === 'da' ? `${half[2]}. halvår ${half[1]}` : `H${half[2]} ${half[1]}`;
  const quarter = /^(\d{4})Q([1-4])$/.exec(period);
  if (quarter) return lang === 'da' ? `${quarter[2]}. kvartal ${quarter[1]}` : `Q${quarter[2]} ${quarter[1]}`;
  return period;
}
