import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { benefitTypeSchema, codeListEntrySchema } from '../../../../http/schemas/catalog.ts';
import { readSecurity } from '../../../../http/schemas/common.ts';
import { commonProblems, readAuthProblems } from '../../../../http/schemas/problem.ts';

/** Industries, packages and benefit types (target groups and providers have their own resources). */
const codeLists: FastifyPluginAsyncZod = async (app) => {
  const noQuery = z.object({}).strict();

  app.get(
    '/industries',
    {
      onRequest: app.readAccess,
      preValidation: app.cachedResponse,
      config: { cacheResponse: true },
      schema: {
        tags: ['code-lists'],
        summary: 'Industries (brancher)',
        operationId: 'listIndustries',
        security: readSecurity,
        querystring: noQuery,
        response: { 200: z.array(codeListEntrySchema), ...readAuthProblems, ...commonProblems },
      },
    },
    async () => [...app.readModel.current.snapshot.industries],
  );

  app.get(
    '/packages',
    {
      onRequest: app.readAccess,
      preValidation: app.cachedResponse,
      config: { cacheResponse: true },
      schema: {
        tags: ['code-lists'],
        summary: 'Packages (pakker)',
        operationId: 'listPackages',
        security: readSecurity,
        querystring: noQuery,
        response: { 200: z.array(codeListEntrySchema), ...readAuthProblems, ...commonProblems },
      },
    },
    async () => [...app.readModel.current.snapshot.packages],
  );

  app.get(
    '/benefit-types',
    {
      onRequest: app.readAccess,
      preValidation: app.cachedResponse,
      config: { cacheResponse: true },
      schema: {
        tags: ['code-lists'],
        summary: 'Benefit types (ydelsestyper)',
        operationId: 'listBenefitTypes',
        security: readSecurity,
        querystring: noQuery,
        response: { 200: z.array(benefitTypeSchema), ...readAuthProblems, ...commonProblems },
      },
    },
    async () => [...app.readModel.current.snapshot.benefitTypes],
  );
};

export default codeLists;
