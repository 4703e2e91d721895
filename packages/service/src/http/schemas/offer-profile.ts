import { z } from 'zod';
import { exampleOffer, exampleProvider, offerSchema, providerSchema, supervisionSchema } from './catalog.ts';
import { figuresMetaFields } from './common.ts';
import { effectRowSchema, exampleRow } from './effect-row.ts';

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
    examples: [
      {
        offer: exampleOffer,
        provider: exampleProvider,
        dataVersion: 3,
        asOf: '2026-10-31',
        minCellSize: 5,
        maxPerturbation: 2,
        effects: exampleRow(),
        byTargetGroup: [{ ...exampleRow(), targetGroup: 'jobparat' }],
        trend: [{ ...exampleRow(), period: '2026H1' }],
        latestSupervision: { supervisionId: 'V-17', visitedOn: '2026-05-04', smiley: 'happy', note: null },
      },
    ],
  });
