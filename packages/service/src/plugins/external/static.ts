import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const WEB_ROOT = fileURLToPath(new URL('../../web/static/', import.meta.url));

/** The caseworker's thin web client, served at `/` when its folder exists. */
async function staticPlugin(app: FastifyInstance, options: { root?: string }): Promise<void> {
  const root = options.root ?? WEB_ROOT;
  if (!existsSync(root)) return;
  await app.register(fastifyStatic, { root, prefix: '/', wildcard: false, index: 'index.html' });
}

export default fp(staticPlugin, { name: 'static' });
