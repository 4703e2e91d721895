/**
 * Whether a person id looks like a Danish CPR number: ten digits, or `DDMMYY-XXXX`. Any such
 * value is refused, whether or not its first six digits form a real date: a false alarm costs
 * a pseudonymisation, a miss leaks a CPR number. Such values must never be stored, logged or
 * echoed; the service replaces them by an HMAC pseudonym when an import asks for it.
 *
 * @example
 * looksLikeCpr('0101901234'); // true
 * looksLikeCpr('010190-1234'); // true
 * looksLikeCpr('P0000001'); // false
 */
export function looksLikeCpr(value: string): boolean {
  return CPR_PATTERN.test(value.trim());
}

const CPR_PATTERN = /^\d{6}-?\d{4}$/;
