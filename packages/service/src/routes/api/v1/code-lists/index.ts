import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { benefitTypeSchema, codeListEntrySchema } from '../../../../http/schemas/catalog.ts';
import { outcomeMeasureSchema } from '../../../../http/schemas/measures.ts';
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
      schema: {
        tags: ['code-lists'],
        summary: 'Industries (brancher)',
        operationId: 'listIndustries',
        querystring: noQuery,
        response: { 200: z.array(codeListEntrySchema) },
      },
    },
    async (request) => [...request.readModel.snapshot.industries],
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
    async (request) => [...request.readModel.snapshot.packages],
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
    async (request) => [...request.readModel.snapshot.benefitTypes],
  );

  app.get(
    '/measures',
    {
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
        querystring: noQuery,
        response: { 200: z.array(outcomeMeasureSchema) },
      },
    },
    async (request) =>
      request.readModel.measures.map((measure) => ({
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
