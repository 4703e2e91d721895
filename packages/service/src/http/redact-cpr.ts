import { CPR_REDACTED, looksLikeCpr, redactCpr } from '@evg/effects';

/**
 * The service's CPR redaction is the data contract's one definition (`@evg/effects`
 * `schemas/cpr.ts`): the same pattern refuses person ids and masks free text.
 */
export { redactCpr };

/** Whether `text` holds a CPR-like run anywhere. */
export function containsCprLike(text: string): boolean {
  return looksLikeCpr(text);
}

/**
 * A log line with every CPR-like run masked, whatever wrote it (a message, an error's text, a
 * driver's detail, a key). JSON lines are masked value by value so they stay valid JSON; a
 * line without a CPR-like run is returned as it is, so the common case costs one regex test.
 *
 * @example
 *   redactLogLine('{"msg":"bad id 0101901234"}\n'); // '{"msg":"bad id [CPR-lignende værdi]"}\n'
 */
export function redactLogLine(line: string): string {
  if (!looksLikeCpr(line)) return line;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return redactCpr(line);
  }
  return JSON.stringify(redactValue(value)) + (line.endsWith('\n') ? '\n' : '');
}

function redactValue(value: unknown): unknown {
  if (typeof value === 'string') return redactCpr(value);
  if (typeof value === 'number') return looksLikeCpr(String(value)) ? CPR_REDACTED : value;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(redactValue);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [redactCpr(key), redactValue(item)]));
}
