import { z } from 'zod';
import { csvList, figuresMetaFields, queryObject, scopeSchema } from './common.ts';
import { exampleComparison } from './example-world.ts';
import { offerSummarySchema } from './offer-search.ts';

export const compareQuerySchema = queryObject({
  ids: csvList({
    min: 2,
    max: 6,
    tooFew: 'give at least 2 offer ids',
    tooMany: 'give at most 6 offer ids',
  }).describe('2–6 offer ids, comma-separated; the first is the reference.'),
  targetGroup: csvList()
    .optional()
    .describe('Target group code(s): every figure over these target groups only, as in the search.'),
  period: z.string().max(20).optional(),
  from: z.string().max(20).optional(),
  to: z.string().max(20).optional(),
});

const differenceSchema = z
  .object({
    difference: z.number().describe('Rate of this offer minus rate of the reference.'),
    ciLow: z.number(),
    ciHigh: z.number(),
    significant: z.boolean().describe('The 95% interval excludes 0.'),
  })
  .nullable()
  .describe('Newcombe hybrid score difference; null when either side is suppressed or empty.');

export const compareResultSchema = z
  .object({
    reference: z.string().describe('Offer id everything is compared against (the first id).'),
    ...figuresMetaFields,
    scope: scopeSchema,
    offers: z.array(offerSummarySchema),
    differences: z.array(z.object({ offerId: z.string(), measures: z.record(z.string(), differenceSchema) })),
  })
  .meta({
    id: 'Comparison',
    examples: [exampleComparison],
  });
