import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemError } from '../../../../http/problem.ts';
import { answerOfferSearch } from '../../../../http/offer-search.ts';
import { toOfferProfile } from '../../../../http/offer-views.ts';
import { idParam, periodParams } from '../../../../http/schemas/common.ts';
import { offerProfileSchema } from '../../../../http/schemas/offer-profile.ts';
import { offerSearchQuerySchema, offerSearchResultSchema } from '../../../../http/schemas/offer-search.ts';
import { problemResponse } from '../../../../http/schemas/problem.ts';
import { resolvePeriod } from '../../../../read-model/period-query.ts';
import { xlsxBodySchema } from '../../../../http/schemas/spreadsheet.ts';
import { XLSX_MEDIA_TYPE } from '../../../../spreadsheet/xlsx-writer.ts';

const offers: FastifyPluginAsyncZod = async (app) => {
  const measureKeys = app.readModel.current.measures.map((measure) => measure.key);

  app.get(
    '/',
    {
      schema: {
        tags: ['offers'],
        summary: 'Search offers',
        operationId: 'searchOffers',
        description:
          'Filter, sort and page the offers, with facet counts for the current filters.\n\n' +
          "Without `targetGroup`, every figure of an item is over all of the offer's enrollments. With " +
          "`targetGroup`, every figure (and the minimum filters and the sort) is over the offer's " +
          'enrollments in those target groups only: the figures a caseworker needs for a citizen of that ' +
          'group, equal to the offer × target group rows of `/v1/effects?groupBy=offer,targetGroup` for ' +
          'one group (with their suppression); with several groups a figure is shown only where that ' +
          'table shows it for each of them. The case-mix reference of the adjusted rates is then every ' +
          "offer's enrollments in the same target groups; complaints carry no target group, so scoped " +
          'items have none (null). ' +
          '`scope` in the answer says which target groups the figures are over. `format=xlsx` gives every ' +
          'matching offer as a spreadsheet.',
        querystring: offerSearchQuerySchema(measureKeys),
        response: {
          200: {
            description: 'The matching offers.',
            content: {
              'application/json': { schema: offerSearchResultSchema },
              [XLSX_MEDIA_TYPE]: { schema: xlsxBodySchema },
            },
          },
        },
      },
    },
    async (request, reply) => answerOfferSearch(app, request, reply),
  );

  app.get(
    '/:id',
    {
      schema: {
        tags: ['offers'],
        summary: "An offer's profile",
        operationId: 'getOffer',
        params: z.object({ id: idParam }),
        querystring: z.object(periodParams).strict(),
        response: {
          200: offerProfileSchema,
          404: problemResponse('Not found.'),
        },
      },
    },
    async (request) => {
      const model = request.readModel;
      const view = await model.offerView(request.params.id, resolvePeriod(request.query));
      if (!view) throw new ProblemError('not-found', `Tilbuddet '${request.params.id}' findes ikke.`);
      return toOfferProfile(model, view);
    },
  );
};

export default offers;
