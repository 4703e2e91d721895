import { RECORD_KINDS } from '@evg/effects';
import { z } from 'zod';

export const recordKindSchema = z.enum(RECORD_KINDS as readonly [string, ...string[]]);

export const importQuerySchema = z
  .object({
    pseudonymise: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .default(false)
      .describe('Replace CPR-like person ids by their HMAC pseudonym instead of refusing the batch.'),
  })
  .strict();

export const importResultSchema = z
  .object({
    batchId: z.number().int(),
    rowsReceived: z.number().int(),
    rowsStored: z.number().int(),
    rowsChanged: z.number().int().describe('0 when the same rows were imported before (idempotent).'),
    refresh: z.enum(['started', 'not-needed']).describe('Whether an effect refresh was started.'),
  })
  .meta({
    id: 'ImportResult',
    examples: [{ batchId: 12, rowsReceived: 3, rowsStored: 3, rowsChanged: 3, refresh: 'started' }],
  });

export const importBatchSchema = z
  .object({
    batchId: z.number().int(),
    kind: z.string(),
    source: z.string(),
    startedAt: z.string(),
    finishedAt: z.string(),
    rowsReceived: z.number().int(),
    rowsStored: z.number().int(),
    outcome: z.enum(['ok', 'rejected', 'failed']),
    errors: z.array(z.unknown()).describe('Bad rows of a rejected batch (file, line, field, message).'),
  })
  .meta({
    id: 'ImportBatch',
    examples: [
      {
        batchId: 12,
        kind: 'persons',
        source: 'http',
        startedAt: '2026-11-22T10:00:00.000Z',
        finishedAt: '2026-11-22T10:00:01.000Z',
        rowsReceived: 3,
        rowsStored: 3,
        outcome: 'ok',
        errors: [],
      },
    ],
  });
