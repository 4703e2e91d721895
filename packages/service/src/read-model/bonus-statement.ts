import {
  bonusStatement,
  type BonusRule,
  type BonusStatement,
  type DateRange,
  type EffectRow,
  type MeasureDefinition,
  type Offer,
  type Provider,
} from '@evg/effects';
import type { EffectsQuery } from './read-model.ts';

/** What the statement needs of a model: the served one in the service, a ReadModel in the CLI. */
export interface StatementModel {
  readonly asOf: string | null;
  readonly offers: readonly Offer[];
  readonly providers: readonly Provider[];
  readonly measures: readonly MeasureDefinition[];
  effects(query: EffectsQuery): EffectRow[] | Promise<EffectRow[]>;
}

/**
 * The bonus statement of a period from the current data version: the exact effect table by
 * offer (never perturbed, never cached), priced with the offers' bonus rules. Null before the
 * first refresh.
 * @example await statementOf(app.readModel.current, await listBonusRules(db), parsePeriodName('2026H1', 'period'))
 */
export async function statementOf(
  model: StatementModel,
  rules: readonly BonusRule[],
  period: DateRange,
): Promise<BonusStatement | null> {
  if (model.asOf === null) return null;
  const rows = await model.effects({ groupBy: ['offer'], period, periodUnit: 'halfYear', exact: true });
  return bonusStatement({
    period,
    asOf: model.asOf,
    offers: model.offers,
    providers: model.providers,
    measures: model.measures,
    // A rule naming a measure the loaded version does not carry throws invalid-bonus-rule:
    // callers check rulesAwaitingRefresh first, as paying on another measure would be wrong.
    rules,
    rows,
  });
}

/** Rules whose measure the current data version does not carry (a refresh is due). */
export function rulesAwaitingRefresh(model: StatementModel, rules: readonly BonusRule[]): BonusRule[] {
  return rules.filter((rule) => !model.measures.some((m) => m.key === rule.measureKey));
}
