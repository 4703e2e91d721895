/**
 * The cell key method's perturbation (measures.md §4): a published count is the exact count
 * plus a small amount chosen by its cell key, the sum of its records' keys mod 2^32. The same
 * records always give the same cell key, so the same published count in every table, filter,
 * endpoint and format; differencing two published counts gives back the difference of the
 * exact ones only up to the sum of two unknown perturbations.
 */

/** The largest change the perturbation makes to a count. */
export const MAX_PERTURBATION = 2;

const TWO_32 = 2 ** 32;

/**
 * Adds a record key to a cell key, mod 2^32 (exact: both are below 2^32).
 * @example addKey(3_000_000_000, 2_000_000_000) // 705_032_704
 */
export function addKey(cellKey: number, recordKey: number): number {
  return (cellKey + recordKey) % TWO_32;
}

/**
 * d(k / 2^32) of the perturbation table: −2 below 0.05, −1 below 0.25, 0 below 0.75, +1 below
 * 0.95, +2 otherwise.
 * @example perturbation(1_205_032_704) // 0 (k / 2^32 = 0.2806)
 */
export function perturbation(cellKey: number): number {
  const u = cellKey / TWO_32;
  if (u < 0.05) return -2;
  if (u < 0.25) return -1;
  if (u < 0.75) return 0;
  if (u < 0.95) return 1;
  return 2;
}

/**
 * The published count: 0 stays 0, anything else moves by `perturbation(cellKey)`, never below 0.
 * @example publishCount(7, Math.floor(0.97 * 2 ** 32)) // 9
 */
export function publishCount(count: number, cellKey: number): number {
  if (count === 0) return 0;
  return Math.max(0, count + perturbation(cellKey));
}
