import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import { copyPoolOf } from '../db/copy-pool.ts';
import type { Database } from '../db/database.ts';
import { ImportError } from './import-error.ts';

/**
 * Runs an import's work in ONE transaction. On a PostgreSQL server it holds one pg client for
 * the whole transaction and hands the work both a Kysely over that client alone and the client
 * itself, so staging can stream rows with COPY FROM STDIN inside the same transaction as the
 * checks and the upsert. Without a registered pool (embedded PGlite) `copy` is null.
 *
 * @example
 * await runImportTransaction(db, async (trx, copy) => { ... });
 */
export async function runImportTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Kysely<Database>, copy: pg.PoolClient | null) => Promise<T>,
): Promise<T> {
  const pool = copyPoolOf(db);
  if (!pool) return db.transaction().execute((trx) => work(trx, null));
  const client = await pool.connect();
  // Kysely releases its connection after each use; the real client is released once, below.
  const held: PostgresPoolClient = {
    query: client.query.bind(client) as PostgresPoolClient['query'],
    release: () => {},
  };
  const single: PostgresPool = { connect: async () => held, end: async () => {} };
  const one = new Kysely<Database>({ dialect: new PostgresDialect({ pool: single }) });
  let broken: Error | undefined;
  try {
    return await one.transaction().execute((trx) => work(trx, client));
  } catch (error) {
    // A client whose COPY or connection failed mid-stream is not handed to anyone else; after a
    // rejected batch (rolled back cleanly) it is as good as new.
    if (!(error instanceof ImportError)) broken = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.release(broken);
  }
}
