/**
 * Median of a histogram value → count (keys are numbers written as strings, as in JSON).
 * With an even total the mean of the two middle values; null when empty.
 * @example medianOfHistogram({ '0': 1, '10': 2, '40': 1 }) // 10
 */
export function medianOfHistogram(histogram: Readonly<Record<string, number>>): number | null {
  const entries = Object.entries(histogram)
    .map(([value, count]) => [Number(value), count] as const)
    .filter(([, count]) => count > 0)
    .sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return null;
  // 0-based ranks of the middle value(s).
  const lowRank = Math.floor((total - 1) / 2);
  const highRank = Math.floor(total / 2);
  let low: number | null = null;
  let seen = 0;
  for (const [value, count] of entries) {
    seen += count;
    if (low === null && seen > lowRank) low = value;
    if (seen > highRank) return ((low as number) + value) / 2;
  }
  return low;
}
