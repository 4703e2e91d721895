import type { FastifyPluginAsync } from 'fastify';
import adminRoutes from './admin/index.ts';
import bonusStatementRoutes from './bonus-statement/index.ts';
import codeListRoutes from './code-lists/index.ts';
import compareRoutes from './compare/index.ts';
import effectsRoutes from './effects/index.ts';
import importRoutes from './imports/index.ts';
import offerRoutes from './offers/index.ts';
import providerRoutes from './providers/index.ts';
import refreshRoutes from './refresh/index.ts';
import targetGroupRoutes from './target-groups/index.ts';

/** Version 1 of the API; every resource under its own prefix. */
interface V1Options {
  importBodyLimit: number;
  effectsMaxRows: number;
  pseudonymKey: string | undefined;
}

const v1: FastifyPluginAsync<V1Options> = async (app, options) => {
  await app.register(offerRoutes, { prefix: '/offers' });
  await app.register(compareRoutes, { prefix: '/compare' });
  await app.register(providerRoutes, { prefix: '/providers' });
  await app.register(targetGroupRoutes, { prefix: '/target-groups' });
  await app.register(codeListRoutes);
  await app.register(effectsRoutes, { prefix: '/effects', maxRows: options.effectsMaxRows });
  await app.register(importRoutes, {
    prefix: '/imports',
    bodyLimit: options.importBodyLimit,
    pseudonymKey: options.pseudonymKey,
  });
  await app.register(refreshRoutes, { prefix: '/refresh' });
  await app.register(bonusStatementRoutes, { prefix: '/bonus-statement' });
  await app.register(adminRoutes, { prefix: '/admin' });
};

export default v1;
