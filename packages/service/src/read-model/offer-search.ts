import type { OfferView } from './read-model.ts';
import { rateOf } from '@evg/effects';
import { sortOfferViews } from './offer-sort.ts';

/** The filters of `GET /v1/offers`, after validation. Lists match any of their values. */
export interface OfferFilters {
  /** Offer ids matching the free text (from the full-text search); undefined = no text. */
  textMatches?: ReadonlySet<string>;
  targetGroups?: readonly string[];
  industries?: readonly string[];
  packages?: readonly string[];
  providers?: readonly string[];
  providerKinds?: readonly string[];
  maxPrice?: number;
  /** Minimum rate (0–1) per outcome measure key, e.g. `{ effect3m: 0.3 }`. */
  minOutcome?: Readonly<Record<string, number>>;
  minSatisfaction?: number;
  minCompanyShare?: number;
  accessible?: boolean;
  minHours?: number;
  maxHours?: number;
  minWeeks?: number;
  maxWeeks?: number;
}

export const FACETS = ['targetGroup', 'industry', 'package', 'provider'] as const;
export type Facet = (typeof FACETS)[number];

export interface FacetCount {
  value: string;
  count: number;
}

export interface OfferSearchResult {
  total: number;
  items: OfferView[];
  facets: Record<Facet, FacetCount[]>;
}

type Predicate = (view: OfferView) => boolean;

const anyOf = (wanted: readonly string[] | undefined, values: readonly string[]): boolean =>
  wanted === undefined || wanted.length === 0 || values.some((value) => wanted.includes(value));

/** A bound on a number the offer may not have: an offer without the number never passes. */
const atLeast = (value: number | null, min: number | undefined): boolean =>
  min === undefined || (value !== null && value >= min);
const atMost = (value: number | null, max: number | undefined): boolean =>
  max === undefined || (value !== null && value <= max);

function facetValues(view: OfferView, facet: Facet): readonly string[] {
  switch (facet) {
    case 'targetGroup':
      return view.offer.targetGroups;
    case 'industry':
      return view.offer.industries;
    case 'package':
      return [view.offer.package];
    case 'provider':
      return [view.offer.providerId];
  }
}

/** Filters other than the four facets; facets each get their own predicate below. */
function baseFilter(filters: OfferFilters): Predicate {
  const minOutcome = Object.entries(filters.minOutcome ?? {});
  return (view) =>
    (filters.textMatches === undefined || filters.textMatches.has(view.offer.offerId)) &&
    anyOf(filters.providerKinds, view.provider ? [view.provider.kind] : []) &&
    atMost(view.offer.priceDkk, filters.maxPrice) &&
    minOutcome.every(([key, min]) => atLeast(rateOf(view.row, key), min)) &&
    atLeast(view.row.satisfiedShare.rate, filters.minSatisfaction) &&
    atLeast(view.row.companyShare.rate, filters.minCompanyShare) &&
    (filters.accessible === undefined || view.offer.accessible === filters.accessible) &&
    atLeast(view.offer.hoursPerWeek, filters.minHours) &&
    atMost(view.offer.hoursPerWeek, filters.maxHours) &&
    atLeast(view.offer.durationWeeks, filters.minWeeks) &&
    atMost(view.offer.durationWeeks, filters.maxWeeks);
}

function facetFilter(filters: OfferFilters, facet: Facet): Predicate {
  const wanted = {
    targetGroup: filters.targetGroups,
    industry: filters.industries,
    package: filters.packages,
    provider: filters.providers,
  }[facet];
  return (view) => anyOf(wanted, facetValues(view, facet));
}

/**
 * Filters, counts facets, sorts and pages the offers. Each facet is counted over the offers
 * that pass every OTHER filter, so a caseworker sees how many offers picking a value would give.
 *
 * @example
 *   searchOffers(model.offerViews(undefined), { targetGroups: ['jobparat'] }, '-effect3m', 20, 0);
 */
export function searchOffers(
  views: readonly OfferView[],
  filters: OfferFilters,
  sort: string,
  limit: number,
  offset: number,
): OfferSearchResult {
  const base = views.filter(baseFilter(filters));
  const facetPredicates = FACETS.map((facet) => [facet, facetFilter(filters, facet)] as const);
  const matching = base.filter((view) => facetPredicates.every(([, predicate]) => predicate(view)));
  const countFacet = (facet: Facet): FacetCount[] => {
    const others = facetPredicates.filter(([other]) => other !== facet);
    const counts = new Map<string, number>();
    for (const view of base) {
      if (!others.every(([, predicate]) => predicate(view))) continue;
      for (const value of new Set(facetValues(view, facet))) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    const list = [...counts].map(([value, count]) => ({ value, count }));
    list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    return list;
  };
  const facets: Record<Facet, FacetCount[]> = {
    targetGroup: countFacet('targetGroup'),
    industry: countFacet('industry'),
    package: countFacet('package'),
    provider: countFacet('provider'),
  };
  const sorted = sortOfferViews(matching, sort);
  return { total: matching.length, items: sorted.slice(offset, offset + limit), facets };
}
