import { z } from 'zod';

const asOfSourceSchema = z
  .enum(['declared', 'assumed', 'override'])
  .describe(
    'Where the cut-off came from: `declared` with an import of benefit periods, `assumed` (no import declared one: the latest start date of the benefit periods), or `override` (EVG_AS_OF / `evg refresh --as-of`).',
  );

export const refreshStatusSchema = z
  .object({
    running: z.boolean(),
    current: z
      .object({
        dataVersion: z.number().int(),
        asOf: z.string().describe('The data cut-off the figures are for (YYYY-MM-DD).'),
        asOfSource: asOfSourceSchema.nullable(),
        createdAt: z.string(),
      })
      .nullable(),
    lastSuccess: z
      .object({
        finishedAt: z.string(),
        durationMs: z.number(),
        dataVersion: z.number().int(),
        asOf: z.string().nullable(),
        asOfSource: asOfSourceSchema.nullable(),
        persons: z.number().int().nullable(),
      })
      .nullable(),
    lastFailure: z.object({ finishedAt: z.string(), error: z.string() }).nullable(),
    servedDataVersion: z
      .number()
      .int()
      .nullable()
      .describe('The data version this server answers reads from.'),
  })
  .meta({
    id: 'RefreshStatus',
    examples: [
      {
        running: false,
        current: {
          dataVersion: 3,
          asOf: '2026-10-31',
          asOfSource: 'declared',
          createdAt: '2026-11-22T10:00:00.000Z',
        },
        lastSuccess: {
          finishedAt: '2026-11-22T10:00:00.000Z',
          durationMs: 5321,
          dataVersion: 3,
          asOf: '2026-10-31',
          asOfSource: 'declared',
          persons: 150000,
        },
        lastFailure: null,
        servedDataVersion: 3,
      },
    ],
  });

export const refreshStartedSchema = z
  .object({ status: z.enum(['started', 'already-running']) })
  .meta({ id: 'RefreshStarted', examples: [{ status: 'started' }] });
