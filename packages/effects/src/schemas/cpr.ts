/**
 * CPR-like values: the one definition the service uses both to refuse person ids and to
 * redact free text (error messages, stored errors, log lines).
 *
 * A CPR-like value is six digits and four digits, not part of a longer digit run, separated by
 * nothing or by up to three separator characters: any whitespace, any dash (`-`, en dash,
 * em dash, minus sign, ...), `.`, `/`, `_`, `:`, a JSON escape such as `\t` or a URL escape such as `%20`, so `0101901234`,
 * `010190-1234`, `050590 1234`, `060690–1234`, `070790/1234` and `CPR0707901234` all count.
 * Whether the first six digits form a real date is not checked: a false alarm costs a
 * pseudonymisation or a redacted word, a miss leaks a CPR number.
 */

/** The separators between the date and the serial part (quotes are left out so JSON text stays valid). */
const SEPARATOR = String.raw`(?:[\s\-\u00AD\u2010-\u2015\u2212\uFE58\uFE63\uFF0D./_:·]|\\[tnr]|\\u[0-9a-fA-F]{4}|%[0-9a-fA-F]{2}){0,3}`;
// Not inside a longer digit run, nor the fraction of a decimal number (`12.3456789012`).
const CPR_SOURCE = String.raw`(?<!\d)(?<!\d\.)\d{6}${SEPARATOR}\d{4}(?!\d)`;

/** A CPR-like run anywhere in a text. */
const CPR_IN_TEXT = new RegExp(CPR_SOURCE, 'gu');

/** The replacement of a CPR-like run in redacted text. */
export const CPR_REDACTED = '[CPR-lignende værdi]';

/**
 * Whether a person id holds a CPR-like value (`0101901234`, `010190-1234`, `CPR 050590 1234`,
 * ...). Such ids are refused unless the import pseudonymises them; they must never be stored,
 * logged or echoed.
 *
 * @example
 * looksLikeCpr('0101901234'); // true
 * looksLikeCpr('060690–1234'); // true (en dash)
 * looksLikeCpr('P0000001'); // false
 */
export function looksLikeCpr(value: string): boolean {
  CPR_IN_TEXT.lastIndex = 0;
  return CPR_IN_TEXT.test(value);
}

/**
 * Masks every CPR-like run in free text. Applied where error messages are built and to every
 * log line, so no answer, stored error or log quotes a CPR number.
 *
 * @example
 * redactCpr("from '010190-1234' is not a date"); // "from '[CPR-lignende værdi]' is not a date"
 */
export function redactCpr(text: string): string {
  CPR_IN_TEXT.lastIndex = 0;
  return CPR_IN_TEXT.test(text) ? text.replace(CPR_IN_TEXT, CPR_REDACTED) : text;
}

/**
 * The canonical form of a person id for pseudonymisation: every CPR-like run becomes its ten
 * digits and a leading `CPR`/`CPR-nr.` label is dropped, so all spellings of one CPR number get
 * the same pseudonym (`010190-1234` and `0101901234` as before).
 *
 * @example
 * canonicalPersonId('CPR 050590 1234'); // '0505901234'
 */
export function canonicalPersonId(value: string): string {
  const digitsOnly = value.trim().replace(CPR_IN_TEXT, (run) => run.slice(0, 6) + run.slice(-4));
  return digitsOnly.replace(/^cpr(?:[\s-]*nr)?[\s.:#_-]*(?=\d{10}$)/i, '');
}
