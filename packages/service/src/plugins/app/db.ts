import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The EVG database; opened and closed by whoever built the app (`evg start`, tests). */
    db: Kysely<Database>;
    /**
     * Where reads that may lag behind the writes go: a streaming replica (DATABASE_READ_URL),
     * else the same instance as `db`. Anything that writes, or must see a write at once
     * (admin listings, API keys: a revoked key stops working at once), uses `db`.
     */
    readDb: Kysely<Database>;
  }
}

async function dbPlugin(
  app: FastifyInstance,
  options: { db: Kysely<Database>; readDb: Kysely<Database> },
): Promise<void> {
  app.decorate('db', options.db);
  app.decorate('readDb', options.readDb);
}

export default fp(dbPlugin, { name: 'db' });
