import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { queryInt } from '../../../../../http/schemas/common.ts';
import { authProblems, commonProblems } from '../../../../../http/schemas/problem.ts';
import { listExactReads } from '../../../../../repositories/exact-reads.ts';

const exactReadSchema = z
  .object({
    id: z.string(),
    keyId: z.string(),
    keyName: z.string(),
    readAt: z.string().describe('ISO timestamp.'),
    method: z.string(),
    path: z.string(),
    query: z.record(z.string(), z.unknown()).describe('The query parameters of the read.'),
  })
  .meta({
    id: 'ExactRead',
    examples: [
      {
        id: '1',
        keyId: '7d0e1f7a-2b7c-4a55-9f1e-0c2a9e8b1d11',
        keyName: 'Analyse, Beskæftigelsesforvaltningen',
        readAt: '2026-11-30T09:15:00.000Z',
        method: 'GET',
        path: '/v1/effects',
        query: { groupBy: ['offer'], exact: true },
      },
    ],
  });

const adminExactReads: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['admin'],
        summary: 'Audit: reads of exact figures (latest first)',
        operationId: 'listExactReads',
        security: [{ apiKey: [] }],
        querystring: z
          .object({
            limit: queryInt(1, 1000).default(100).describe('Reads per page (1–1000). Default: 100.'),
            offset: queryInt(0, 1_000_000).default(0).describe('Reads to skip. Default: 0.'),
          })
          .strict(),
        response: { 200: z.array(exactReadSchema), ...authProblems, ...commonProblems },
      },
    },
    async (request) => listExactReads(app.db, request.query.limit, request.query.offset),
  );
};

export default adminExactReads;
