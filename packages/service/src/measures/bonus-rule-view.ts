import { DEFAULT_BONUS_MEASURE, type Offer } from '@evg/effects';

/** What an administrator sees of an offer's bonus trigger (API and `evg bonus-rules list`). */
export interface BonusRuleView {
  offerId: string;
  offerName: string;
  resultBonusDkk: number | null;
  measureKey: string;
  /** false: the offer has no rule of its own and is triggered by the default (effect3m). */
  ruleDefined: boolean;
}

/**
 * @example bonusRuleView(offer, undefined) // { ..., measureKey: 'effect3m', ruleDefined: false }
 */
export function bonusRuleView(offer: Offer, measureKey: string | undefined): BonusRuleView {
  return {
    offerId: offer.offerId,
    offerName: offer.name,
    resultBonusDkk: offer.resultBonusDkk,
    measureKey: measureKey ?? DEFAULT_BONUS_MEASURE,
    ruleDefined: measureKey !== undefined,
  };
}
