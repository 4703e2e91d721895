import { looksLikeCpr, redactCpr } from '@evg/effects';

/**
 * The service's CPR redaction is the data contract's one definition (`@evg/effects`
 * `schemas/cpr.ts`): the same pattern refuses person ids and masks free text.
 */
export { redactCpr };

/** Whether `text` holds a CPR-like run anywhere. */
export function containsCprLike(text: string): boolean {
  return looksLikeCpr(text);
}
