/**
 * Typed errors of the effects engine. Callers branch on `code`, never on the message.
 * Messages name the offer, field or value at fault but never a person id.
 */
export const EFFECTS_ERROR_CODES = [
  'INVALID_DATE',
  'INVALID_MEASURE',
  'INVALID_FINE_CELL',
  'UNKEYED_FINE_CELL',
  'UNKNOWN_BENEFIT_TYPE',
  'UNKNOWN_OFFER',
  'UNKNOWN_PROVIDER',
  'UNKNOWN_ENROLLMENT',
  'PERIOD_NOT_MONTH_ALIGNED',
  'INVALID_PERIOD',
  'INVALID_CONFIG',
  'INVALID_BONUS_RULE',
] as const;
export type EffectsErrorCode = (typeof EFFECTS_ERROR_CODES)[number];

/**
 * @example
 * try { parseDay('2026-02-30'); } catch (e) { if (e instanceof EffectsError && e.code === 'INVALID_DATE') ... }
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
