import { isIsoDate, RECORD_KINDS } from '@evg/effects';
import { z } from 'zod';
import { queryBoolean } from './common.ts';

export const recordKindSchema = z.enum(RECORD_KINDS);

export const importQuerySchema = z
  .object({
    pseudonymise: queryBoolean
      .default(false)
      .describe(
        'Replace CPR-like person ids by their HMAC pseudonym instead of refusing the batch. Default: false.',
      ),
    asOf: z
      .string()
      .refine(isIsoDate, 'must be a date YYYY-MM-DD that exists')
      .optional()
      .describe(
        "The extract's cut-off: its records are complete up to and including this day. Stored with the batch; every refresh uses the latest cut-off of the imported benefit periods. Without it, the latest start date of the batch's benefit periods is assumed (never today) and the answer says so.",
      ),
  })
  .strict();

const asOfFields = {
  asOf: z
    .string()
    .nullable()
    .describe("The batch's cut-off (YYYY-MM-DD); null when none was declared and it has no benefit periods."),
  asOfSource: z
    .enum(['declared', 'assumed'])
    .nullable()
    .describe(
      '`declared` with the import (`asOf`), or `assumed`: the latest start date of its benefit periods.',
    ),
};

export const importResultSchema = z
  .object({
    batchId: z.number().int(),
    rowsReceived: z.number().int(),
    rowsStored: z.number().int(),
    rowsChanged: z.number().int().describe('0 when the same rows were imported before (idempotent).'),
    ...asOfFields,
    refresh: z.enum(['started', 'not-needed']).describe('Whether an effect refresh was started.'),
  })
  .meta({
    id: 'ImportResult',
    examples: [
      {
        batchId: 12,
        rowsReceived: 3,
        rowsStored: 3,
        rowsChanged: 3,
        asOf: '2026-10-31',
        asOfSource: 'declared',
        refresh: 'started',
      },
    ],
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
    ...asOfFields,
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
        asOf: null,
        asOfSource: null,
        errors: [],
      },
    ],
  });
