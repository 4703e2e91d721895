import { z } from 'zod';
import { isIsoDate } from './iso-date.ts';

/**
 * Field schemas shared by the record schemas. Each accepts a value as it comes from CSV (a
 * string; the empty string means null) or from NDJSON (a JSON value), so one schema validates
 * both formats. Messages name the rule, never the value: the value may be a person id.
 */

/** CSV's empty field and a missing column both mean "no value". */
function blankToNull(value: unknown): unknown {
  return value === '' || value === undefined ? null : value;
}

const requiredMessage = (what: string) => (issue: { input: unknown }) =>
  issue.input === null || issue.input === undefined ? 'is required' : `must be ${what}`;

const tooLong = (max: number) => `must be at most ${max} characters`;

/** A non-empty string of at most `max` characters. */
export function requiredText(max: number) {
  return z.preprocess(
    blankToNull,
    z.string({ error: requiredMessage('text') }).max(max, { error: tooLong(max) }),
  );
}

/** A string of at most `max` characters, or null. */
export function optionalText(max: number) {
  return z.preprocess(
    blankToNull,
    z
      .string({ error: 'must be text' })
      .max(max, { error: tooLong(max) })
      .nullable(),
  );
}

const dateString = (error: (issue: { input: unknown }) => string) =>
  z.string({ error }).refine(isIsoDate, { error: 'must be a date YYYY-MM-DD that exists' });

/** An ISO date `YYYY-MM-DD` that exists in the calendar. */
export const requiredDate = z.preprocess(blankToNull, dateString(requiredMessage('a date YYYY-MM-DD')));

/** An ISO date or null. */
export const optionalDate = z.preprocess(
  blankToNull,
  dateString(() => 'must be a date YYYY-MM-DD').nullable(),
);

function booleanLike(value: unknown): unknown {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return blankToNull(value);
}

/** `true` or `false` (JSON booleans or the CSV words). */
export const requiredBoolean = z.preprocess(
  booleanLike,
  z.boolean({ error: requiredMessage('true or false') }),
);

/** `true`, `false` or null. */
export const optionalBoolean = z.preprocess(
  booleanLike,
  z.boolean({ error: 'must be true or false' }).nullable(),
);

const INTEGER = /^-?\d+$/;

function integerLike(value: unknown): unknown {
  // `-0` (text or JSON) is the whole number 0; keep the sign out of the stored record.
  if (typeof value === 'string' && INTEGER.test(value)) return Number(value) + 0;
  if (typeof value === 'number') return value + 0;
  return blankToNull(value);
}

/** A whole number in [min, max], or null. */
export function optionalInteger(min: number, max = Number.MAX_SAFE_INTEGER) {
  const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `between ${min} and ${max}`;
  const error = `must be a whole number ${range}`;
  return z.preprocess(
    integerLike,
    z.number({ error }).int({ error }).min(min, { error }).max(max, { error }).nullable(),
  );
}

/** One of `values`. */
export function requiredEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess(blankToNull, z.enum(values, { error: requiredMessage(`one of ${values.join(', ')}`) }));
}

/**
 * A list of codes of at most `max` characters each: in CSV `a;b;c`, in NDJSON the same string or
 * an array of strings. Empty entries are dropped, so `a;;b` and `a;b;` read as `[a, b]`.
 */
export const codeList = (max: number) =>
  z.preprocess(
    (value) =>
      typeof value === 'string'
        ? value
            .split(';')
            .map((code) => code.trim())
            .filter((code) => code !== '')
        : (blankToNull(value) ?? []),
    z.array(
      z.string({ error: 'must be codes separated by ;' }).max(max, { error: `codes ${tooLong(max)}` }),
      { error: 'must be codes separated by ;' },
    ),
  );
