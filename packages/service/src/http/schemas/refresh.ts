import { z } from 'zod';

export const refreshStatusSchema = z
  .object({
    running: z.boolean(),
    current: z.object({ dataVersion: z.number().int(), asOf: z.string(), createdAt: z.string() }).nullable(),
    lastSuccess: z
      .object({
        finishedAt: z.string(),
        durationMs: z.number(),
        dataVersion: z.number().int(),
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
        current: { dataVersion: 3, asOf: '2026-10-31', createdAt: '2026-11-22T10:00:00.000Z' },
        lastSuccess: {
          finishedAt: '2026-11-22T10:00:00.000Z',
          durationMs: 5321,
          dataVersion: 3,
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
