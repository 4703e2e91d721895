import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditExactRead } from '../../../../http/exact-read.ts';
import { ProblemError } from '../../../../http/problem.ts';
import { sendUnserialized } from '../../../../http/sent-reply.ts';
import { bonusStatementQuerySchema, bonusStatementSchema } from '../../../../http/schemas/bonus.ts';
import { authProblems, commonProblems, problemResponse } from '../../../../http/schemas/problem.ts';
import { rulesAwaitingRefresh, statementOf } from '../../../../read-model/bonus-statement.ts';
import { parsePeriodName } from '../../../../read-model/period-query.ts';
import { listBonusRules } from '../../../../repositories/bonus-rules.ts';
import { bonusTable } from '../../../../spreadsheet/bonus-table.ts';
import { tableCsvStream } from '../../../../spreadsheet/csv-writer.ts';

const bonusStatement: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      // Who may read is settled before the query is: a caller without the role learns nothing.
      onRequest: app.requireRole('analyst'),
      schema: {
        tags: ['bonus'],
        summary:
          'Result bonus statement per provider and offer for a period (exact, roles admin and analyst)',
        operationId: 'getBonusStatement',
        security: [{ apiKey: [] }],
        description:
          'What the administration owes each provider for citizens who became self-sufficient (seed 002 §3). ' +
          'Counts are exact (never suppressed or perturbed), so only roles admin and analyst may read it, and ' +
          'every read is recorded like any exact read. An enrollment belongs to the period as in the effect ' +
          'tables: by its end date for an end-anchored trigger measure (effect3m, the default), by its start ' +
          'date for a start-anchored one. `pending` counts enrollments of the period whose measure window ends ' +
          'after the cut-off (`asOf`); they are settled by a later statement for the same period, and ' +
          '`final` is true once none is pending. Only offers with a result bonus (`result_bonus_dkk` > 0) ' +
          'appear. `format=csv` (or `csvDialect`) gives the CSV of `evg bonus`.',
        querystring: bonusStatementQuerySchema,
        response: {
          200: {
            description: 'The statement.',
            content: {
              'application/json': { schema: bonusStatementSchema },
              'text/csv': {
                schema: z.string().meta({ examples: ['providerId,providerName,offerId,...\r\n'] }),
              },
            },
          },
          409: problemResponse(
            'A bonus rule names a measure the current data version does not carry yet (refresh first).',
          ),
          503: problemResponse('No data version yet: run a refresh first.'),
          ...authProblems,
          ...commonProblems,
        },
      },
    },
    async (request, reply) => {
      const { period: name, format, csvDialect } = request.query;
      const period = parsePeriodName(name, 'period');
      await auditExactRead(app, request);
      reply.header('cache-control', 'private, no-store');
      const model = request.readModel;
      const rules = await listBonusRules(app.db);
      const waiting = rulesAwaitingRefresh(model, rules);
      if (waiting.length > 0) {
        throw new ProblemError(
          'conflict',
          `Bonusreglen for ${waiting.map((r) => `'${r.offerId}' (${r.measureKey})`).join(', ')} bruger et mål, ` +
            'som de aktuelle effekttabeller endnu ikke har; kør en genberegning (refresh) først.',
        );
      }
      const statement = await statementOf(model, rules, period);
      if (statement === null)
        throw new ProblemError(
          'unavailable',
          'Der er endnu ingen effekttabeller; kør en genberegning (refresh).',
        );
      if (format === 'csv' || csvDialect !== undefined) {
        reply.type('text/csv; charset=utf-8');
        reply.header('content-disposition', `attachment; filename="resultatbonus-${name}.csv"`);
        // A stream bypasses the serializer; the type provider only knows serialised bodies.
        return sendUnserialized(reply, tableCsvStream(bonusTable(statement), csvDialect ?? 'rfc4180'));
      }
      return statement;
    },
  );
};

export default bonusStatement;
