import { z } from 'zod';
import { figuresMetaFields } from './common.ts';
import { exampleOffer, exampleProvider, providerSchema } from './catalog.ts';
import { effectRowSchema, exampleRow } from './effect-row.ts';
import { offerSummarySchema } from './offer-search.ts';

export const providerSummarySchema = z
  .object({ provider: providerSchema, offerCount: z.number().int(), effects: effectRowSchema })
  .meta({ id: 'ProviderSummary' });

export const providerListSchema = z
  .object({
    ...figuresMetaFields,
    items: z.array(providerSummarySchema),
  })
  .meta({
    id: 'ProviderList',
    examples: [{ dataVersion: 1, asOf: '2026-10-31', minCellSize: 5, maxPerturbation: 2, items: [] }],
  });

export const providerProfileSchema = z
  .object({
    provider: providerSchema,
    ...figuresMetaFields,
    effects: effectRowSchema,
    byTargetGroup: z.array(effectRowSchema),
    offers: z.array(offerSummarySchema),
  })
  .meta({
    id: 'ProviderProfile',
    examples: [
      {
        provider: exampleProvider,
        dataVersion: 3,
        asOf: '2026-10-31',
        minCellSize: 5,
        maxPerturbation: 2,
        effects: exampleRow(),
        byTargetGroup: [{ ...exampleRow(), targetGroup: 'jobparat' }],
        offers: [{ offer: exampleOffer, provider: exampleProvider, effects: exampleRow() }],
      },
    ],
  });
