import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { Database } from './database.ts';

/**
 * The pg pool under a Kysely instance of a PostgreSQL server, for the one path that needs a raw
 * client: imports stream their rows into staging with COPY FROM STDIN, which Kysely cannot
 * send. Embedded PGlite is not registered (pglite-socket has no COPY), nor is any Kysely a test
 * builds itself: those imports take the INSERT path.
 */
const pools = new WeakMap<Kysely<Database>, pg.Pool>();

export function registerCopyPool(db: Kysely<Database>, pool: pg.Pool): void {
  pools.set(db, pool);
}

/** The pool to take a COPY-capable client from, or undefined when there is none. */
export function copyPoolOf(db: Kysely<Database>): pg.Pool | undefined {
  return pools.get(db);
}
