import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { differencesAgainst } from '../../../../http/compare-offers.ts';
import { toOfferSummary } from '../../../../http/offer-views.ts';
import { ProblemError } from '../../../../http/problem.ts';
import { compareQuerySchema, compareResultSchema } from '../../../../http/schemas/compare.ts';
import { problemResponse } from '../../../../http/schemas/problem.ts';
import { resolvePeriod } from '../../../../read-model/period-query.ts';
import { figuresMeta } from '../../../../http/figures-meta.ts';

const compare: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['offers'],
        summary: 'Compare 2–6 offers',
        operationId: 'compareOffers',
        description:
          'Every offer side by side, with the Newcombe difference of each against the first. With ' +
          "`targetGroup`, every figure is over the offers' enrollments in those target groups only " +
          "(case-mix reference: every offer's enrollments in the same target groups), exactly as in " +
          'the search with the same `targetGroup`; `scope` says which.',
        querystring: compareQuerySchema,
        response: {
          200: compareResultSchema,
          404: problemResponse('Not found.'),
        },
      },
    },
    async (request) => {
      const model = request.readModel;
      const period = resolvePeriod(request.query);
      const scope = request.query.targetGroup ?? null;
      const views = await Promise.all(
        request.query.ids.map((id) => model.offerView(id, period, scope ?? undefined)),
      );
      const missing = request.query.ids.filter((_, index) => !views[index]);
      if (missing.length > 0) throw new ProblemError('not-found', `Ukendte tilbud: ${missing.join(', ')}.`);
      const [reference, ...others] = views.map((view) => view!);
      const keys = model.measures.map((measure) => measure.key);
      return {
        reference: reference!.offer.offerId,
        ...figuresMeta(model),
        scope: { targetGroups: scope },
        offers: [reference!, ...others].map((view) => toOfferSummary(model, view)),
        differences: others.map((view) => ({
          offerId: view.offer.offerId,
          measures: differencesAgainst(reference!, view, keys),
        })),
      };
    },
  );
};

export default compare;
