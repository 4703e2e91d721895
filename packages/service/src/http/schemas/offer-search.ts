import { PROVIDER_KINDS } from '@evg/effects';
import { z } from 'zod';
import { sortKeys } from '../../read-model/offer-sort.ts';
import { offerSchema, providerSchema } from './catalog.ts';
import {
  csvEnumList,
  csvList,
  figuresMetaFields,
  periodParams,
  scopeSchema,
  text,
  queryBoolean,
  queryInt,
  queryNumber,
  queryObject,
} from './common.ts';
import { effectRowSchema } from './effect-row.ts';
import { exampleSearchResult } from './example-world.ts';

const capitalise = (key: string): string => key.charAt(0).toUpperCase() + key.slice(1);

/** The query parameter with the minimum rate of an outcome measure: `effect3m` → `minEffect3m`. */
export const minOutcomeParam = (measureKey: string): string => `min${capitalise(measureKey)}`;

const rate = queryNumber(0, 1);

/** `sort` values naming a measure: `[-]<key>[.adjusted]`. */
export const MEASURE_SORT = /^-?[A-Za-z][A-Za-z0-9]*(\.adjusted)?$/;

/**
 * The query of `GET /v1/offers` for the configured outcome measures. Unknown parameters are
 * rejected, so a misspelt filter never silently returns everything.
 */
export function offerSearchQuerySchema(measureKeys: readonly string[]) {
  const sorts = sortKeys(measureKeys);
  const minOutcomes = Object.fromEntries(
    measureKeys.map((key) => [minOutcomeParam(key), rate.optional().describe(`Minimum ${key} rate (0–1).`)]),
  );
  return queryObject({
    q: text(200).optional().describe('Free text: Danish full-text search over name and description.'),
    targetGroup: csvList()
      .optional()
      .describe(
        'Target group code(s), comma-separated; any of them. Also scopes every figure to these ' +
          'target groups (see the operation description).',
      ),
    industry: csvList().optional().describe('Industry code(s), comma-separated.'),
    package: csvList().optional().describe('Package(s), comma-separated.'),
    provider: csvList().optional().describe('Provider id(s), comma-separated.'),
    providerKind: csvEnumList(PROVIDER_KINDS).optional(),
    maxPrice: queryNumber(0, 1e9).optional().describe('Maximum price of the whole course, DKK.'),
    ...minOutcomes,
    min: csvList()
      .optional()
      .describe(
        'Minimum rates of any outcome measures, including those the municipality defined ' +
          '(`/v1/admin/measures`): `<key>:<rate>` comma-separated, e.g. `effect12m:0.3,effect3m:0.25`. ' +
          'A measure defined after the service started has no `min<Key>` parameter until a restart; ' +
          'this one works for every measure of the current data version.',
      ),
    minSatisfaction: rate.optional().describe('Minimum share of participants scoring satisfaction 4–5.'),
    minCompanyShare: rate.optional().describe('Minimum share of company-oriented enrollments.'),
    accessible: queryBoolean.optional(),
    minHours: queryNumber(0, 100).optional().describe('Minimum hours per week.'),
    maxHours: queryNumber(0, 100).optional(),
    minWeeks: queryNumber(0, 200).optional().describe('Minimum duration in weeks.'),
    maxWeeks: queryNumber(0, 200).optional(),
    ...periodParams,
    sort: z
      .union([
        z.enum([...sorts, ...sorts.map((key) => `-${key}`)]),
        // Measures defined after start-up: checked against the current data version's measures.
        z.string().regex(MEASURE_SORT),
      ])
      .default('name')
      .describe(
        'Sort key; a leading `-` sorts descending. Measures sort by raw rate, `<measure>.adjusted` ' +
          'by case-mix adjusted rate, custom measures (any key of the current data version) alike. ' +
          'Offers without a value (suppressed) always come last.',
      ),
    limit: queryInt(1, 100).default(20).describe('Offers per page (1–100). Default: 20.'),
    offset: queryInt(0, 1_000_000).default(0).describe('Offers to skip. Default: 0.'),
    format: z
      .enum(['json', 'xlsx'])
      .optional()
      .describe(
        '`xlsx`: every matching offer (paging does not apply) as a workbook with Danish headers, ' +
          'names beside codes, percentages, and an "Om data" sheet (cut-off, data version, disclosure).',
      ),
  });
}

export type OfferSearchQuery = z.output<ReturnType<typeof offerSearchQuerySchema>>;

export const offerSummarySchema = z
  .object({
    offer: offerSchema,
    provider: providerSchema.nullable(),
    effects: effectRowSchema,
  })
  .meta({ id: 'OfferSummary', description: 'An offer with its provider and effect figures for the period.' });

const facetSchema = z.array(z.object({ value: z.string(), count: z.number().int() }));

export const offerSearchResultSchema = z
  .object({
    total: z.number().int().describe('Offers matching every filter.'),
    limit: z.number().int(),
    offset: z.number().int(),
    period: z.object({ from: z.string(), to: z.string() }).nullable(),
    ...figuresMetaFields,
    scope: scopeSchema,
    items: z.array(offerSummarySchema),
    facets: z
      .object({
        targetGroup: facetSchema,
        industry: facetSchema,
        package: facetSchema,
        provider: facetSchema,
      })
      .describe('Offers per value, each counted with every OTHER filter applied.'),
  })
  .meta({
    id: 'OfferSearchResult',
    examples: [exampleSearchResult],
  });
