import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { catalogWrite } from '../../../../../http/catalog-write.ts';
import { ProblemError } from '../../../../../http/problem.ts';
import { providerInputSchema } from '../../../../../http/schemas/admin.ts';
import { providerSchema } from '../../../../../http/schemas/catalog.ts';
import { idParam } from '../../../../../http/schemas/common.ts';
import { authProblems, commonProblems, problemResponse } from '../../../../../http/schemas/problem.ts';
import { deleteProvider, saveProvider } from '../../../../../repositories/catalog-admin.ts';

const adminProviders: FastifyPluginAsyncZod = async (app) => {
  app.put(
    '/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Create or replace a provider',
        operationId: 'putProvider',
        security: [{ apiKey: [] }],
        params: z.object({ id: idParam }),
        body: providerInputSchema,
        response: { 200: providerSchema, 201: providerSchema, ...authProblems, ...commonProblems },
      },
    },
    async (request, reply) => {
      const provider = { providerId: request.params.id, ...request.body };
      const created = await saveProvider(app.db, provider);
      await app.readModel.reload();
      return reply.code(created ? 201 : 200).send(provider);
    },
  );

  app.delete(
    '/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Delete a provider without offers',
        operationId: 'deleteProvider',
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
      const deleted = await catalogWrite(() => deleteProvider(app.db, request.params.id));
      if (!deleted) throw new ProblemError('not-found', `Udbyderen '${request.params.id}' findes ikke.`);
      await app.readModel.reload();
      return reply.code(204).send(null);
    },
  );
};

export default adminProviders;
