import { z } from 'zod';
import { codeListEntrySchema } from './catalog.ts';
import { figuresMetaFields } from './common.ts';
import { durationCellSchema, effectRowSchema, rateCellSchema } from './effect-row.ts';
import { exampleTargetGroupProfile } from './example-world.ts';

export const targetGroupProfileSchema = z
  .object({
    targetGroup: codeListEntrySchema,
    period: z.object({ from: z.string(), to: z.string() }).nullable(),
    ...figuresMetaFields,
    active: z.number().int().nullable().describe('Enrollments active at the data cut-off.'),
    started: z.number().int().nullable(),
    completed: z.number().int().nullable().describe('Enrollments completed in the period.'),
    ageUnder30Share: rateCellSchema.describe('Share aged under 30 at start.'),
    unemploymentDuration: durationCellSchema.describe('Unemployment duration before start, in bands.'),
    effects: effectRowSchema,
  })
  .meta({
    id: 'TargetGroupProfile',
    examples: [exampleTargetGroupProfile],
  });
