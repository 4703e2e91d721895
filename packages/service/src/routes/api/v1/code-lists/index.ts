import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { benefitTypeSchema, codeListEntrySchema } from '../../../../http/schemas/catalog.ts';

/** Industries, packages and benefit types (target groups and providers have their own resources). */
const codeLists: FastifyPluginAsyncZod = async (app) => {
  const noQuery = z.object({}).strict();

  app.get(
    '/industries',
    {
      schema: {
        tags: ['code-lists'],
        summary: 'Industries (brancher)',
        operationId: 'listIndustries',
        querystring: noQuery,
        response: { 200: z.array(codeListEntrySchema) },
      },
    },
    async () => [...app.readModel.current.snapshot.industries],
  );

  app.get(
    '/packages',
    {
      schema: {
        tags: ['code-lists'],
        summary: 'Packages (pakker)',
        operationId: 'listPackages',
        querystring: noQuery,
        response: { 200: z.array(codeListEntrySchema) },
      },
    },
    async () => [...app.readModel.current.snapshot.packages],
  );

  app.get(
    '/benefit-types',
    {
      schema: {
        tags: ['code-lists'],
        summary: 'Benefit types (ydelsestyper)',
        operationId: 'listBenefitTypes',
        querystring: noQuery,
        response: { 200: z.array(benefitTypeSchema) },
      },
    },
    async () => [...app.readModel.current.snapshot.benefitTypes],
  );
};

export default codeLists;
