import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { toOfferSummary } from '../../../../http/offer-views.ts';
import { ProblemError } from '../../../../http/problem.ts';
import { idParam, periodParams } from '../../../../http/schemas/common.ts';
import { asEffectRow, asEffectRows } from '../../../../http/schemas/effect-row.ts';
import { problemResponse } from '../../../../http/schemas/problem.ts';
import { providerListSchema, providerProfileSchema } from '../../../../http/schemas/providers.ts';
import { resolvePeriod } from '../../../../read-model/period-query.ts';
import { figuresMeta } from '../../../../http/figures-meta.ts';

const providers: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['providers'],
        summary: 'Providers with their measures',
        operationId: 'listProviders',
        querystring: z.object(periodParams).strict(),
        response: { 200: providerListSchema },
      },
    },
    async (request) => {
      const model = request.readModel;
      const period = resolvePeriod(request.query);
      const items = await Promise.all(
        model.providers.map(async (provider) => ({
          provider,
          offerCount: model.offers.filter((offer) => offer.providerId === provider.providerId).length,
          effects: asEffectRow(await model.providerRow(provider.providerId, period)),
        })),
      );
      return { ...figuresMeta(model), items };
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags: ['providers'],
        summary: "A provider's profile",
        operationId: 'getProvider',
        params: z.object({ id: idParam }),
        querystring: z.object(periodParams).strict(),
        response: {
          200: providerProfileSchema,
          404: problemResponse('Not found.'),
        },
      },
    },
    async (request) => {
      const model = request.readModel;
      const provider = model.provider(request.params.id);
      if (!provider) throw new ProblemError('not-found', `Leverandøren '${request.params.id}' findes ikke.`);
      const period = resolvePeriod(request.query);
      return {
        provider,
        ...figuresMeta(model),
        effects: asEffectRow(await model.providerRow(provider.providerId, period)),
        byTargetGroup: asEffectRows(await model.providerByTargetGroup(provider.providerId)),
        offers: (await model.offerViews(period))
          .filter((view) => view.offer.providerId === provider.providerId)
          .map((view) => toOfferSummary(model, view)),
      };
    },
  );
};

export default providers;
