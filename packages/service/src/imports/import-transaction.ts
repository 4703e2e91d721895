import type { Kysely } from 'kysely';
import type pg from 'pg';
import { runCopyTransaction } from '../db/copy-transaction.ts';
import type { Database } from '../db/database.ts';
import { ImportError } from './import-error.ts';

/**
 * Runs an import's work in ONE transaction (db/copy-transaction.ts): on a PostgreSQL server
 * staging streams rows with COPY FROM STDIN on `copy`, inside the same transaction as the
 * checks and the upsert; embedded PGlite gives `copy` null.
 *
 * @example
 * await runImportTransaction(db, async (trx, copy) => { ... });
 */
export async function runImportTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Kysely<Database>, copy: pg.PoolClient | null) => Promise<T>,
): Promise<T> {
  // After a rejected batch (rolled back cleanly) the client is as good as new.
  return runCopyTransaction(db, work, (error) => error instanceof ImportError);
}
