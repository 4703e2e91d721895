import { describe, expect, it } from 'vitest';
import { pricePlusBonus, toOfferSummary } from '../../src/web/static/model.js';

const cell = (rate: number | null, suppressed = false) => ({
  n: 20,
  x: 5,
  rate,
  ciLow: null,
  ciHigh: null,
  suppressed,
});

/** An offer as search, profile and comparison send it, with a 3-month and a 12-month effect. */
const offer = (fields: Record<string, unknown>, effects: Record<string, unknown> = {}) =>
  toOfferSummary({
    offer: { offerId: 'T1', priceDkk: 12000, resultBonusDkk: 5000, ...fields },
    provider: null,
    effects: { effect3m: cell(0.5), effect12m: cell(0.25), costPerOutcome: 24000, ...effects },
  });

describe('price including the result bonus per self-sufficient citizen', () => {
  it("prices the bonus against the rate of the measure the offer's bonus rule names", () => {
    expect(pricePlusBonus(offer({ resultBonusMeasure: 'effect12m' }))).toBe(12000 / 0.25 + 5000);
    expect(pricePlusBonus(offer({ resultBonusMeasure: 'effect3m' }))).toBe(12000 / 0.5 + 5000);
  });

  it('takes effect3m, the default rule, when the answer names no measure', () => {
    const summary = offer({});
    expect(summary.resultBonusMeasure).toBe('effect3m');
    expect(pricePlusBonus(summary)).toBe(29000);
  });

  it('shows nothing without a bonus, a price, or a shown non-zero rate of the trigger', () => {
    expect(offer({ resultBonusDkk: null }).resultBonusMeasure).toBeNull();
    expect(pricePlusBonus(offer({ resultBonusDkk: 0 }))).toBeNull();
    expect(pricePlusBonus(offer({ priceDkk: null, resultBonusMeasure: 'effect12m' }))).toBeNull();
    const suppressed = { effect12m: cell(null, true) };
    expect(pricePlusBonus(offer({ resultBonusMeasure: 'effect12m' }, suppressed))).toBeNull();
    expect(pricePlusBonus(offer({ resultBonusMeasure: 'effect12m' }, { effect12m: cell(0) }))).toBeNull();
    expect(pricePlusBonus(offer({ resultBonusMeasure: 'effect99m' }))).toBeNull();
  });
});
