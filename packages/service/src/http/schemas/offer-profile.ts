import { z } from 'zod';
import { offerSchema, providerSchema, supervisionSchema } from './catalog.ts';
import { figuresMetaFields } from './common.ts';
import { effectRowSchema } from './effect-row.ts';
import { exampleOfferProfile } from './example-world.ts';

export const offerProfileSchema = z
  .object({
    offer: offerSchema,
    provider: providerSchema.nullable(),
    ...figuresMetaFields,
    effects: effectRowSchema.describe('Every measure over the period, with intervals; includes complaints.'),
    byTargetGroup: z.array(effectRowSchema).describe('One row per target group (all time).'),
    trend: z.array(effectRowSchema).describe('One row per half-year (all time), oldest first.'),
    latestSupervision: supervisionSchema.nullable(),
  })
  .meta({
    id: 'OfferProfile',
    description: "An offer's profile.",
    examples: [exampleOfferProfile],
  });
