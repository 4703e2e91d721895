import type { OfferFilters } from '../read-model/offer-search.ts';
import type { OfferView } from '../read-model/read-model.ts';
import type { ServedModel } from '../read-model/served-model.ts';
import { asEffectRow, asEffectRows } from './schemas/effect-row.ts';
import { minOutcomeParam, type OfferSearchQuery } from './schemas/offer-search.ts';
import { figuresMeta } from './figures-meta.ts';
import { ProblemError } from './problem.ts';
import { FIXED_SORT_KEYS } from '../read-model/offer-sort.ts';

/** The search filters of a validated query; `textMatches` comes from the full-text search. */
export function toOfferFilters(
  query: OfferSearchQuery,
  measureKeys: readonly string[],
  textMatches: ReadonlySet<string> | undefined,
): OfferFilters {
  const values: Readonly<Record<string, unknown>> = query;
  const minOutcome: Record<string, number> = {};
  for (const key of measureKeys) {
    const min = values[minOutcomeParam(key)];
    if (typeof min === 'number') minOutcome[key] = min;
  }
  for (const entry of query.min ?? []) {
    const [key, value, ...extra] = entry.split(':');
    const rate = Number(value);
    const bad = (detail: string, message: string): never => {
      throw new ProblemError('validation', `min: '${entry}' ${detail}`, [
        { in: 'query', name: 'min', message: `'${entry}' ${message}` },
      ]);
    };
    if (key === undefined || !measureKeys.includes(key)) {
      const known = measureKeys.join(', ');
      bad(`nævner intet effektmål; kendte mål: ${known}.`, `names no outcome measure; known: ${known}`);
    }
    if (extra.length > 0 || value === undefined || value.trim() === '' || !(rate >= 0 && rate <= 1))
      bad(
        'skal have en andel fra 0 til 1 efter kolon, fx effect12m:0.3.',
        'needs a rate from 0 to 1 after the colon, e.g. effect12m:0.3',
      );
    minOutcome[key!] = Math.max(minOutcome[key!] ?? 0, rate);
  }
  checkSort(query.sort, measureKeys);
  return {
    textMatches,
    targetGroups: query.targetGroup,
    industries: query.industry,
    packages: query.package,
    providers: query.provider,
    providerKinds: query.providerKind,
    maxPrice: query.maxPrice,
    minOutcome,
    minSatisfaction: query.minSatisfaction,
    minCompanyShare: query.minCompanyShare,
    accessible: query.accessible,
    minHours: query.minHours,
    maxHours: query.maxHours,
    minWeeks: query.minWeeks,
    maxWeeks: query.maxWeeks,
  };
}

/**
 * The JSON of one offer in search results and comparisons; with a result bonus, the measure
 * whose success triggers it, so a reader prices the bonus against that measure's rate.
 */
export function toOfferSummary(model: ServedModel, view: OfferView) {
  const { offer } = view;
  const bonus = offer.resultBonusDkk !== null && offer.resultBonusDkk > 0;
  return {
    offer: { ...offer, resultBonusMeasure: bonus ? model.bonusMeasure(offer.offerId) : null },
    provider: view.provider ?? null,
    effects: asEffectRow(view.row),
  };
}

/** The JSON of an offer's profile. */
export function toOfferProfile(model: ServedModel, view: OfferView) {
  const supervision = model.latestSupervision(view.offer.offerId);
  return {
    ...toOfferSummary(model, view),
    ...figuresMeta(model),
    byTargetGroup: asEffectRows(model.offerByTargetGroup(view.offer.offerId)),
    trend: asEffectRows(model.offerTrend(view.offer.offerId)),
    latestSupervision: supervision
      ? {
          supervisionId: supervision.supervisionId,
          visitedOn: supervision.visitedOn,
          smiley: supervision.smiley,
          note: supervision.note,
        }
      : null,
  };
}

/** A sort on a measure the loaded data version does not carry is refused, naming `sort`. */
function checkSort(sort: string, measureKeys: readonly string[]): void {
  const key = sort.replace(/^-/, '').replace(/\.adjusted$/, '');
  if (FIXED_SORT_KEYS.some((fixed) => fixed === key) || measureKeys.includes(key)) return;
  const known = measureKeys.join(', ');
  throw new ProblemError('validation', `sort: '${sort}' er ingen sorteringsnøgle; mål: ${known}.`, [
    { in: 'query', name: 'sort', message: `'${sort}' is no sort key; measures: ${known}` },
  ]);
}
