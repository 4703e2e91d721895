/**
 * The one small world every example of the OpenAPI document is taken from: one provider, three
 * offers for target group `jobparat`, data version 3 with cut-off 2026-10-31. Every figure is
 * computed from its counts the way the engine computes it (rates x/n, Wilson intervals, Newcombe
 * differences), and the answers are built from each other (the search's items are the
 * comparison's offers, the provider's figures are its offers' sums, …), so an integrator
 * reading the examples side by side finds them in agreement.
 */
import { newcombeDifference, wilsonInterval } from '@evg/effects';

export const EXAMPLE_META = { dataVersion: 3, asOf: '2026-10-31', minCellSize: 5, maxPerturbation: 2 };

export const exampleProvider = {
  providerId: 'P-001',
  name: 'Jobhuset ApS',
  kind: 'external' as const,
  frameworkAgreement: 'RA-2025-03',
};

const offer = (fields: {
  offerId: string;
  name: string;
  description: string;
  industries: string[];
  priceDkk: number;
  hoursPerWeek: number;
  durationWeeks: number;
}) => ({
  providerId: exampleProvider.providerId,
  package: 'jobpakke',
  targetGroups: ['jobparat'],
  accessible: true,
  resultBonusDkk: null,
  validFrom: '2025-01-01',
  validTo: null,
  ...fields,
});

export const exampleOffers = [
  offer({
    offerId: 'T-0001',
    name: 'Vejen til lager og logistik',
    description: 'Truckcertifikat og virksomhedspraktik.',
    industries: ['transport'],
    priceDkk: 18500,
    hoursPerWeek: 30,
    durationWeeks: 8,
  }),
  offer({
    offerId: 'T-0002',
    name: 'Rengøring og service',
    description: 'Kursus i professionel rengøring med praktik i virksomheder.',
    industries: ['rengoering'],
    priceDkk: 12000,
    hoursPerWeek: 25,
    durationWeeks: 6,
  }),
  offer({
    offerId: 'T-0003',
    name: 'Kom i gang med IT-support',
    description: 'IT-kursus med certificering og praktik.',
    industries: ['it'],
    priceDkk: 9000,
    hoursPerWeek: 20,
    durationWeeks: 10,
  }),
];

export const exampleOffer = exampleOffers[0]!;

/** The counts a row is computed from: enrollments started, and successes per measure. */
interface Counts {
  started: number;
  completed: number;
  effect3m: number;
  effect7m: number;
  status1m: number;
  status3m: number;
  companyOriented: number;
  satisfied: number;
  answers: number;
  under30: number;
  complaints: number;
}

/** The expected rates (case mix) and the reference rates of the outcome measures. */
const EXPECTED = { effect3m: 0.27, effect7m: 0.4, status1m: 0.2, status3m: 0.3 };
const REFERENCE = { effect3m: 0.29, effect7m: 0.42, status1m: 0.22, status3m: 0.31 };

const round = (value: number) => Math.round(value * 10_000) / 10_000;

function rateCell(x: number, n: number) {
  const { low, high } = wilsonInterval(x, n);
  return { n, x, rate: x / n, ciLow: round(low), ciHigh: round(high), suppressed: false };
}

function outcomeCell(key: keyof typeof EXPECTED, x: number, n: number) {
  const oe = x / n / EXPECTED[key];
  return {
    ...rateCell(x, n),
    pending: 0,
    expectedRate: EXPECTED[key],
    oe: round(oe),
    adjustedRate: round(Math.min(1, oe * REFERENCE[key])),
  };
}

function add(a: Counts, b: Counts): Counts {
  return {
    started: a.started + b.started,
    completed: a.completed + b.completed,
    effect3m: a.effect3m + b.effect3m,
    effect7m: a.effect7m + b.effect7m,
    status1m: a.status1m + b.status1m,
    status3m: a.status3m + b.status3m,
    companyOriented: a.companyOriented + b.companyOriented,
    satisfied: a.satisfied + b.satisfied,
    answers: a.answers + b.answers,
    under30: a.under30 + b.under30,
    complaints: a.complaints + b.complaints,
  };
}

