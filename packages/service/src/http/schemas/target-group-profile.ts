import { z } from 'zod';
import { codeListEntrySchema } from './catalog.ts';
import { figuresMetaFields } from './common.ts';
import { durationCellSchema, effectRowSchema, exampleRow, rateCellSchema } from './effect-row.ts';

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
    examples: [
      (() => {
        const row = { ...exampleRow(), targetGroup: 'jobparat' };
        const { active, started, completed, ageUnder30Share, unemploymentDuration } = row;
        return {
          targetGroup: { code: 'jobparat', name: 'Jobparat' },
          period: { from: '2026-01-01', to: '2026-06-30' },
          dataVersion: 3,
          asOf: '2026-10-31',
          minCellSize: 5,
          maxPerturbation: 2,
          ...{ active, started, completed, ageUnder30Share, unemploymentDuration },
          effects: row,
        };
      })(),
    ],
  });
