import type { FastifyPluginAsync, RouteOptions } from 'fastify';
import { readSecurity } from '../../../http/schemas/common.ts';
import { isJsonObject } from '../../../narrow.ts';
import { commonProblems, readAuthProblems } from '../../../http/schemas/problem.ts';
import codeListRoutes from './code-lists/index.ts';
import compareRoutes from './compare/index.ts';
import effectsRoutes from './effects/index.ts';
import offerRoutes from './offers/index.ts';
import providerRoutes from './providers/index.ts';
import targetGroupRoutes from './target-groups/index.ts';

/**
 * The read resources, which share one setup held here once (as an `autohooks` file does for a
 * folder): open unless EVG_READ_REQUIRES_KEY (then any valid key), answered from the response
 * cache, documented with the read security and the read and common problems. A route states its
 * own path, schema and call; it sets `config.cacheResponse: false` when it caches by other means,
 * and a problem it documents itself replaces the shared one of that status.
 */
const readRoutes: FastifyPluginAsync<{ effectsMaxRows: number }> = async (app, options) => {
  // Before validation, so a caller without a key learns nothing.
  app.addHook('onRequest', app.readAccess);
  app.addHook('onRoute', (route: RouteOptions) => {
    route.config = { cacheResponse: true, ...route.config };
    if (route.config.cacheResponse)
      route.preValidation = [app.cachedResponse, ...[route.preValidation ?? []].flat()];
    const schema = route.schema ?? {};
    route.schema = {
      ...schema,
      security: readSecurity,
      response: {
        ...readAuthProblems,
        ...commonProblems,
        ...(isJsonObject(schema.response) ? schema.response : {}),
      },
    };
  });

  await app.register(offerRoutes, { prefix: '/offers' });
  await app.register(compareRoutes, { prefix: '/compare' });
  await app.register(providerRoutes, { prefix: '/providers' });
  await app.register(targetGroupRoutes, { prefix: '/target-groups' });
  await app.register(codeListRoutes);
  await app.register(effectsRoutes, { prefix: '/effects', maxRows: options.effectsMaxRows });
};

export default readRoutes;
