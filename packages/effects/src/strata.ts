/**
 * Bands used for reporting and for the case-mix strata (measures.md §3–4).
 * A stratum within a target group is ageBand × durationBand, numbered ageBand × 4 + durationBand.
 * Enrollments without a person record (unknown age) get their own age band `unknown`, so they
 * are standardised against others of unknown age rather than dropped.
 */
import { DURATION_BANDS, type DurationBand } from './effect-cell.ts';

export const AGE_BANDS = ['<30', '>=30', 'unknown'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Number of strata per target group: 3 age bands × 4 duration bands. */
export const STRATA_COUNT = AGE_BANDS.length * DURATION_BANDS.length;

/** Index into AGE_BANDS; `age` null = unknown. */
export function ageBandIndex(age: number | null): number {
  if (age === null) return 2;
  return age < 30 ? 0 : 1;
}

/**
 * Index into DURATION_BANDS of an unemployment duration in days:
 * <3m (< 91), 3-6m (91–182), 6-12m (183–365), >12m (≥ 366).
 * @example DURATION_BANDS[durationBandIndex(152)] // '3-6m'
 */
export function durationBandIndex(days: number): number {
  if (days < 91) return 0;
  if (days <= 182) return 1;
  if (days <= 365) return 2;
  return 3;
}

export function durationBandOf(days: number): DurationBand {
  return DURATION_BANDS[durationBandIndex(days)] as DurationBand;
}

export function stratumIndex(ageBand: number, durationBand: number): number {
  return ageBand * DURATION_BANDS.length + durationBand;
}
