import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Offer } from '@evg/effects';
import { ProblemError } from '../../../../../http/problem.ts';
import { bonusRuleInputSchema, bonusRuleSchema } from '../../../../../http/schemas/bonus.ts';
import { authProblems, commonProblems, problemResponse } from '../../../../../http/schemas/problem.ts';
import { bonusRuleView } from '../../../../../measures/bonus-rule-view.ts';
import { deleteBonusRule, listBonusRules, saveBonusRule } from '../../../../../repositories/bonus-rules.ts';
import { knownMeasureKeys } from '../../../../../repositories/measures.ts';

const offerParams = z.object({ offerId: z.string().min(1).max(100) });

const adminBonusRules: FastifyPluginAsyncZod = async (app) => {
  const offerOf = (offerId: string): Offer => {
    const offer = app.readModel.current.offer(offerId);
    if (!offer) throw new ProblemError('not-found', `Tilbuddet '${offerId}' findes ikke.`);
    return offer;
  };

  app.get(
    '/',
    {
      schema: {
        tags: ['admin'],
        summary: "Every offer's bonus trigger (offers without a rule: effect3m)",
        operationId: 'listBonusRules',
        security: [{ apiKey: [] }],
        response: { 200: z.array(bonusRuleSchema), ...authProblems, ...commonProblems },
      },
    },
    async () => {
      const rules = new Map((await listBonusRules(app.db)).map((r) => [r.offerId, r.measureKey]));
      return app.readModel.current.offers.map((offer) => bonusRuleView(offer, rules.get(offer.offerId)));
    },
  );

  app.put(
    '/:offerId',
    {
      schema: {
        tags: ['admin'],
        summary: "Set which outcome measure triggers an offer's result bonus",
        description:
          "The amount stays the offer's `resultBonusDkk`. The measure must be a default or a defined one; " +
          'a measure defined but not yet refreshed makes the statement answer 409 until the next refresh.',
        operationId: 'putBonusRule',
        security: [{ apiKey: [] }],
        params: offerParams,
        body: bonusRuleInputSchema,
        response: {
          200: bonusRuleSchema,
          201: bonusRuleSchema,
          404: problemResponse('No such offer.'),
          ...authProblems,
          ...commonProblems,
        },
      },
    },
    async (request, reply) => {
      const offer = offerOf(request.params.offerId);
      const { measureKey } = request.body;
      const known = await knownMeasureKeys(app.db);
      if (!known.includes(measureKey)) {
        throw new ProblemError(
          'validation',
          `Målet '${measureKey}' findes ikke; brug et af ${known.join(', ')}.`,
          [{ in: 'body', name: 'measureKey', message: `unknown measure; use one of ${known.join(', ')}` }],
        );
      }
      const created = await saveBonusRule(app.db, { offerId: offer.offerId, measureKey });
      // Search, profiles and comparisons name each offer's trigger: this instance at once,
      // the others when they see the catalogue change.
      await app.readModel.reload();
      return reply.code(created ? 201 : 200).send(bonusRuleView(offer, measureKey));
    },
  );

  app.delete(
    '/:offerId',
    {
      schema: {
        tags: ['admin'],
        summary: 'Back to the default trigger (effect3m)',
        operationId: 'deleteBonusRule',
        security: [{ apiKey: [] }],
        params: offerParams,
        response: {
          204: z.null(),
          404: problemResponse('No rule for this offer.'),
          ...authProblems,
          ...commonProblems,
        },
      },
    },
    async (request, reply) => {
      if (!(await deleteBonusRule(app.db, request.params.offerId)))
        throw new ProblemError(
          'not-found',
          `Tilbuddet '${request.params.offerId}' har ingen egen bonusregel.`,
        );
      await app.readModel.reload();
      return reply.code(204).send(null);
    },
  );
};

export default adminBonusRules;
