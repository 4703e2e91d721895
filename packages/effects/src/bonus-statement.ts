/**
 * The result bonus statement (seed 002 §3 "Opfølgning på resultater"; service.md "Result bonus
 * statement"): what the administration owes each provider for citizens who became
 * self-sufficient, per offer and period.
 *
 * Which enrollments belong to a period is exactly the effect tables' rule (measures.md §5): an
 * end-anchored trigger measure (effect3m, the default) takes the enrollments whose `end_date` is
 * in the period, a start-anchored one those whose `start_date` is. The statement is therefore the
 * exact effect table grouped by offer for that period, priced: its successes are the measure's
 * exact x, its pending enrollments the measure's exact pending count (window not yet complete at
 * `asOf`). A pending outcome is settled by a later statement for the same period, computed after
 * the cut-off has passed its window's last day; it never moves to a later period.
 *
 * Pure: the caller passes the exact rows (no suppression, no perturbation: counts that decide
 * payments are never perturbed).
 */
import type { DateRange, MeasureDefinition } from './engine-config.ts';
import type { IsoDate, Offer, Provider } from './records.ts';
import type { EffectRow } from './effect-row.ts';
import { EffectsError } from './errors.ts';

/** The measure whose success triggers the bonus when an offer has no rule of its own. */
export const DEFAULT_BONUS_MEASURE = 'effect3m';

/** Which outcome measure triggers an offer's result bonus; the amount is the offer's `resultBonusDkk`. */
export interface BonusRule {
  offerId: string;
  measureKey: string;
}

/** One offer's line of the statement. Amounts in whole kroner as the catalogue gives them. */
export interface BonusStatementLine {
  providerId: string;
  providerName: string;
  offerId: string;
  offerName: string;
  /** The trigger measure and its Danish label. */
  measureKey: string;
  measureLabel: string;
  /** Whether the offer's own rule names the measure (false: the default, effect3m). */
  ruleDefined: boolean;
  /** Price of the whole course per enrollment; null when the catalogue has none. */
  priceDkk: number | null;
  /** Bonus per successful outcome (`result_bonus_dkk`). */
  bonusPerOutcomeDkk: number;
  /** Enrollments of the period whose window is complete at asOf (the measure's exact n). */
  eligible: number;
  /** Successful outcomes (the measure's exact x): each releases one bonus. */
  successful: number;
  /** Enrollments of the period whose window ends after asOf: not yet payable, not yet failed. */
  pending: number;
  /** successful × bonusPerOutcomeDkk. */
  bonusPayableDkk: number;
  /**
   * (price × eligible + bonus payable) / successful = price / rate + bonus: what one
   * self-sufficient citizen cost, every eligible enrollment paid the price. Null when there is
   * no success or no price.
   */
  pricePlusBonusPerOutcomeDkk: number | null;
}

/** A provider's total over its offers' lines. */
export interface BonusProviderTotal {
  providerId: string;
  providerName: string;
  successful: number;
  pending: number;
  bonusPayableDkk: number;
}

export interface BonusStatement {
  period: DateRange;
  asOf: IsoDate;
  /** True when no line has a pending enrollment: a later cut-off cannot change the statement. */
  final: boolean;
  /** Offers with a result bonus (> 0 kr.), by provider id then offer id. */
  lines: BonusStatementLine[];
  providers: BonusProviderTotal[];
  bonusPayableDkk: number;
}

export interface BonusStatementInput {
  period: DateRange;
  asOf: IsoDate;
  offers: readonly Offer[];
  providers: readonly Provider[];
  /** The measures the rows carry; a rule must name one of them. */
  measures: readonly MeasureDefinition[];
  rules: readonly BonusRule[];
  /** The exact effect table grouped by offer for `period` (rows of offers without enrollments may be absent). */
  rows: readonly EffectRow[];
}

/**
 * Prices the exact effect rows of a period into the bonus statement.
 * Throws `invalid-bonus-rule` when a rule names a measure the rows do not carry. The rows must be
 * computed with `exact: true` (published figures must never decide a payment); a published row
 * cannot be told from an exact one, so that is the caller's duty.
 * @example
 * const rows = computeEffects({ asOf, catalog, groupBy: ['offer'], period, exact: true }, persons)
 *   .map((cell) => toEffectRow(cell, DEFAULT_MEASURES));
 * bonusStatement({ period, asOf, offers, providers, measures: DEFAULT_MEASURES, rules: [], rows })
 *   .lines[0]; // { offerId: 'O1', successful: 12, bonusPayableDkk: 60000, ... }
 */
