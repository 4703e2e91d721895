import { wilsonInterval, Z95 } from './wilson-interval.ts';

export interface Proportion {
  x: number;
  n: number;
}

export interface Difference {
  /** pA − pB. */
  difference: number;
  ciLow: number;
  ciHigh: number;
  /** The interval excludes 0. */
  significant: boolean;
}

/**
 * Difference pA − pB with Newcombe's hybrid score interval (method 10), built from the Wilson
 * intervals of each side.
 * @example newcombeDifference({ x: 100, n: 356 }, { x: 90, n: 370 })
 * // { difference: 0.0377…, ciLow: -0.0263…, ciHigh: 0.1014…, significant: false }
 */
export function newcombeDifference(a: Proportion, b: Proportion, z = Z95): Difference {
  const pA = a.x / a.n;
  const pB = b.x / b.n;
  const wA = wilsonInterval(a.x, a.n, z);
  const wB = wilsonInterval(b.x, b.n, z);
  const difference = pA - pB;
  const ciLow = difference - Math.sqrt((pA - wA.low) ** 2 + (wB.high - pB) ** 2);
  const ciHigh = difference + Math.sqrt((wA.high - pA) ** 2 + (pB - wB.low) ** 2);
  return { difference, ciLow, ciHigh, significant: ciLow > 0 || ciHigh < 0 };
}
