import { z } from 'zod';
import { codeListEntrySchema } from './catalog.ts';
import { durationCellSchema, effectRowSchema, rateCellSchema } from './effect-row.ts';

export const targetGroupProfileSchema = z
  .object({
    targetGroup: codeListEntrySchema,
    period: z.object({ from: z.string(), to: z.string() }).nullable(),
    dataVersion: z.number().int().nullable(),
    active: z.number().int().nullable().describe('Enrollments active at the data cut-off.'),
    started: z.number().int().nullable(),
    completed: z.number().int().nullable().describe('Enrollments completed in the period.'),
    ageUnder30Share: rateCellSchema.describe('Share aged under 30 at start.'),
    unemploymentDuration: durationCellSchema.describe('Unemployment duration before start, in bands.'),
    effects: effectRowSchema,
  })
  .meta({ id: 'TargetGroupProfile' });
