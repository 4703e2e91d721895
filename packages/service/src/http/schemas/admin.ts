import { TEXT_LIMITS, VALUE_RANGES } from '@evg/effects';
import { z } from 'zod';
import { API_KEY_ROLES } from '../../repositories/api-keys.ts';
import { isoDate, packageSchema, providerKindSchema } from './catalog.ts';

// The same bounds as the data contract's schemas, so an offer written here also imports.
const { hoursPerWeek: hours, durationWeeks: weeks } = VALUE_RANGES;
const code = z.string().min(1).max(TEXT_LIMITS.id);
const name = z.string().min(1).max(TEXT_LIMITS.name);
const optionalName = z.string().max(TEXT_LIMITS.name).nullable().default(null);

export const offerInputSchema = z
  .object({
    providerId: code,
    name,
    package: packageSchema,
    description: z.string().max(TEXT_LIMITS.text).nullable().default(null),
    targetGroups: z.array(code).max(50).default([]),
    industries: z.array(code).max(50).default([]),
    priceDkk: z.number().min(0).nullable().default(null),
    // Whole hours and weeks, as the contract's `optionalInteger` fields: 12.5 would not import.
    hoursPerWeek: z.number().int().min(hours.min).max(hours.max).nullable().default(null),
    durationWeeks: z.number().int().min(weeks.min).max(weeks.max).nullable().default(null),
    accessible: z.boolean().nullable().default(null),
    resultBonusDkk: z.number().min(0).nullable().default(null),
    validFrom: isoDate.nullable().default(null),
    validTo: isoDate.nullable().default(null),
  })
  .strict()
  .meta({ id: 'OfferWrite' });

export const providerInputSchema = z
  .object({
    name,
    kind: providerKindSchema,
    frameworkAgreement: optionalName,
  })
  .strict()
  .meta({ id: 'ProviderWrite' });

export const codeListInputSchema = z.object({ name: optionalName }).strict();

export const codeListNameSchema = z.enum(['target-groups', 'industries', 'packages']);

export const apiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(API_KEY_ROLES),
    createdAt: z.string().describe('ISO timestamp.'),
    revokedAt: z.string().nullable(),
  })
  .meta({
    id: 'ApiKey',
    examples: [
      {
        id: '0b4a7f8e-2f7c-4a51-9d8e-5a1d8c9b1e2f',
        name: 'Power BI',
        role: 'bi',
        createdAt: '2026-11-22T10:00:00.000Z',
        revokedAt: null,
      },
    ],
  });

export const apiKeyInputSchema = z
  .object({ name: z.string().min(1).max(200), role: z.enum(API_KEY_ROLES) })
  .strict()
  .meta({ id: 'ApiKeyWrite' });

export const createdApiKeySchema = z
  .object({ key: apiKeySchema, secret: z.string().describe('The key itself; shown only in this answer.') })
  .meta({
    id: 'CreatedApiKey',
    examples: [
      {
        key: {
          id: '0b4a7f8e-2f7c-4a51-9d8e-5a1d8c9b1e2f',
          name: 'Power BI',
          role: 'bi',
          createdAt: '2026-11-22T10:00:00.000Z',
          revokedAt: null,
        },
        secret: 'evg_3q2-7wX0cZ9mJ1fV5yT8bN4kL6hG2dS0aQ9pR7eU1iO',
      },
    ],
  });
