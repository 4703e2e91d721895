import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemError } from '../../../../http/problem.ts';
import { toOfferFilters, toOfferProfile, toOfferSummary } from '../../../../http/offer-views.ts';
import { idParam, periodParams } from '../../../../http/schemas/common.ts';
import { offerProfileSchema } from '../../../../http/schemas/offer-profile.ts';
import { offerSearchQuerySchema, offerSearchResultSchema } from '../../../../http/schemas/offer-search.ts';
import { readSecurity } from '../../../../http/schemas/common.ts';
import { commonProblems, problemResponse, readAuthProblems } from '../../../../http/schemas/problem.ts';
import { searchOffers } from '../../../../read-model/offer-search.ts';
import { resolvePeriod } from '../../../../read-model/period-query.ts';
import { searchOfferIds } from '../../../../repositories/offers-read.ts';
import { figuresMeta } from '../../../../http/figures-meta.ts';
import { sendOfferWorkbook } from '../../../../http/offers-export.ts';
import { xlsxBodySchema } from '../../../../http/schemas/spreadsheet.ts';
import { XLSX_MEDIA_TYPE } from '../../../../spreadsheet/xlsx-writer.ts';

const offers: FastifyPluginAsyncZod = async (app) => {
  const measureKeys = app.readModel.current.measures.map((measure) => measure.key);

  app.get(
    '/',
    {
      onRequest: app.readAccess,
      preValidation: app.cachedResponse,
      config: { cacheResponse: true },
      schema: {
        tags: ['offers'],
        summary: 'Search offers',
        operationId: 'searchOffers',
        security: readSecurity,
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
          ...readAuthProblems,
          ...commonProblems,
        },
      },
    },
    async (request, reply) => {
      const { q, sort, limit, offset, format } = request.query;
      const period = resolvePeriod(request.query);
      // Danish stemming lives in PostgreSQL; every other filter runs on the read model.
      const textMatches = q === undefined ? undefined : await searchOfferIds(app.readDb, q);
      const model = app.readModel.current;
      // The measures of the data version served now: one defined after start-up filters and sorts
      // through `min=` and `sort` (its `min<Key>` parameter exists from the next start).
      const filters = toOfferFilters(
        request.query,
        model.measures.map((measure) => measure.key),
        textMatches,
      );
      const scope = request.query.targetGroup ?? null;
      const views = await model.offerViews(period, scope ?? undefined);
      if (format === 'xlsx') {
        const all = searchOffers(views, filters, sort, Math.max(views.length, 1), 0);
        // Built where the read model lives (its worker thread): the event loop sends the bytes.
        const ids = all.items.map((view) => view.offer.offerId);
        const workbook = await model.offersWorkbook(period, scope, ids, request.url);
        // A buffer bypasses the serializer; the type provider only knows serialised bodies.
        return sendOfferWorkbook(reply, workbook, model.version?.id) as never;
      }
      const result = searchOffers(views, filters, sort, limit, offset);
      return {
        ...result,
        items: result.items.map(toOfferSummary),
        limit,
        offset,
        period: period ?? null,
        ...figuresMeta(model),
        scope: { targetGroups: scope },
      };
    },
  );

  app.get(
    '/:id',
    {
      onRequest: app.readAccess,
      preValidation: app.cachedResponse,
      config: { cacheResponse: true },
      schema: {
        tags: ['offers'],
        summary: "An offer's profile",
        operationId: 'getOffer',
        security: readSecurity,
        params: z.object({ id: idParam }),
        querystring: z.object(periodParams).strict(),
        response: {
          200: offerProfileSchema,
          404: problemResponse('Not found.'),
          ...readAuthProblems,
          ...commonProblems,
        },
      },
    },
    async (request) => {
      const model = app.readModel.current;
      const view = await model.offerView(request.params.id, resolvePeriod(request.query));
      if (!view) throw new ProblemError('not-found', `Tilbuddet '${request.params.id}' findes ikke.`);
      return toOfferProfile(model, view);
    },
  );
};

export default offers;