export function bonusStatement(input: BonusStatementInput): BonusStatement {
  const measures = new Map(input.measures.map((m) => [m.key, m]));
  const rules = new Map<string, string>();
  for (const rule of input.rules) {
    if (!measures.has(rule.measureKey)) {
      throw new EffectsError(
        'invalid-bonus-rule',
        `the bonus rule of offer "${rule.offerId}" names measure "${rule.measureKey}", which the effect tables do not carry`,
      );
    }
    rules.set(rule.offerId, rule.measureKey);
  }
  const rows = new Map<string, EffectRow>();
  for (const row of input.rows) if (row.offerId !== undefined) rows.set(row.offerId, row);
  const providers = new Map(input.providers.map((p) => [p.providerId, p]));

  const lines: BonusStatementLine[] = [];
  for (const offer of input.offers) {
    const bonus = offer.resultBonusDkk;
    if (bonus === null || !(bonus > 0)) continue;
    const measureKey = rules.get(offer.offerId) ?? DEFAULT_BONUS_MEASURE;
    const measure = measures.get(measureKey);
    if (measure === undefined) {
      throw new EffectsError(
        'invalid-bonus-rule',
        `offer "${offer.offerId}" has no bonus rule and the default measure "${measureKey}" is not carried`,
      );
    }
    const outcome = rows.get(offer.offerId)?.outcomes[measureKey];
    // Exact rows: an empty n (0 eligible) comes as null, which is 0 here.
    const eligible = outcome?.n ?? 0;
    const successful = outcome?.x ?? 0;
    const pending = outcome?.pending ?? 0;
    const bonusPayableDkk = successful * bonus;
    const price = offer.priceDkk;
    lines.push({
      providerId: offer.providerId,
      providerName: providers.get(offer.providerId)?.name ?? offer.providerId,
      offerId: offer.offerId,
      offerName: offer.name,
      measureKey,
      measureLabel: measure.label,
      ruleDefined: rules.has(offer.offerId),
      priceDkk: price,
      bonusPerOutcomeDkk: bonus,
      eligible,
      successful,
      pending,
      bonusPayableDkk,
      pricePlusBonusPerOutcomeDkk:
        successful === 0 || price === null ? null : (price * eligible + bonusPayableDkk) / successful,
    });
  }
  lines.sort((a, b) => compare(a.providerId, b.providerId) || compare(a.offerId, b.offerId));

  const totals = new Map<string, BonusProviderTotal>();
  for (const line of lines) {
    let total = totals.get(line.providerId);
    if (!total) {
      total = {
        providerId: line.providerId,
        providerName: line.providerName,
        successful: 0,
        pending: 0,
        bonusPayableDkk: 0,
      };
      totals.set(line.providerId, total);
    }
    total.successful += line.successful;
    total.pending += line.pending;
    total.bonusPayableDkk += line.bonusPayableDkk;
  }
  return {
    period: input.period,
    asOf: input.asOf,
    final: lines.every((line) => line.pending === 0),
    lines,
    providers: [...totals.values()],
    bonusPayableDkk: lines.reduce((sum, line) => sum + line.bonusPayableDkk, 0),
  };
}

/**
 * The published "pris inkl. resultatbonus pr. selvforsørget borger" of an offer: price / rate
 * of the trigger measure + bonus, from the figures shown (published rate). Null when the offer
 * has no bonus or price, or the rate is 0 or suppressed.
 * @example pricePlusBonusPerOutcome(30000, 5000, 0.25) // 125000
 */
export function pricePlusBonusPerOutcome(
  priceDkk: number | null,
  bonusDkk: number | null,
  rate: number | null,
): number | null {
  if (priceDkk === null || bonusDkk === null || !(bonusDkk > 0) || rate === null || !(rate > 0)) return null;
  return priceDkk / rate + bonusDkk;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
