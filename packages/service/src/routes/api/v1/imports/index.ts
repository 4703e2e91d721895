import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { importProblem } from '../../../../http/import-problems.ts';
import { LimitedBody } from '../../../../http/limited-body.ts';
import { ProblemError } from '../../../../http/problem.ts';
import { spoolBody } from '../../../../http/spooled-body.ts';
import {
  importBatchSchema,
  importQuerySchema,
  importResultSchema,
  recordKindSchema,
} from '../../../../http/schemas/imports.ts';
import { authProblems, commonProblems, problemResponse } from '../../../../http/schemas/problem.ts';
import { importRecords } from '../../../../imports/import-records.ts';
import { isOwnKey } from '../../../../narrow.ts';
import { findImportBatch } from '../../../../repositories/import-batches.ts';

const FORMATS = { 'text/csv': 'csv', 'application/x-ndjson': 'ndjson' } as const;
const imports: FastifyPluginAsyncZod<{ bodyLimit: number; pseudonymKey: string | undefined }> = async (
  app,
  options,
) => {
  // Bodies are received in full first (memory, or a temp file when large; spooled-body.ts), so
  // the import's transaction never waits for a slow client.
  app.addContentTypeParser(Object.keys(FORMATS), (_request, payload, done) => done(null, payload));
  // Authenticate before any body is read.
  app.addHook('onRequest', app.requireRole('ingest'));

  app.post(
    '/:kind',
    {
      schema: {
        tags: ['imports'],
        summary: 'Import records of one kind (all-or-nothing, idempotent)',
        operationId: 'importRecords',
        description: 'Body: CSV (`text/csv`) or NDJSON (`application/x-ndjson`) in the data contract format.',
        security: [{ apiKey: [] }],
        params: z.object({ kind: recordKindSchema }),
        querystring: importQuerySchema,
        response: {
          201: importResultSchema,
          413: problemResponse('Body larger than the limit.'),
          415: problemResponse('Unsupported Content-Type.'),
          422: problemResponse('Invalid records; nothing was stored. `errors` lists every bad row.'),
          ...authProblems,
          ...commonProblems,
        },
      },
    },
    async (request, reply) => {
      const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (!isOwnKey(FORMATS, mediaType)) {
        throw new ProblemError('unsupported-media-type', 'Send text/csv eller application/x-ndjson.');
      }
      // The content type parser above hands over the request stream itself.
      if (!(request.body instanceof Readable)) throw new Error('import body: not the request stream');
      const limited = new LimitedBody(request.body, options.bodyLimit);
      const body = await spoolBody(limited.chunks()).catch((error: unknown) =>
        Promise.reject(limited.exceeded ? limited.problem() : error),
      );
      const result = await importRecords(app.db, request.params.kind, body.chunks(), {
        format: FORMATS[mediaType],
        source: 'http',
        keyId: request.apiKey?.id ?? null,
        pseudonymise: request.query.pseudonymise,
        asOf: request.query.asOf,
        pseudonymKey: options.pseudonymKey,
      })
        .catch((error: unknown) => Promise.reject(importProblem(error)))
        .finally(() => body.dispose());
      const refresh = result.rowsChanged > 0 ? 'started' : 'not-needed';
      if (refresh === 'started') app.refresher.trigger();
      const { batchId, rowsReceived, rowsStored, rowsChanged, asOf, asOfSource } = result;
      return reply
        .code(201)
        .send({ batchId, rowsReceived, rowsStored, rowsChanged, asOf, asOfSource, refresh });
    },
  );

  app.get(
    '/batches/:batchId',
    {
      schema: {
        tags: ['imports'],
        summary: 'An import batch and its outcome',
        operationId: 'getImportBatch',
        security: [{ apiKey: [] }],
        params: z.object({
          batchId: z
            .string()
            .regex(/^\d{1,15}$/, 'must be a batch number')
            .transform(Number),
        }),
        response: {
          200: importBatchSchema,
          404: problemResponse('Not found.'),
          ...authProblems,
          ...commonProblems,
        },
      },
    },
    async (request) => {
      const row = await findImportBatch(app.db, request.params.batchId);
      if (!row) throw new ProblemError('not-found', `Importen ${request.params.batchId} findes ikke.`);
      const { id, kind, source, rows_received, rows_stored, outcome, errors, as_of, as_of_source } = row;
      const times = {
        startedAt: new Date(row.started_at).toISOString(),
        finishedAt: new Date(row.finished_at).toISOString(),
      };
      return {
        batchId: id,
        kind,
        source,
        rowsReceived: rows_received,
        rowsStored: rows_stored,
        outcome,
        asOf: as_of,
        asOfSource: as_of_source,
        errors,
        ...times,
      };
    },
  );
};

export default imports;
