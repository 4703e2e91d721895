import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { catalogWrite } from '../../../../../http/catalog-write.ts';
import { ProblemError } from '../../../../../http/problem.ts';
import { offerInputSchema } from '../../../../../http/schemas/admin.ts';
import { offerSchema } from '../../../../../http/schemas/catalog.ts';
import { idParam } from '../../../../../http/schemas/common.ts';
import { authProblems, commonProblems, problemResponse } from '../../../../../http/schemas/problem.ts';
import { deleteOffer, saveOffer } from '../../../../../repositories/catalog-admin.ts';

const adminOffers: FastifyPluginAsyncZod = async (app) => {
  app.put(
    '/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Create or replace an offer',
        operationId: 'putOffer',
        security: [{ apiKey: [] }],
        params: z.object({ id: idParam }),
        body: offerInputSchema,
        response: { 200: offerSchema, 201: offerSchema, ...authProblems, ...commonProblems },
      },
    },
    async (request, reply) => {
      const offer = { offerId: request.params.id, ...request.body };
      const created = await catalogWrite(() => saveOffer(app.db, offer));
      await app.readModel.reload();
      return reply.code(created ? 201 : 200).send(offer);
    },
  );

  app.delete(
    '/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Delete an offer',
        operationId: 'deleteOffer',
        security: [{ apiKey: [] }],
        params: z.object({ id: idParam }),
        response: {
          204: z.null(),
          404: problemResponse('Not found.'),
          409: problemResponse('Conflict: still in use.'),
          ...authProblems,
          ...commonProblems,
        },
      },
    },
    async (request, reply) => {
      const deleted = await catalogWrite(() => deleteOffer(app.db, request.params.id));
      if (!deleted) throw new ProblemError('not-found', `Tilbuddet '${request.params.id}' findes ikke.`);
      await app.readModel.reload();
      return reply.code(204).send(null);
    },
  );
};

export default adminOffers;
