import type { FastifyPluginAsync } from 'fastify';
import adminRoutes from './admin/index.ts';
import bonusStatementRoutes from './bonus-statement/index.ts';
import importRoutes from './imports/index.ts';
import readRoutes from './read-routes.ts';
import refreshRoutes from './refresh/index.ts';

/** Version 1 of the API; every resource under its own prefix. */
interface V1Options {
  importBodyLimit: number;
  effectsMaxRows: number;
  pseudonymKey: string | undefined;
}

const v1: FastifyPluginAsync<V1Options> = async (app, options) => {
  await app.register(readRoutes, { effectsMaxRows: options.effectsMaxRows });
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
