import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export interface CorsPluginOptions {
  /** EVG_CORS_ORIGINS: empty = same origin only, `*` = any origin. */
  origins: readonly string[];
}

/** Cross-origin access for browser-based BI tools and portals, only from configured origins. */
async function corsPlugin(app: FastifyInstance, options: CorsPluginOptions): Promise<void> {
  const origin = options.origins.includes('*')
    ? true
    : options.origins.length > 0
      ? [...options.origins]
      : false;
  await app.register(cors, {
    origin,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'If-None-Match'],
    exposedHeaders: ['ETag', 'Last-Modified', 'X-Request-Id', 'EVG-Min-Cell-Size'],
  });
}

export default fp(corsPlugin, { name: 'cors' });
