import type { DateRange } from '@evg/effects';

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

const pad = (value: number): string => String(value).padStart(2, '0');

function lastDayOfMonth(year: number, month: number): string {
  // Day 0 of the next month is the last day of this one; UTC so no time zone shifts it.
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(day)}`;
}

function monthRange(year: number, fromMonth: number, toMonth: number): DateRange {
  return { from: `${year}-${pad(fromMonth)}-01`, to: lastDayOfMonth(year, toMonth) };
}

/**
 * Reads `2026`, `2026H1`, `2026Q3` or a month `2026-03` as a date range.
 *
 * @example
 *   parsePeriodName('2026H2', 'period'); // { from: '2026-07-01', to: '2026-12-31' }
 */
export function parsePeriodName(value: string, parameter: 'period' | 'from' | 'to'): DateRange {
  const match = /^(\d{4})(?:(H[12])|(Q[1-4])|-(\d{2}))?$/.exec(value);
  if (!match) {
    throw new PeriodError(
      parameter,
      `${parameter} '${value}' is not a period; use e.g. 2026, 2026H1, 2026Q3 or 2026-03.`,
    );
  }
  const year = checkYear(Number(match[1]), value, parameter);
  if (match[2]) return match[2] === 'H1' ? monthRange(year, 1, 6) : monthRange(year, 7, 12);
  if (match[3]) {
    const quarter = Number(match[3].slice(1));
    return monthRange(year, quarter * 3 - 2, quarter * 3);
  }
  if (match[4]) {
    const month = Number(match[4]);
    if (month < 1 || month > 12)
      throw new PeriodError(parameter, `${parameter} '${value}' has no month ${month}.`);
    return monthRange(year, month, month);
  }
  return monthRange(year, 1, 12);
}

/** Years before 1900 hold no data and break the date arithmetic (Date.UTC maps 0–99 to 19xx). */
function checkYear(year: number, value: string, parameter: 'period' | 'from' | 'to'): number {
  if (year < 1900) throw new PeriodError(parameter, `${parameter} '${value}' is before the year 1900.`);
  return year;
}

function parseBound(value: string, parameter: 'from' | 'to'): DateRange {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!date) return parsePeriodName(value, parameter);
  const [year, month, day] = [checkYear(Number(date[1]), value, parameter), Number(date[2]), Number(date[3])];
  if (month < 1 || month > 12)
    throw new PeriodError(parameter, `${parameter} '${value}' is not a valid date.`);
  const whole = monthRange(year, month, month);
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
