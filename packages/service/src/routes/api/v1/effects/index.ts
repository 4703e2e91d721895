import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EffectsBodies } from '../../../../http/effects-bodies.ts';
import { effectsOutput, outputVariant, sendEffectBody } from '../../../../http/effects-export.ts';
import { ProblemError } from '../../../../http/problem.ts';
import { sendUnserialized, sentReply } from '../../../../http/sent-reply.ts';
import { notModified } from '../../../../http/conditional.ts';
import { effectRowSchema } from '../../../../http/schemas/effect-row.ts';
import { effectsQuerySchema } from '../../../../http/schemas/effects.ts';
import { problemResponse } from '../../../../http/schemas/problem.ts';
import { xlsxBodySchema } from '../../../../http/schemas/spreadsheet.ts';
import { XLSX_MEDIA_TYPE } from '../../../../spreadsheet/xlsx-writer.ts';
import { resolvePeriod } from '../../../../read-model/period-query.ts';
import { figuresMeta } from '../../../../http/figures-meta.ts';
import { auditExactRead } from '../../../../http/exact-read.ts';

const effects: FastifyPluginAsyncZod<{ maxRows: number }> = async (app, options) => {
  // Bounded work per request (issue 10): a table over the row limit is refused before it is
  // built, and a JSON or CSV table is serialised once per data version and query. Counting,
  // building and serialising run where the read model lives (its worker thread), never on the
  // event loop.
  const bodies = new EffectsBodies(64 * 1024 * 1024);
  // A new data version is swapped in with the tables most asked of the one before already built.
  app.readModel.addWarmer((previous, next) => bodies.warm(previous, next));
  const refuseLarge = (rows: number) =>
    new ProblemError(
      'table-too-large',
      `Tabellen ville få ${rows} rækker; grænsen er ${options.maxRows}. Vælg færre grupperinger.`,
      [{ in: 'query', name: 'groupBy', message: `gives ${rows} rows, more than ${options.maxRows}` }],
    );

  app.get(
    '/',
    {
      // Its own ETag and per-version body cache serve JSON and CSV alike, not the response cache.
      config: { cacheResponse: false },
      schema: {
        tags: ['effects'],
        summary: 'Effect table (BI)',
        operationId: 'getEffects',
        description:
          'Any grouping and period, as JSON (an array of rows shaped like `evg effects`) or as streamed CSV ' +
          '(`Accept: text/csv` or `format=csv`, the columns of `evg effects --format csv`: names beside ids, ' +
          'figures rounded, text made formula-safe; `csvDialect=excel-da` for Danish Excel), or as an xlsx ' +
          'workbook (`format=xlsx`). ETag and ' +
          'Last-Modified follow the data version; If-None-Match gives 304. The body stays the bare ' +
          'table BI tools load as is; headers say what it is: `EVG-As-Of` (data cut-off), ' +
          '`EVG-Min-Cell-Size` (cells with fewer citizens are suppressed) and `EVG-Max-Perturbation` ' +
          '(every count is within this of the exact one: cell key method, so no combination of tables ' +
          'gives back a small count). `exact=true` gives the exact figures to role analyst, audited. A table of ' +
          'more rows than the server allows (EVG_EFFECTS_MAX_ROWS) is refused with 422 `table-too-large`.',
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
          422: problemResponse('The table would have more rows than EVG_EFFECTS_MAX_ROWS.'),
          401: problemResponse('No valid API key while reads require one, or with exact=true.'),
          403: problemResponse('exact=true with a key of a role other than analyst or admin.'),
        },
      },
    },
    async (request, reply) => {
      const { groupBy = [], periodUnit, exact = false } = request.query;
      const output = effectsOutput(request.query, request.headers.accept);
      const model = request.readModel;
      const period = resolvePeriod(request.query);
      const size = await model.tableRows(groupBy, periodUnit);
      if (size > options.maxRows) throw refuseLarge(size);
      if (exact) await auditExactRead(app, request);
      const effectsQuery = { groupBy, period, periodUnit, exact };
      const meta = figuresMeta(model, exact);
      reply.header('evg-as-of', meta.asOf ?? '');
      reply.header('evg-min-cell-size', String(meta.minCellSize));
      reply.header('evg-max-perturbation', String(meta.maxPerturbation));
      if (exact) reply.header('cache-control', 'private, no-store');
      else if (notModified(request, reply, model.version, outputVariant(output)))
        // A 304 has no body at all (not even `null`).
        return sendUnserialized(reply.code(304), undefined);
      // The workbook names the request in its "Om data" sheet, so it is built for each one. Exact
      // figures are the data owner's: their bodies (JSON too) are built for each request and
      // never kept where another request could be answered from them.
      const key =
        output.kind === 'xlsx'
          ? undefined
          : `${outputVariant(output)}|${groupBy.join(',')}|${period?.from ?? ''}|${period?.to ?? ''}|${periodUnit}`;
      const body =
        key === undefined || exact
          ? await model.tableBody(effectsQuery, output, request.url)
          : await bodies.get(model, key, { query: effectsQuery, output, url: request.url });
      // Bytes bypass the serializer; the type provider only knows serialised bodies.
      return sentReply(sendEffectBody(reply, output, body, model.version?.id));
    },
  );
};

export default effects;
