import type { FastifySchema } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/database.ts';
import { catalogWrite } from './catalog-write.ts';
import { ProblemError } from './problem.ts';
import { authProblems, commonProblems, problemResponse } from './schemas/problem.ts';

/** What differs between the catalogue resources an admin can put and delete. */
export interface AdminResource<Params extends z.ZodType, Body extends z.ZodType, Entity> {
  /** Route path below the resource's prefix, e.g. `/:id`. */
  path: string;
  params: Params;
  body: Body;
  /** Schema of the stored entity, the PUT response. */
  entity: z.ZodType;
  put: { summary: string; operationId: string };
  delete: { summary: string; operationId: string };
  /** The entity to store, from the path and the body. */
  toEntity: (params: z.output<Params>, body: z.output<Body>) => Entity;
  /** Stores the entity; true when it was created. */
  save: (db: Db, entity: Entity, params: z.output<Params>) => Promise<boolean>;
  /** Deletes what the path names; false when it did not exist. */
  remove: (db: Db, params: z.output<Params>) => Promise<boolean>;
  /** Danish `not-found` detail for a delete of something that does not exist. */
  notFound: (params: z.output<Params>) => string;
}

/**
 * PUT (create or replace: 201 or 200) and DELETE (204) of one catalogue resource, behind the
 * admin role of the enclosing plugin. Every write reloads the read model; refused references
 * become 400 / 409 problems.
 *
 * @example
 * export default adminResourceRoutes({
 *   path: '/:id', params: z.object({ id: idParam }), body: providerInputSchema, entity: providerSchema,
 *   put: { summary: 'Create or replace a provider', operationId: 'putProvider' },
 *   delete: { summary: 'Delete a provider without offers', operationId: 'deleteProvider' },
 *   toEntity: (params, body) => ({ providerId: params.id, ...body }),
 *   save: (db, provider) => saveProvider(db, provider),
 *   remove: (db, params) => deleteProvider(db, params.id),
 *   notFound: (params) => `Leverandøren '${params.id}' findes ikke.`,
 * });
 */
export function adminResourceRoutes<Params extends z.ZodType, Body extends z.ZodType, Entity>(
  resource: AdminResource<Params, Body, Entity>,
): FastifyPluginAsyncZod {
  return async (app) => {
    // Typed as plain FastifySchema: the generic schemas would leave the reply type unresolvable.
    const putSchema: FastifySchema = {
      tags: ['admin'],
      summary: resource.put.summary,
      operationId: resource.put.operationId,
      security: [{ apiKey: [] }],
      params: resource.params,
      body: resource.body,
      response: { 200: resource.entity, 201: resource.entity, ...authProblems, ...commonProblems },
    };
    const deleteSchema: FastifySchema = {
      tags: ['admin'],
      summary: resource.delete.summary,
      operationId: resource.delete.operationId,
      security: [{ apiKey: [] }],
      params: resource.params,
      response: {
        204: z.null(),
        404: problemResponse('Not found.'),
        409: problemResponse('Conflict: still in use.'),
        ...authProblems,
        ...commonProblems,
      },
    };

    // Fastify cannot type params and body through generic schemas, so the validated values are
    // parsed once more to be typed: a no-op on them (plain strings, defaults already filled in).
    app.put(resource.path, { schema: putSchema }, async (request, reply) => {
      const params = resource.params.parse(request.params);
      const entity = resource.toEntity(params, resource.body.parse(request.body));
      const created = await catalogWrite(() => resource.save(app.db, entity, params));
      await app.readModel.reload();
      return reply.code(created ? 201 : 200).send(entity);
    });

    app.delete(resource.path, { schema: deleteSchema }, async (request, reply) => {
      const params = resource.params.parse(request.params);
      const deleted = await catalogWrite(() => resource.remove(app.db, params));
      if (!deleted) throw new ProblemError('not-found', resource.notFound(params));
      await app.readModel.reload();
      return reply.code(204).send(null);
    });
  };
}
