import { z } from 'zod';
import { minCellSizeField } from './common.ts';
import { exampleOffer, exampleProvider, providerSchema } from './catalog.ts';
import { effectRowSchema, exampleRow } from './effect-row.ts';
import { offerSummarySchema } from './offer-search.ts';

export const providerSummarySchema = z
  .object({ provider: providerSchema, offerCount: z.number().int(), effects: effectRowSchema })
  .meta({ id: 'ProviderSummary' });

export const providerListSchema = z
  .object({
    dataVersion: z.number().int().nullable(),
    minCellSize: minCellSizeField,
    items: z.array(providerSummarySchema),
  })
  .meta({ id: 'ProviderList', examples: [{ dataVersion: 1, minCellSize: 5, items: [] }] });

export const providerProfileSchema = z
  .object({
    provider: providerSchema,
    dataVersion: z.number().int().nullable(),
    minCellSize: minCellSizeField,
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
        minCellSize: 5,
        effects: exampleRow(),
        byTargetGroup: [{ ...exampleRow(), targetGroup: 'jobparat' }],
        offers: [{ offer: exampleOffer, provider: exampleProvider, effects: exampleRow() }],
      },
    ],
  });
