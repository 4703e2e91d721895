/** The z of a two-sided 95% interval (measures.md §4). */
export const Z95 = 1.959964;

export interface Interval {
  low: number;
  high: number;
}

/**
 * Wilson score interval of a proportion x/n.
 * @example wilsonInterval(100, 356) // { low: 0.2367…, high: 0.3297… }
 */
export function wilsonInterval(x: number, n: number, z = Z95): Interval {
  if (n <= 0) return { low: 0, high: 1 };
  const p = x / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // Clamp rounding noise so that low ≤ p ≤ high holds exactly at p = 0 and p = 1.
  return { low: Math.max(0, Math.min(p, centre - half)), high: Math.min(1, Math.max(p, centre + half)) };
}
