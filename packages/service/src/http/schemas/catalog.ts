import { PACKAGES, PROVIDER_KINDS, SMILEYS } from '@evg/effects';
import { z } from 'zod';
import { exampleOffer, exampleProvider } from './example-world.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

export const providerKindSchema = z.enum(PROVIDER_KINDS);
export const packageSchema = z.enum(PACKAGES);

export const providerSchema = z
  .object({
    providerId: z.string(),
    name: z.string(),
    kind: providerKindSchema,
    frameworkAgreement: z.string().nullable(),
  })
  .meta({
    id: 'Provider',
    examples: [exampleProvider],
  });

export const offerSchema = z
  .object({
    offerId: z.string(),
    providerId: z.string(),
    name: z.string(),
    package: z.string(),
    description: z.string().nullable(),
    targetGroups: z.array(z.string()),
    industries: z.array(z.string()),
    priceDkk: z.number().nullable().describe('Price of the whole course, DKK.'),
    hoursPerWeek: z.number().nullable(),
    durationWeeks: z.number().nullable(),
    accessible: z.boolean().nullable(),
    resultBonusDkk: z.number().nullable(),
    resultBonusMeasure: z
      .string()
      .nullable()
      .optional()
      .describe(
        'In search, profile and comparison answers: the outcome measure whose success triggers the ' +
          "result bonus (the offer's bonus rule, default effect3m); null when the offer has no bonus. " +
          "Price incl. bonus per self-sufficient citizen = priceDkk / that measure's rate + resultBonusDkk.",
      ),
    validFrom: isoDate.nullable(),
    validTo: isoDate.nullable(),
  })
  .meta({
    id: 'Offer',
    examples: [exampleOffer],
  });

export const codeListEntrySchema = z
  .object({ code: z.string(), name: z.string().nullable() })
  .meta({ id: 'CodeListEntry', examples: [{ code: 'jobparat', name: 'Jobparat' }] });

export const benefitTypeSchema = z
  .object({ code: z.string(), publicSupport: z.boolean(), name: z.string().nullable() })
  .meta({
    id: 'BenefitType',
    examples: [{ code: 'kontanthjaelp', publicSupport: true, name: 'Kontanthjælp' }],
  });

export const supervisionSchema = z
  .object({
    supervisionId: z.string(),
    visitedOn: isoDate,
    smiley: z.enum(SMILEYS),
    note: z.string().nullable(),
  })
  .meta({ id: 'Supervision', description: 'The latest supervision visit (tilsyn) and its smiley.' });

export { isoDate, exampleOffer, exampleProvider };
