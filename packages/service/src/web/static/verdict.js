/**
 * The plain-language verdict of a comparison: is offer B's rate different from offer A's?
 * Read from the Newcombe interval of the difference the API returns (measures.md §4): a
 * difference whose 95% interval excludes 0 is significant; the sign says which way.
 *
 * @example
 *   verdictOf({ difference: 0.1781, ciLow: 0.1099, ciHigh: 0.2442, significant: true }) // 'higher'
 *   verdictOf({ difference: 0.0377, ciLow: -0.0263, ciHigh: 0.1014, significant: false }) // 'noDifference'
 */

/**
 * @typedef {object} Difference the API's Newcombe difference of this offer minus the first
 * @property {number | null} difference
 * @property {number | null} ciLow
 * @property {number | null} ciHigh
 * @property {boolean | null} [significant]
 */

/** @typedef {'higher' | 'lower' | 'noDifference' | 'unavailable' | 'suppressed'} Verdict */

/**
 * @param {Difference | null | undefined} diff
 * @param {boolean} [hidden] whether either offer's figure is suppressed (fewer citizens than the
 *   disclosure threshold): then there is nothing to judge, and the page says why
 * @returns {Verdict}
 */
export function verdictOf(diff, hidden = false) {
  if (hidden) return 'suppressed';
  if (!diff || diff.difference === null || diff.ciLow === null || diff.ciHigh === null) return 'unavailable';
  // The API states significance; the interval is the fallback so an older answer still reads right.
  const significant = diff.significant ?? (diff.ciLow > 0 || diff.ciHigh < 0);
  if (!significant) return 'noDifference';
  return diff.difference > 0 ? 'higher' : 'lower';
}

/** A symbol beside the verdict text, so the verdict never depends on colour alone. */
export const VERDICT_SYMBOL = /** @type {const} */ ({
  higher: '▲',
  lower: '▼',
  noDifference: '=',
  unavailable: '?',
  suppressed: '?',
});
