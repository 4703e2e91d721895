import { MAX_PERTURBATION } from '@evg/effects';
import { expect } from 'vitest';

interface Rate {
  n: number | null;
  x: number | null;
  rate: number | null;
  suppressed: boolean;
}

/**
 * A published rate over the given exact counts: shown (the exact n is at least minCellSize),
 * n and x each within MAX_PERTURBATION of the exact ones, x ≤ n, and the rate computed from
 * the published counts (measures.md §4).
 * @example expectPublished(t1.effects.effect3m, { n: 20, x: 12 });
 */
export function expectPublished(
  published: Rate | undefined,
  exact: { n: number; x: number },
  label = 'rate',
): void {
  expect(published, label).toBeDefined();
  const { n, x, rate, suppressed } = published!;
  expect(suppressed, `${label} suppressed`).toBe(false);
  expect(Math.abs(n! - exact.n), `${label}.n ${n} vs exact ${exact.n}`).toBeLessThanOrEqual(MAX_PERTURBATION);
  expect(Math.abs(x! - exact.x), `${label}.x ${x} vs exact ${exact.x}`).toBeLessThanOrEqual(MAX_PERTURBATION);
  expect(x!).toBeLessThanOrEqual(n!);
  expect(rate).toBe(n === 0 ? null : x! / n!);
}

/** A published count: within MAX_PERTURBATION of the exact one (0 stays 0). */
export function expectPublishedCount(
  published: number | null | undefined,
  exact: number,
  label = 'count',
): void {
  if (exact === 0) return expect(published, label).toBe(0);
  expect(typeof published, label).toBe('number');
  expect(Math.abs(published! - exact), `${label} ${published} vs exact ${exact}`).toBeLessThanOrEqual(
    MAX_PERTURBATION,
  );
}
