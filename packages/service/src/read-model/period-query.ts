import { EffectsError, parsePeriod, type DateRange } from '@evg/effects';

/** A period parameter that cannot be used; `parameter` names it for the problem response. */
export class PeriodError extends Error {
  readonly code = 'invalid-period';

  constructor(
    readonly parameter: 'period' | 'from' | 'to',
    message: string,
  ) {
    super(message);
    this.name = 'PeriodError';
  }
}

/**
 * Reads a period name (`2026`, `2026H1`, `2026Q3`, `2026-03`: the grammar of `parsePeriod` in
 * @evg/effects, shared with the CLI) as a date range; `parameter` is named in the error.
 *
 * @example
 *   parsePeriodName('2026H2', 'period'); // { from: '2026-07-01', to: '2026-12-31' }
 */
export function parsePeriodName(value: string, parameter: 'period' | 'from' | 'to'): DateRange {
  try {
    return parsePeriod(value);
  } catch (error) {
    if (error instanceof EffectsError && error.code === 'invalid-period')
      throw new PeriodError(parameter, `${parameter} ${error.message}.`);
    throw error;
  }
}

function parseBound(value: string, parameter: 'from' | 'to'): DateRange {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!date) return parsePeriodName(value, parameter);
  const day = Number(date[3]);
  const whole = parsePeriodName(`${date[1]}-${date[2]}`, parameter);
  // Effect tables are stored per calendar month, so only whole months can be answered exactly.
  if (parameter === 'from' && day !== 1) {
    throw new PeriodError(
      'from',
      `from '${value}' must be the first day of a month (effect tables hold whole months).`,
    );
  }
  if (parameter === 'to' && value !== whole.to) {
    throw new PeriodError(
      'to',
      `to '${value}' must be the last day of a month (effect tables hold whole months).`,
    );
  }
  return whole;
}

/**
 * The period of a request: `period`, or `from`/`to` (dates on month boundaries or period names),
 * or undefined for all time.
 *
 * @example
 *   resolvePeriod({ from: '2025-07-01', to: '2026H1' }); // { from: '2025-07-01', to: '2026-06-30' }
 */
export function resolvePeriod(query: { period?: string; from?: string; to?: string }): DateRange | undefined {
  if (query.period !== undefined) {
    if (query.from !== undefined || query.to !== undefined) {
      throw new PeriodError('period', 'Use either period or from/to, not both.');
    }
    return parsePeriodName(query.period, 'period');
  }
  if (query.from === undefined && query.to === undefined) return undefined;
  const from = query.from !== undefined ? parseBound(query.from, 'from').from : '0000-01-01';
  const to = query.to !== undefined ? parseBound(query.to, 'to').to : '9999-12-31';
  if (from > to) throw new PeriodError('to', `to (${to}) is before from (${from}).`);
  return { from, to };
}

/** A stable text for a range, for cache keys. */
export function periodKey(period: DateRange | undefined): string {
  return period ? `${period.from}..${period.to}` : 'all';
}
