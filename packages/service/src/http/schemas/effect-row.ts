import { z } from 'zod';
import { effectRowJson, type EffectRow } from '@evg/effects';
import { exampleEffectTable } from './example-world.ts';

const count = z.number().int().nullable();
const share = z.number().nullable();

export const rateCellSchema = z
  .object({
    n: count,
    x: count,
    rate: share,
    ciLow: share,
    ciHigh: share,
    suppressed: z
      .boolean()
      .describe(
        'True when the exact n is below minCellSize (fewer than 5 citizens by default): every figure is then null.',
      ),
  })
  .meta({
    id: 'RateCell',
    description:
      'A share x/n with its 95% Wilson interval. n and x are published counts (cell key method: within maxPerturbation of the exact ones); rate and interval are computed from them.',
  });

export const outcomeCellSchema = rateCellSchema
  .extend({
    pending: count.describe('Enrollments whose measure window is not complete at the data cut-off.'),
    expectedRate: share.describe('Case-mix expected rate (indirect standardisation).'),
    oe: z.number().nullable().describe('Observed / expected.'),
    adjustedRate: share.describe('Case-mix adjusted rate: min(1, oe × reference rate).'),
  })
  .meta({
    id: 'OutcomeCell',
    description: 'An outcome measure (e.g. effect3m) with interval and case-mix adjustment.',
  });

export const scoreCellSchema = rateCellSchema
  .extend({ mean: z.number().nullable().describe('Mean score (1–5).') })
  .meta({ id: 'ScoreCell', description: 'Share of survey answers scoring 4 or 5, with the mean score.' });

export const durationCellSchema = z
  .object({
    n: count,
    median: z.number().nullable().describe('Median supported days before start.'),
    bands: z.object({ '<3m': share, '3-6m': share, '6-12m': share, '>12m': share }),
    suppressed: z.boolean(),
  })
  .meta({ id: 'DurationCell', description: 'Unemployment duration before start.' });

/** The grouping keys; a key is present only when the table is grouped on it. */
export const cellKeysShape = {
  offerId: z.string().nullable().optional(),
  providerId: z.string().nullable().optional(),
  package: z.string().nullable().optional(),
  providerKind: z.string().nullable().optional(),
  targetGroup: z.string().nullable().optional(),
  industry: z.string().nullable().optional(),
  period: z.string().nullable().optional(),
};

/**
 * One cell of an effect table, exactly as `evg effects` prints it. Custom outcome measures
 * configured by the municipality appear as further keys shaped like `effect3m`.
 */
export const effectRowSchema = z
  .object({
    ...cellKeysShape,
    effect3m: outcomeCellSchema,
    effect7m: outcomeCellSchema,
    status1m: outcomeCellSchema,
    status3m: outcomeCellSchema,
    companyShare: rateCellSchema,
    satisfiedShare: scoreCellSchema,
    closerShare: scoreCellSchema,
    ageUnder30Share: rateCellSchema,
    unemploymentDuration: durationCellSchema,
    started: count,
    completed: count,
    active: count,
    complaints: count,
    complaintsPer100: z.number().nullable(),
    costPerOutcome: z.number().nullable().describe('Price / effect3m rate; only when grouped by offer.'),
  })
  .catchall(outcomeCellSchema)
  .meta({
    id: 'EffectRow',
    description: 'One cell of an effect table. Suppressed figures are null.',
    examples: [exampleEffectTable[0]],
  });

export type EffectRowOut = z.output<typeof effectRowSchema>;

/**
 * The public JSON of a typed row. The engine's JSON leaves the measure keys open (measures are
 * data); the response schema names the default measures and takes custom ones as further keys.
 * The serializer checks every row against the schema at run time, so this is the one place the
 * two meet.
 */
export const asEffectRow = (row: EffectRow): EffectRowOut => effectRowJson(row) as EffectRowOut;
export const asEffectRows = (rows: readonly EffectRow[]): EffectRowOut[] => rows.map(asEffectRow);