/** An effect row computed from counts; `priceDkk` gives the cost per outcome (offer rows only). */
export function exampleRow(counts: Counts, priceDkk: number | null = null) {
  const n = counts.started;
  const effect3m = outcomeCell('effect3m', counts.effect3m, n);
  return {
    effect3m,
    effect7m: outcomeCell('effect7m', counts.effect7m, n),
    status1m: outcomeCell('status1m', counts.status1m, n),
    status3m: outcomeCell('status3m', counts.status3m, n),
    companyShare: rateCell(counts.companyOriented, n),
    satisfiedShare: { ...rateCell(counts.satisfied, counts.answers), mean: 3.9 },
    closerShare: { ...rateCell(Math.round(counts.satisfied * 0.8), counts.answers), mean: 3.7 },
    ageUnder30Share: rateCell(counts.under30, n),
    unemploymentDuration: {
      n,
      median: 150,
      bands: { '<3m': 0.3, '3-6m': 0.25, '6-12m': 0.25, '>12m': 0.2 },
      suppressed: false,
    },
    started: n,
    completed: counts.completed,
    active: n - counts.completed,
    complaints: counts.complaints,
    complaintsPer100: round((counts.complaints / n) * 100),
    costPerOutcome: priceDkk === null ? null : Math.round(priceDkk / effect3m.rate!),
  };
}

/** Each offer's enrollments (all of them `jobparat`), split into the half-years 2025H2 and 2026H1. */
const HALF_YEARS: Record<string, [Counts, Counts]> = {
  'T-0001': [
    {
      started: 180,
      completed: 180,
      effect3m: 48,
      effect7m: 70,
      status1m: 38,
      status3m: 55,
      companyOriented: 60,
      satisfied: 30,
      answers: 45,
      under30: 70,
      complaints: 1,
    },
    {
      started: 176,
      completed: 150,
      effect3m: 52,
      effect7m: 72,
      status1m: 40,
      status3m: 58,
      companyOriented: 58,
      satisfied: 28,
      answers: 40,
      under30: 72,
      complaints: 1,
    },
  ],
  'T-0002': [
    {
      started: 60,
      completed: 60,
      effect3m: 14,
      effect7m: 22,
      status1m: 11,
      status3m: 17,
      companyOriented: 30,
      satisfied: 12,
      answers: 20,
      under30: 18,
      complaints: 0,
    },
    {
      started: 60,
      completed: 52,
      effect3m: 16,
      effect7m: 24,
      status1m: 12,
      status3m: 18,
      companyOriented: 28,
      satisfied: 10,
      answers: 18,
      under30: 20,
      complaints: 1,
    },
  ],
  'T-0003': [
    {
      started: 30,
      completed: 30,
      effect3m: 11,
      effect7m: 14,
      status1m: 8,
      status3m: 10,
      companyOriented: 10,
      satisfied: 9,
      answers: 12,
      under30: 15,
      complaints: 0,
    },
    {
      started: 30,
      completed: 24,
      effect3m: 10,
      effect7m: 13,
      status1m: 7,
      status3m: 11,
      companyOriented: 12,
      satisfied: 8,
      answers: 11,
      under30: 14,
      complaints: 0,
    },
  ],
};

const offerCounts = (offerId: string): Counts => add(...HALF_YEARS[offerId]!);
const priceOf = (offerId: string) => exampleOffers.find((o) => o.offerId === offerId)!.priceDkk;

/** An offer's row over all its enrollments (every one of them `jobparat`). */
export const exampleOfferRow = (offerId: string) => ({
  offerId,
  ...exampleRow(offerCounts(offerId), priceOf(offerId)),
});

/** An offer as search, profile and comparison show it: no result bonus, so no trigger measure. */
const servedOffer = (offerId: string) => ({
  ...exampleOffers.find((o) => o.offerId === offerId)!,
  resultBonusMeasure: null,
});

/** An offer with its provider and figures: a search item, a compared offer, a provider's offer. */
export const exampleSummary = (offerId: string) => ({
  offer: servedOffer(offerId),
  provider: exampleProvider,
  effects: exampleOfferRow(offerId),
});

const byEffect3m = [...exampleOffers]
  .map((o) => o.offerId)
  .sort((a, b) => exampleOfferRow(b).effect3m.rate! - exampleOfferRow(a).effect3m.rate!);

