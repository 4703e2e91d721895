/**
 * Typed errors of the effects engine. Callers branch on `code` (kebab-case, as every error code
 * of the EVG), never on the message.
 * Messages name the offer, field or value at fault but never a person id.
 */
export const EFFECTS_ERROR_CODES = [
  'invalid-date',
  'invalid-measure',
  'invalid-fine-cell',
  'unkeyed-fine-cell',
  'unknown-benefit-type',
  'unknown-offer',
  'unknown-provider',
  'unknown-enrollment',
  'period-not-month-aligned',
  'invalid-period',
  'invalid-config',
  'invalid-bonus-rule',
] as const;
export type EffectsErrorCode = (typeof EFFECTS_ERROR_CODES)[number];

/**
 * @example
 * try { parseDay('2026-02-30'); } catch (e) { if (e instanceof EffectsError && e.code === 'invalid-date') ... }
 */
export class EffectsError extends Error {
  override readonly name = 'EffectsError';
  constructor(
    readonly code: EffectsErrorCode,
    message: string,
  ) {
    super(message);
  }
}
