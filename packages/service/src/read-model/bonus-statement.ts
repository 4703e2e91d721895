import { bonusStatement, type BonusRule, type BonusStatement, type DateRange } from '@evg/effects';
import type { ReadModel } from './read-model.ts';

/**
 * The bonus statement of a period from the current data version: the exact effect table by
 * offer (never perturbed, never cached), priced with the offers' bonus rules. Null before the
 * first refresh.
 * @example statementOf(app.readModel.current, await listBonusRules(db), parsePeriodName('2026H1', 'period'))
 */
export function statementOf(
  model: ReadModel,
  rules: readonly BonusRule[],
  period: DateRange,
): BonusStatement | null {
  if (model.asOf === null) return null;
  const rows = model.effects({ groupBy: ['offer'], period, periodUnit: 'halfYear', exact: true });
  return bonusStatement({
    period,
    asOf: model.asOf,
    offers: model.offers,
    providers: model.providers,
    measures: model.measures,
    // A rule naming a measure the loaded version does not carry throws INVALID_BONUS_RULE:
    // callers check rulesAwaitingRefresh first, as paying on another measure would be wrong.
    rules,
    rows,
  });
}

/** Rules whose measure the current data version does not carry (a refresh is due). */
export function rulesAwaitingRefresh(model: ReadModel, rules: readonly BonusRule[]): BonusRule[] {
  return rules.filter((rule) => !model.measures.some((m) => m.key === rule.measureKey));
}
