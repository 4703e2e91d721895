import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import { copyPoolOf } from './copy-pool.ts';
import type { Database } from './database.ts';

/**
 * Runs `work` in ONE transaction. On a PostgreSQL server it holds one pg client for the whole
 * transaction and hands the work both a Kysely over that client alone and the client itself,
 * so COPY (FROM or TO STDIN/STDOUT, which Kysely cannot send) runs inside the same transaction
 * as the other statements. Without a registered pool (embedded PGlite) `copy` is null.
 *
 * A client whose work failed is discarded (its COPY or connection may be mid-stream), unless
 * `clean(error)` says the transaction was rolled back cleanly.
 *
 * @example
 * await runCopyTransaction(db, async (trx, copy) => { ... });
 */
export async function runCopyTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Kysely<Database>, copy: pg.PoolClient | null) => Promise<T>,
  clean: (error: unknown) => boolean = () => false,
): Promise<T> {
  const pool = copyPoolOf(db);
  if (!pool) return db.transaction().execute((trx) => work(trx, null));
  const client = await pool.connect();
  // Kysely releases its connection after each use; the real client is released once, below.
  // The same client typed as Kysely calls it, so its bound query keeps Kysely's overloads.
  const kyselyClient: PostgresPoolClient = client;
  const held: PostgresPoolClient = { query: kyselyClient.query.bind(client), release: () => {} };
  const single: PostgresPool = { connect: async () => held, end: async () => {} };
  const one = new Kysely<Database>({ dialect: new PostgresDialect({ pool: single }) });
  let broken: Error | undefined;
  try {
    return await one.transaction().execute((trx) => work(trx, client));
  } catch (error) {
    if (!clean(error)) broken = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.release(broken);
  }
}
