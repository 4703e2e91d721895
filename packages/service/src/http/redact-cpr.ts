/**
 * Masks CPR-like digit runs (ten digits, or `DDMMYY-XXXX`) in free text: error details and log
 * fields may quote what a client sent, and a CPR number must never be echoed or logged.
 *
 * @example
 *   redactCpr("from '010190-1234' is not a date"); // "from '[CPR-lignende værdi]' is not a date"
 */
export function redactCpr(text: string): string {
  return text.replace(CPR_IN_TEXT, '[CPR-lignende værdi]');
}

/** Whether `text` holds a CPR-like digit run anywhere. */
export function containsCprLike(text: string): boolean {
  return new RegExp(CPR_IN_TEXT.source).test(text);
}

const CPR_IN_TEXT = /(?<!\d)\d{6}-?\d{4}(?!\d)/g;
