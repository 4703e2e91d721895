/**
 * Field checks and conversions straight on the bytes of a CSV buffer, for the columnar reader.
 * Each one accepts only what the zod schemas accept for the same text (ASCII); anything else
 * answers "not sure" so the row goes through the schemas, which word the error.
 */
import { daysFromCivil } from '../day.ts';

/** Returned by `dayOfBytes` for anything but an existing ISO date. */
export const NOT_A_DAY = -2147483648;

/**
 * The day number of an ISO date `YYYY-MM-DD` in bytes[start, end), or NOT_A_DAY, by the same
 * rule as `isIsoDate` (the date must exist).
 * @example
 * dayOfBytes(new TextEncoder().encode('1970-01-02'), 0, 10); // 1
 * dayOfBytes(new TextEncoder().encode('2026-02-30'), 0, 10); // NOT_A_DAY
 */
export function dayOfBytes(bytes: Uint8Array, start: number, end: number): number {
  if (end - start !== 10 || bytes[start + 4] !== DASH || bytes[start + 7] !== DASH) return NOT_A_DAY;
  const year = digits(bytes, start, start + 4);
  const month = digits(bytes, start + 5, start + 7);
  const day = digits(bytes, start + 8, start + 10);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NOT_A_DAY;
  return daysFromCivil(year, month, day);
}

/**
 * Whether bytes[start, end) is plain ASCII with fewer than ten digits: such a value can never
 * be CPR-like (a CPR-like run has ten digits), so the fast path may accept it as a person id
 * without the full CPR pattern. Anything else goes to the schemas.
 * @example surelyNotCprBytes(new TextEncoder().encode('P0000001'), 0, 8); // true
 */
export function surelyNotCprBytes(bytes: Uint8Array, start: number, end: number): boolean {
  let digitCount = 0;
  for (let i = start; i < end; i++) {
    const b = bytes[i] as number;
    if (b >= 0x80) return false;
    if (b >= 48 && b <= 57 && ++digitCount >= 10) return false;
  }
  return true;
}

/** Whether bytes[start, end) is plain ASCII (then its length in bytes is its length in UTF-16 units). */
export function isAsciiBytes(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if ((bytes[i] as number) >= 0x80) return false;
  return true;
}

const DASH = 45;

function digits(bytes: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = (bytes[i] as number) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
