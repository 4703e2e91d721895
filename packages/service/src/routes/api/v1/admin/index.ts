import type { FastifyPluginAsync } from 'fastify';
import bonusRuleRoutes from './bonus-rules/index.ts';
import apiKeyRoutes from './api-keys/index.ts';
import codeListRoutes from './code-lists/index.ts';
import exactReadRoutes from './exact-reads/index.ts';
import measureRoutes from './measures/index.ts';
import offerRoutes from './offers/index.ts';
import providerRoutes from './providers/index.ts';

/** Administration: every route needs the admin role. */
const admin: FastifyPluginAsync = async (app) => {
  app.addHook('onRequest', app.requireRole('admin'));
  await app.register(offerRoutes, { prefix: '/offers' });
  await app.register(providerRoutes, { prefix: '/providers' });
  await app.register(codeListRoutes, { prefix: '/code-lists' });
  await app.register(apiKeyRoutes, { prefix: '/api-keys' });
  await app.register(exactReadRoutes, { prefix: '/exact-reads' });
  await app.register(measureRoutes, { prefix: '/measures' });
  await app.register(bonusRuleRoutes, { prefix: '/bonus-rules' });
};

export default admin;