const allCounts = exampleOffers.map((o) => offerCounts(o.offerId)).reduce(add);

/** `GET /v1/offers?targetGroup=jobparat&sort=-effect3m`. */
export const exampleSearchResult = {
  total: 3,
  limit: 20,
  offset: 0,
  period: null,
  ...EXAMPLE_META,
  scope: { targetGroups: ['jobparat'] },
  items: byEffect3m.map(exampleSummary),
  facets: {
    targetGroup: [{ value: 'jobparat', count: 3 }],
    industry: [
      { value: 'it', count: 1 },
      { value: 'rengoering', count: 1 },
      { value: 'transport', count: 1 },
    ],
    package: [{ value: 'jobpakke', count: 3 }],
    provider: [{ value: exampleProvider.providerId, count: 3 }],
  },
};

const COMPARED_MEASURES = [
  'effect3m',
  'effect7m',
  'status1m',
  'status3m',
  'companyShare',
  'satisfiedShare',
  'closerShare',
] as const;

/** `GET /v1/compare?ids=T-0001,T-0002,T-0003&targetGroup=jobparat`. */
export const exampleComparison = (() => {
  const ids = exampleOffers.map((o) => o.offerId);
  const reference = exampleOfferRow(ids[0]!);
  return {
    reference: ids[0]!,
    ...EXAMPLE_META,
    scope: { targetGroups: ['jobparat'] },
    offers: ids.map(exampleSummary),
    differences: ids.slice(1).map((offerId) => {
      const row = exampleOfferRow(offerId);
      const measures = Object.fromEntries(
        COMPARED_MEASURES.map((key) => {
          const d = newcombeDifference(row[key], reference[key]);
          return [
            key,
            { ...d, ciLow: round(d.ciLow), ciHigh: round(d.ciHigh), difference: round(d.difference) },
          ];
        }),
      );
      return { offerId, measures };
    }),
  };
})();

/** `GET /v1/offers/T-0001`: all time; the offer's only target group is `jobparat`. */
export const exampleOfferProfile = {
  offer: servedOffer(exampleOffer.offerId),
  provider: exampleProvider,
  ...EXAMPLE_META,
  effects: exampleOfferRow(exampleOffer.offerId),
  byTargetGroup: [{ ...exampleOfferRow(exampleOffer.offerId), targetGroup: 'jobparat' }],
  trend: (['2025H2', '2026H1'] as const).map((period, i) => ({
    offerId: exampleOffer.offerId,
    period,
    ...exampleRow(HALF_YEARS[exampleOffer.offerId]![i]!, exampleOffer.priceDkk),
  })),
  latestSupervision: { supervisionId: 'V-17', visitedOn: '2026-05-04', smiley: 'happy' as const, note: null },
};

const providerRow = () => ({ providerId: exampleProvider.providerId, ...exampleRow(allCounts) });

/** `GET /v1/providers`. */
export const exampleProviderList = {
  ...EXAMPLE_META,
  items: [{ provider: exampleProvider, offerCount: 3, effects: providerRow() }],
};

/** `GET /v1/providers/P-001`. */
export const exampleProviderProfile = {
  provider: exampleProvider,
  ...EXAMPLE_META,
  effects: providerRow(),
  byTargetGroup: [{ ...providerRow(), targetGroup: 'jobparat' }],
  offers: exampleOffers.map((o) => exampleSummary(o.offerId)),
};

/** `GET /v1/target-groups/jobparat/profile`: every enrollment of the three offers. */
export const exampleTargetGroupProfile = (() => {
  const row = { targetGroup: 'jobparat', ...exampleRow(allCounts) };
  const { active, started, completed, ageUnder30Share, unemploymentDuration } = row;
  return {
    targetGroup: { code: 'jobparat', name: 'Jobparat' },
    period: null,
    ...EXAMPLE_META,
    ...{ active, started, completed, ageUnder30Share, unemploymentDuration },
    effects: row,
  };
})();

/** `GET /v1/effects?groupBy=offer,targetGroup`. */
export const exampleEffectTable = exampleOffers.map((o) => ({
  ...exampleOfferRow(o.offerId),
  targetGroup: 'jobparat',
}));
