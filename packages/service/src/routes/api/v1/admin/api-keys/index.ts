import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ProblemError } from '../../../../../http/problem.ts';
import { apiKeyInputSchema, apiKeySchema, createdApiKeySchema } from '../../../../../http/schemas/admin.ts';
import { idParam } from '../../../../../http/schemas/common.ts';
import { authProblems, commonProblems, problemResponse } from '../../../../../http/schemas/problem.ts';
import { createApiKey, listApiKeys, revokeApiKey } from '../../../../../repositories/api-keys.ts';

const adminApiKeys: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: {
        tags: ['admin'],
        summary: 'List API keys (never their secrets)',
        operationId: 'listApiKeys',
        security: [{ apiKey: [] }],
        querystring: z.object({}).strict(),
        response: { 200: z.array(apiKeySchema), ...authProblems, ...commonProblems },
      },
    },
    async () => listApiKeys(app.db),
  );

  app.post(
    '/',
    {
      schema: {
        tags: ['admin'],
        summary: 'Create an API key (the secret is shown once)',
        operationId: 'createApiKey',
        security: [{ apiKey: [] }],
        body: apiKeyInputSchema,
        response: { 201: createdApiKeySchema, ...authProblems, ...commonProblems },
      },
    },
    async (request, reply) => reply.code(201).send(await createApiKey(app.db, request.body)),
  );

  app.delete(
    '/:id',
    {
      schema: {
        tags: ['admin'],
        summary: 'Revoke an API key',
        operationId: 'revokeApiKey',
        security: [{ apiKey: [] }],
        params: z.object({ id: idParam }),
        response: {
          200: apiKeySchema,
          404: problemResponse('Not found.'),
          ...authProblems,
          ...commonProblems,
        },
      },
    },
    async (request) => {
      const key = await revokeApiKey(app.db, request.params.id);
      if (!key) throw new ProblemError('not-found', `API-nøglen '${request.params.id}' findes ikke.`);
      return key;
    },
  );
};

export default adminApiKeys;
