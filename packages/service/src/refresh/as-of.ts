import { isIsoDate } from '@evg/effects';
import type { RefreshAsOfSource } from '../db/database.ts';
import { RefreshError } from './refresh-error.ts';

/** The cut-off a refresh computes the effects for, and where it came from. */
export interface ResolvedAsOf {
  asOf: string;
  /**
   * `override`: EVG_AS_OF or an explicit `--as-of`; `declared`: the latest cut-off declared by
   * an import of benefit periods; `assumed`: no import declared one, so the latest start date
   * of the benefit periods stands in (data contract).
   */
  source: RefreshAsOfSource;
}

/**
 * The data cut-off of a refresh (data contract, "Every import declares its extract's cut-off"):
 * an override (option or EVG_AS_OF) wins; else the latest cut-off stored with the imports of
 * benefit periods, declared or assumed; else (benefit periods stored before imports were dated)
 * the latest start date of the stored benefit periods. Never today: an open benefit period
 * says the benefit was still paid on the extract's day, not on the day of the refresh.
 */
export function resolveAsOf(input: {
  override?: string | undefined;
  /** The latest cut-off among the batches that carried benefit periods. */
  imported: { asOf: string; source: 'declared' | 'assumed' } | null;
  /** The latest start date of any stored benefit period. */
  latestStartDay: string | null;
}): ResolvedAsOf {
  if (input.override !== undefined && input.override !== '') {
    if (!isIsoDate(input.override)) {
      throw new RefreshError('no-as-of', 'asOf (EVG_AS_OF) must be a date YYYY-MM-DD that exists');
    }
    return { asOf: input.override, source: 'override' };
  }
  if (input.imported) return input.imported;
  if (input.latestStartDay === null) {
    throw new RefreshError(
      'no-as-of',
      'no benefit periods stored: import them with their cut-off (asOf), or set EVG_AS_OF',
    );
  }
  return { asOf: input.latestStartDay, source: 'assumed' };
}
