import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The EVG database; opened and closed by whoever built the app (`evg start`, tests). */
    db: Kysely<Database>;
  }
}

async function dbPlugin(app: FastifyInstance, options: { db: Kysely<Database> }): Promise<void> {
  app.decorate('db', options.db);
}

export default fp(dbPlugin, { name: 'db' });
