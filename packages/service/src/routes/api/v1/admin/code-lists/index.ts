import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { catalogWrite } from '../../../../../http/catalog-write.ts';
import { ProblemError } from '../../../../../http/problem.ts';
import { codeListInputSchema, codeListNameSchema } from '../../../../../http/schemas/admin.ts';
import { codeListEntrySchema } from '../../../../../http/schemas/catalog.ts';
import { idParam } from '../../../../../http/schemas/common.ts';
import { authProblems, commonProblems, problemResponse } from '../../../../../http/schemas/problem.ts';
import { deleteCodeListEntry, saveCodeListEntry } from '../../../../../repositories/catalog-admin.ts';
import type { CodeListTableName } from '../../../../../repositories/code-lists-read.ts';

const params = z.object({ list: codeListNameSchema, code: idParam });
const tableOf = (list: z.output<typeof codeListNameSchema>): CodeListTableName =>
  list === 'target-groups' ? 'target_groups' : list;

const adminCodeLists: FastifyPluginAsyncZod = async (app) => {
  app.put(
    '/:list/:code',
    {
      schema: {
        tags: ['admin'],
        summary: 'Create or rename a code list entry',
        operationId: 'putCodeListEntry',
        security: [{ apiKey: [] }],
        params,
        body: codeListInputSchema,
        response: { 200: codeListEntrySchema, 201: codeListEntrySchema, ...authProblems, ...commonProblems },
      },
    },
    async (request, reply) => {
      const entry = { code: request.params.code, name: request.body.name };
      const created = await saveCodeListEntry(app.db, tableOf(request.params.list), entry);
      await app.readModel.reload();
      return reply.code(created ? 201 : 200).send(entry);
    },
  );

  app.delete(
    '/:list/:code',
    {
      schema: {
        tags: ['admin'],
        summary: 'Delete an unused code list entry',
        operationId: 'deleteCodeListEntry',
        security: [{ apiKey: [] }],
        params,
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
      const { list, code } = request.params;
      const deleted = await catalogWrite(() => deleteCodeListEntry(app.db, tableOf(list), code));
      if (!deleted) throw new ProblemError('not-found', `Koden '${code}' findes ikke i ${list}.`);
      await app.readModel.reload();
      return reply.code(204).send(null);
    },
  );
};

export default adminCodeLists;
