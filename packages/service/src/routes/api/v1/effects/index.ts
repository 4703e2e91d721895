import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { effectsOutput, outputVariant, sendEffectTable } from '../../../../http/effects-export.ts';
import { notModified } from '../../../../http/conditional.ts';
import { asEffectRows, effectRowSchema } from '../../../../http/schemas/effect-row.ts';
import { effectsQuerySchema } from '../../../../http/schemas/effects.ts';
import { readSecurity } from '../../../../http/schemas/common.ts';
import { commonProblems, problemResponse, readAuthProblems } from '../../../../http/schemas/problem.ts';
import { xlsxBodySchema } from '../../../../http/schemas/spreadsheet.ts';
import { XLSX_MEDIA_TYPE } from '../../../../spreadsheet/xlsx-writer.ts';
import { resolvePeriod } from '../../../../read-model/period-query.ts';
import { figuresMeta } from '../../../../http/figures-meta.ts';
import { auditExactRead } from '../../../../http/exact-read.ts';

const effects: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      onRequest: app.readAccess,
      schema: {
        tags: ['effects'],
        summary: 'Effect table (BI)',
        operationId: 'getEffects',
        security: readSecurity,
        description:
          'Any grouping and period, as JSON (an array of rows shaped like `evg effects`) or as streamed CSV ' +
          '(`Accept: text/csv` or `format=csv`, the columns of `evg effects --format csv`: names beside ids, ' +
          'figures rounded, text made formula-safe; `csvDialect=excel-da` for Danish Excel), or as an xlsx ' +
          'workbook (`format=xlsx`). ETag and ' +
          'Last-Modified follow the data version; If-None-Match gives 304. The body stays the bare ' +
          'table BI tools load as is; headers say what it is: `EVG-As-Of` (data cut-off), ' +
          '`EVG-Min-Cell-Size` (cells with fewer citizens are suppressed) and `EVG-Max-Perturbation` ' +
          '(every count is within this of the exact one: cell key method, so no combination of tables ' +
          'gives back a small count). `exact=true` gives the exact figures to role analyst, audited.',
        querystring: effectsQuerySchema,
        response: {
          200: {
            description: 'The effect table.',
            content: {
              'application/json': { schema: z.array(effectRowSchema) },
              'text/csv': {
                schema: z
                  .string()
                  .meta({ examples: ['offerId,offerName,effect3m_n,...\r\nT-0001,Jobklar,356,...\r\n'] }),
              },
              [XLSX_MEDIA_TYPE]: { schema: xlsxBodySchema },
            },
          },
          304: z.null().describe('Not modified: the data version is unchanged.'),
          ...readAuthProblems,
          401: problemResponse('No valid API key while reads require one, or with exact=true.'),
          403: problemResponse('exact=true with a key of a role other than analyst or admin.'),
          ...commonProblems,
        },
      },
    },
    async (request, reply) => {
      const { groupBy = [], periodUnit, exact = false } = request.query;
      const output = effectsOutput(request.query, request.headers.accept);
      const model = app.readModel.current;
      if (exact) await auditExactRead(app, request);
      const period = resolvePeriod(request.query);
      const rows = model.effects({ groupBy, period, periodUnit, exact });
      const meta = figuresMeta(model, exact);
      reply.header('evg-as-of', meta.asOf ?? '');
      reply.header('evg-min-cell-size', String(meta.minCellSize));
      reply.header('evg-max-perturbation', String(meta.maxPerturbation));
      if (exact) reply.header('cache-control', 'private, no-store');
      else if (notModified(request, reply, model.version, outputVariant(output)))
        // A 304 has no body at all (not even `null`).
        return reply.code(304).send(undefined as never);
      if (output.kind === 'json') return asEffectRows(rows);
      // A stream or buffer bypasses the serializer; the type provider only knows serialised bodies.
      return sendEffectTable(reply, output, { rows, groupBy, period, exact }, model, request.url) as never;
    },
  );
};

export default effects;
