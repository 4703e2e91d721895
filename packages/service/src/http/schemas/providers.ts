import { z } from 'zod';
import { figuresMetaFields } from './common.ts';
import { providerSchema } from './catalog.ts';
import { effectRowSchema } from './effect-row.ts';
import { exampleProviderList, exampleProviderProfile } from './example-world.ts';
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
    examples: [exampleProviderList],
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
    examples: [exampleProviderProfile],
  });
