/**
 * Calendar days as integers: the number of days since 1970-01-01 (day 0). All engine arithmetic
 * runs on these numbers; no `Date` object is created (measures.md §1: no time zones).
 * Civil-from-days and days-from-civil follow Howard Hinnant's algorithms.
 */
import { EffectsError } from './errors.ts';

/** Days since 1970-01-01. */
export type Day = number;

/** Day number of a proleptic Gregorian date; `month` is 1–12. */
export function daysFromCivil(year: number, month: number, dayOfMonth: number): Day {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + dayOfMonth - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Year of a day number. */
export function yearOfDay(day: Day): number {
  return civilFromDays(day, scratch)[0];
}

const scratch: [number, number, number] = [0, 0, 0];

/**
 * Calendar fields of a day number, written into `out` (to avoid an allocation in hot loops).
 * @example civilFromDays(0) // [1970, 1, 1]
 */
export function civilFromDays(day: Day, out: [number, number, number] = [0, 0, 0]): [number, number, number] {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  out[0] = yoe + era * 400 + (m <= 2 ? 1 : 0);
  out[1] = m;
  out[2] = d;
  return out;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Number of days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (MONTH_LENGTHS[month - 1] ?? 0);
}

function digit(text: string, index: number): number {
  const code = text.charCodeAt(index) - 48;
  return code >= 0 && code <= 9 ? code : -1;
}

/**
 * Strictly parses an ISO `YYYY-MM-DD` calendar date into a day number.
 * Throws `EffectsError('invalid-date')` for anything else, including impossible dates.
 * @example parseDay('2024-01-31') // 19753
 * @example parseDay('2026-02-30') // throws invalid-date
 */
export function parseDay(text: string, field = 'date'): Day {
  if (text.length === 10 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) {
    const y0 = digit(text, 0);
    const y1 = digit(text, 1);
    const y2 = digit(text, 2);
    const y3 = digit(text, 3);
    const m0 = digit(text, 5);
    const m1 = digit(text, 6);
    const d0 = digit(text, 8);
    const d1 = digit(text, 9);
    if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) >= 0) {
      const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
      const month = m0 * 10 + m1;
      const dayOfMonth = d0 * 10 + d1;
      if (month >= 1 && month <= 12 && dayOfMonth >= 1 && dayOfMonth <= daysInMonth(year, month)) {
        return daysFromCivil(year, month, dayOfMonth);
      }
    }
  }
  // Only echo values shaped like a date: a free-text value could be a CPR number.
  const shown = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `: "${text}"` : '';
  throw new EffectsError('invalid-date', `${field} is not a valid calendar date YYYY-MM-DD${shown}`);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * ISO `YYYY-MM-DD` of a day number.
 * @example formatDay(19753) // '2024-01-31'
 */
export function formatDay(day: Day): string {
  const [y, m, d] = civilFromDays(day, scratch);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/**
 * Adds `months` calendar months, clamping to the last day of the target month (date-fns
 * `addMonths` semantics): addMonths(2024-01-31, 1) = 2024-02-29.
 * @example formatDay(addMonths(parseDay('2024-01-31'), 1)) // '2024-02-29'
 */
export function addMonths(day: Day, months: number): Day {
  const [y, m, d] = civilFromDays(day, scratch);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const length = daysInMonth(year, month);
  return daysFromCivil(year, month, d < length ? d : length);
}

/**
 * Writes addMonths(anchor, k) into out[k] for k = 0 … count − 1: the first days of the months
 * after an anchor, computed from the anchor each time (no drift). One calendar split for all k.
 * @example addMonthsSeries(parseDay('2024-01-31'), 3) // days of 2024-01-31, 2024-02-29, 2024-03-31
 */
export function addMonthsSeries(anchor: Day, count: number, out: number[] = []): number[] {
  const [y, m, d] = civilFromDays(anchor, scratch);
  let year = y;
  let month = m;
  // Day number of the first of the current target month, advanced by its length each step.
  let firstOfMonth = anchor - d + 1;
  for (let k = 0; k < count; k++) {
    const length = daysInMonth(year, month);
    out[k] = firstOfMonth + (d < length ? d : length) - 1;
    firstOfMonth += length;
    if (month === 12) {
      month = 1;
      year++;
    } else {
      month++;
    }
  }
  return out;
}

/** First day of month k after anchor `a` (measures.md §2). */
export function monthFirst(anchor: Day, k: number): Day {
  return addMonths(anchor, k);
}

/** Last day of month k after anchor `a`: addMonths(a, k + 1) − 1, always from the anchor. */
export function monthLast(anchor: Day, k: number): Day {
  return addMonths(anchor, k + 1) - 1;
}

/** Month index of a day: year × 12 + (month − 1). Compact key for fine cells. */
export function monthIndexOfDay(day: Day): number {
  const [y, m] = civilFromDays(day, scratch);
  return y * 12 + m - 1;
}

/** `YYYY-MM` of a month index. */
export function formatMonthIndex(monthIndex: number): string {
  const year = Math.floor(monthIndex / 12);
  return `${pad(year, 4)}-${pad(monthIndex - year * 12 + 1, 2)}`;
}

/** Month index of `YYYY-MM`; throws invalid-date otherwise. */
export function parseMonth(text: string, field = 'month'): number {
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  const month = match ? Number(match[2]) : 0;
  if (!match || month < 1 || month > 12) {
    throw new EffectsError('invalid-date', `${field} is not a valid month YYYY-MM`);
  }
  return Number(match[1]) * 12 + month - 1;
}

/** Whole years from `birth` to `day` (a birthday counts on its date; 29 Feb on 1 Mar in common years). */
export function ageInYears(birth: Day, day: Day): number {
  const [by, bm, bd] = civilFromDays(birth, scratch);
  const [y, m, d] = civilFromDays(day, scratch);
  const beforeBirthday = m < bm || (m === bm && d < bd);
  return y - by - (beforeBirthday ? 1 : 0);
}
