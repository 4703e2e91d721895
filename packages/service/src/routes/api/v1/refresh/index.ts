import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { refreshStartedSchema, refreshStatusSchema } from '../../../../http/schemas/refresh.ts';
import { authProblems, commonProblems } from '../../../../http/schemas/problem.ts';
import { getRefreshStatus } from '../../../../repositories/refresh-runs.ts';

const iso = (value: Date | string) => new Date(value).toISOString();

const refresh: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', app.requireRole('ingest'));

  app.get(
    '/',
    {
      schema: {
        tags: ['imports'],
        summary: 'Effect refresh status',
        operationId: 'getRefreshStatus',
        security: [{ apiKey: [] }],
        querystring: z.object({}).strict(),
        response: { 200: refreshStatusSchema, ...authProblems, ...commonProblems },
      },
    },
    async () => {
      const { running, current, lastSuccess, lastFailure } = await getRefreshStatus(app.db);
      return {
        running,
        current: current && { ...current, createdAt: iso(current.createdAt) },
        lastSuccess: lastSuccess && { ...lastSuccess, finishedAt: iso(lastSuccess.finishedAt) },
        lastFailure: lastFailure && { ...lastFailure, finishedAt: iso(lastFailure.finishedAt) },
        servedDataVersion: app.readModel.current.version?.id ?? null,
      };
    },
  );

  app.post(
    '/',
    {
      schema: {
        tags: ['imports'],
        summary: 'Start an effect refresh',
        operationId: 'startRefresh',
        description:
          'Recomputes the effect tables in the background; the read model is swapped when it completes.',
        security: [{ apiKey: [] }],
        response: { 202: refreshStartedSchema, ...authProblems, ...commonProblems },
      },
    },
    async (_request, reply) => reply.code(202).send({ status: app.refresher.trigger() }),
  );
};

export default refresh;
