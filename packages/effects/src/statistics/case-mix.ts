/**
 * Case-mix adjustment by indirect standardisation (measures.md §4). Strata are target group ×
 * age band × unemployment-duration band; the reference is every eligible enrollment for the
 * measure in the same period cell, across all offers.
 */

/** Eligible (n) and successful (x) enrollments per stratum index of one target group. */
export interface StrataCounts {
  n: number[];
  x: number[];
}

/** Strata counts by target group. */
export type StrataByTargetGroup = Map<string, StrataCounts>;

export interface CaseMix {
  expectedRate: number | null;
  oe: number | null;
  adjustedRate: number | null;
}

/** Adds stratum counts of one target group into `into`. */
export function addStrata(
  into: StrataByTargetGroup,
  targetGroup: string,
  n: readonly number[],
  x: readonly number[],
): void {
  let counts = into.get(targetGroup);
  if (!counts) {
    counts = { n: new Array<number>(n.length).fill(0), x: new Array<number>(x.length).fill(0) };
    into.set(targetGroup, counts);
  }
  for (let s = 0; s < n.length; s++) {
    counts.n[s] = (counts.n[s] ?? 0) + (n[s] as number);
    counts.x[s] = (counts.x[s] ?? 0) + (x[s] ?? 0);
  }
}

/**
 * Expected successes E = Σ over the group's eligible enrollments of the reference rate of their stratum.
 * @example expectedSuccesses(group, reference) // Σ_s n_G,s · x_ref,s / n_ref,s
 */
export function expectedSuccesses(group: StrataByTargetGroup, reference: StrataByTargetGroup): number {
  let expected = 0;
  for (const [targetGroup, counts] of group) {
    const ref = reference.get(targetGroup);
    for (let s = 0; s < counts.n.length; s++) {
      const n = counts.n[s] as number;
      if (n === 0) continue;
      const refN = ref?.n[s] ?? 0;
      // The group is part of its reference, so refN ≥ n > 0 whenever the data are consistent.
      if (refN > 0) expected += (n * (ref?.x[s] ?? 0)) / refN;
    }
  }
  return expected;
}

/**
 * expectedRate = E / n, oe = O / E, adjustedRate = min(1, oe × r_all); all null when E = 0.
 * @example caseMix(30, 100, 20, 0.25) // { expectedRate: 0.2, oe: 1.5, adjustedRate: 0.375 }
 */
export function caseMix(observed: number, n: number, expected: number, referenceRate: number): CaseMix {
  if (expected <= 0 || n <= 0) return { expectedRate: null, oe: null, adjustedRate: null };
  const oe = observed / expected;
  return { expectedRate: expected / n, oe, adjustedRate: Math.min(1, oe * referenceRate) };
}
