import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { benefitTypeSchema, codeListEntrySchema } from '../../../../http/schemas/catalog.ts';
import { readSecurity } from '../../../../http/schemas/common.ts';
import { outcomeMeasureSchema } from '../../../../http/schemas/measures.ts';
import { commonProblems, readAuthProblems } from '../../../../http/schemas/problem.ts';
import { englishLabelOf, isDefaultMeasure } from '../../../../measures/measure-definition.ts';

/**
 * Industries, packages, benefit types and outcome measures (target groups and providers have
 * their own resources).
 */
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

  app.get(
    '/measures',
    {
      onRequest: app.readAccess,
      preValidation: app.cachedResponse,
      config: { cacheResponse: true },
      schema: {
        tags: ['code-lists'],
        summary: 'Outcome measures (effektmål) with their labels',
        description:
          'The outcome measures the current data version carries, in the order of its effect rows: the ' +
          'four defaults, then those the municipality defined (`/v1/admin/measures`) as of the last ' +
          'refresh. Each key is a field of every effect row (an `OutcomeCell` like `effect3m`), a sort ' +
          'key of `GET /v1/offers` (`-<key>`, `-<key>.adjusted`), a `min=<key>:<rate>` filter and a ' +
          'measure of the comparison; a reader labels it with `label` (Danish) or `labelEn`.',
        operationId: 'listOutcomeMeasures',
        security: readSecurity,
        querystring: noQuery,
        response: { 200: z.array(outcomeMeasureSchema), ...readAuthProblems, ...commonProblems },
      },
    },
    async () =>
      app.readModel.current.measures.map((measure) => ({
        key: measure.key,
        label: measure.label,
        labelEn: englishLabelOf(measure),
        anchor: measure.anchor,
        fromMonth: measure.fromMonth,
        toMonth: measure.toMonth,
        minSelfSufficientMonths: measure.minSelfSufficientMonths,
        builtIn: isDefaultMeasure(measure.key),
      })),
  );
};

export default codeLists;
