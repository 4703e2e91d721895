/**
 * Period shorthands (measures.md §5): `2026` (year), `2026H1` (half-year), `2026Q3` (quarter).
 */
import type { DateRange, PeriodUnit } from './engine-config.ts';
import { EffectsError } from './errors.ts';
import { daysInMonth, parseMonth } from './day.ts';

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * The inclusive date range of a period name: the one grammar of the CLI and the API.
 * `2026` (year), `2026H1` (half-year), `2026Q3` (quarter) or `2026-03` (month); years from 1900.
 * Throws EffectsError `invalid-period` with a message that quotes the text and says why.
 * @example parsePeriod('2026H1') // { from: '2026-01-01', to: '2026-06-30' }
 * @example parsePeriod('2026Q3') // { from: '2026-07-01', to: '2026-09-30' }
 * @example parsePeriod('2026-02') // { from: '2026-02-01', to: '2026-02-28' }
 */
export function parsePeriod(text: string): DateRange {
  const match = /^(\d{4})(?:([HQ])([1-4])|-(\d{2}))?$/.exec(text);
  if (!match || (match[2] === 'H' && Number(match[3]) > 2)) {
    throw new EffectsError(
      'invalid-period',
      `'${text}' is not a period; use e.g. 2026, 2026H1, 2026Q3 or 2026-03`,
    );
  }
  const year = Number(match[1]);
  // No data is that old, and Date arithmetic maps years 0–99 to 19xx.
  if (year < 1900) throw new EffectsError('invalid-period', `'${text}' is before the year 1900`);
  let firstMonth: number;
  let months: number;
  if (match[4] !== undefined) {
    firstMonth = Number(match[4]);
    months = 1;
    if (firstMonth < 1 || firstMonth > 12)
      throw new EffectsError('invalid-period', `'${text}' has no month ${firstMonth}`);
  } else {
    months = match[2] === 'H' ? 6 : match[2] === 'Q' ? 3 : 12;
    firstMonth = (Number(match[3] ?? 1) - 1) * months + 1;
  }
  const lastMonth = firstMonth + months - 1;
  return {
    from: `${pad(year, 4)}-${pad(firstMonth, 2)}-01`,
    to: `${pad(year, 4)}-${pad(lastMonth, 2)}-${pad(daysInMonth(year, lastMonth), 2)}`,
  };
}

/** The period key of a month index (year × 12 + month − 1) in a unit. */
export function periodKeyOfMonthIndex(monthIndex: number, unit: PeriodUnit): string {
  const year = Math.floor(monthIndex / 12);
  const month0 = monthIndex - year * 12;
  const y = pad(year, 4);
  if (unit === 'year') return y;
  if (unit === 'halfYear') return `${y}H${month0 < 6 ? 1 : 2}`;
  return `${y}Q${Math.floor(month0 / 3) + 1}`;
}

/**
 * The period key containing a month (`YYYY-MM`) or a day (`YYYY-MM-DD`).
 * @example periodKeyOf('2026-08', 'quarter') // '2026Q3'
 * @example periodKeyOf('2026-08-15', 'halfYear') // '2026H2'
 */
export function periodKeyOf(monthOrDay: string, unit: PeriodUnit): string {
  return periodKeyOfMonthIndex(parseMonth(monthOrDay.slice(0, 7), 'period'), unit);
}
