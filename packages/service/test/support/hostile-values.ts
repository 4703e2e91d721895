/**
 * Values an attacker or a broken client sends: SQL and script fragments, encodings, boundary
 * numbers and impossible dates. Shared by the fuzz tests so every text field gets all of them.
 */
import fc from 'fast-check';

export const SQL_FRAGMENTS = [
  "' OR '1'='1",
  "'; DROP TABLE persons; --",
  '1; SELECT pg_sleep(10)',
  "x' UNION SELECT person_id, birth_date FROM persons --",
  '$$; COPY persons TO PROGRAM $$id',
  "\\'; --",
  '%; --',
  '/**/OR/**/1=1',
  "E'\\x00'",
] as const;

export const SCRIPT_FRAGMENTS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{constructor.constructor("return process")()}}',
  '${process.exit(1)}',
  '__proto__',
  'constructor',
  'prototype',
  '../../../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
] as const;

export const ENCODING_FRAGMENTS = [
  '',
  ' ',
  '\u0000',
  '\u0000abc',
  '%00',
  '%',
  '%zz',
  '%E0%A4%A',
  '\uFEFF',
  '\uD800',
  'æøå ÆØÅ',
  '🤖',
  '\r\n',
  '\t',
  'a'.repeat(10_000),
] as const;

/** CPR-shaped values: with or without the hyphen, and ones that only look like it. */
export const CPR_LIKE = ['0101901234', '010190-1234', '3112999999', '311299-9999'] as const;

/** Separators seen between a CPR number's date and serial: dashes of every kind, spaces, marks. */
export const CPR_SEPARATORS = ['', '-', ' ', '–', '—', '−', '‐', '/', '.', '_', ' - ', '\t', '\u00a0'];

/**
 * A CPR number spelled as registers, spreadsheets and people write it: any date-like six digits
 * and four digits, any separator, sometimes a `CPR` label, sometimes inside other text.
 * `digits` is the ten digits, to look for in whatever the service answers, stores or logs.
 */
export const cprSpelling = fc
  .record({
    date: fc.stringMatching(/^\d{6}$/),
    serial: fc.stringMatching(/^\d{4}$/),
    separator: fc.constantFrom(...CPR_SEPARATORS),
    label: fc.constantFrom('', '', 'CPR', 'CPR ', 'cpr-nr. ', 'CPR:'),
    // Text before and after the number, split at `|`.
    around: fc.constantFrom('|', '|', 'x |', '| y', 'P|', 'nr. |, tak'),
  })
  .map(({ date, serial, separator, label, around }) => ({
    text: around.replace('|', `${label}${date}${separator}${serial}`),
    digits: date + serial,
  }));

export const BAD_DATES = [
  '2026-02-30',
  '2026-02-29',
  '2025-13-01',
  '2025-00-10',
  '2025-1-1',
  '20250101',
  '0000-01-01',
  '9999-12-32',
  '+275760-09-13',
  '2025-06-01T00:00:00Z',
  '01-06-2025',
  'NaN',
] as const;

export const GOOD_DATES = ['2024-01-01', '2024-02-29', '2025-06-30', '2026-10-31'] as const;

export const NUMBER_STRINGS = [
  '0',
  '-1',
  '1',
  '1.5',
  '1e3',
  '1e309',
  '-0',
  '9007199254740993',
  '0x10',
  'Infinity',
  'NaN',
  ' 5',
  '5 ',
  '',
] as const;

/** Any of the hostile strings, or a random one (full Unicode, including lone surrogates). */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SQL_FRAGMENTS, ...SCRIPT_FRAGMENTS) },
  { weight: 2, arbitrary: fc.constantFrom(...ENCODING_FRAGMENTS, ...CPR_LIKE, ...BAD_DATES) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);
