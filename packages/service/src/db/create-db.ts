import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { registerCopyPool } from './copy-pool.ts';
import { lockDataDir } from './data-dir-lock.ts';
import type { Database } from './database.ts';
import { evgTypeParsers } from './type-parsers.ts';

/** Connections the embedded server admits beyond the pool: refresh workers, a psql session. */
const EXTRA_EMBEDDED_CONNECTIONS = 8;

export interface CreateDbOptions {
  /** A PostgreSQL connection string; absent = the embedded PGlite database. */
  databaseUrl?: string | undefined;
  /** Folder of the embedded database; default `./data`. Ignored with `databaseUrl`. */
  dataDir?: string | undefined;
  /** Pool size; default 10. Embedded, the socket server admits 8 more (refresh workers, psql). */
  maxConnections?: number | undefined;
}

/** An open database: Kysely on a pg pool, plus whatever serves it. Call `close()` once. */
export interface DbHandle {
  db: Kysely<Database>;
  /** The connection string the pool uses (embedded: the local socket server). */
  connectionString: string;
  embedded: boolean;
  close(): Promise<void>;
}

/**
 * Opens the EVG database. With a URL it connects to that server; without one it starts PGlite
 * in `dataDir` behind a pglite-socket server on 127.0.0.1 and a free port, so both cases go
 * through the same pg + Kysely code (and the same SQL).
 *
 * @example
 * const handle = await createDb({ databaseUrl: process.env.DATABASE_URL });
 * try { await migrateToLatest(handle.db); } finally { await handle.close(); }
 */
export async function createDb(options: CreateDbOptions = {}): Promise<DbHandle> {
  const maxConnections = options.maxConnections ?? 10;
  if (options.databaseUrl) {
    return openPool(options.databaseUrl, maxConnections, false, async () => {});
  }
  const dataDir = resolve(options.dataDir ?? './data');
  await mkdir(dataDir, { recursive: true });
  const unlock = await lockDataDir(dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dataDir);
  } catch (error) {
    await unlock();
    throw error;
  }
  const server = new PGLiteSocketServer({
    db: pglite,
    host: '127.0.0.1',
    port: 0,
    maxConnections: maxConnections + EXTRA_EMBEDDED_CONNECTIONS,
  });
  try {
    await server.start();
  } catch (error) {
    await pglite.close();
    await unlock();
    throw error;
  }
  const url = `postgres://postgres@${server.getServerConn()}/postgres`;
  return openPool(url, maxConnections, true, async () => {
    await server.stop();
    await pglite.close();
    await unlock();
  });
}

/** Reads `DATABASE_URL` and `EVG_DATA_DIR` from an environment. */
export function createDbFromEnv(env: NodeJS.ProcessEnv): Promise<DbHandle> {
  return createDb({ databaseUrl: env.DATABASE_URL, dataDir: env.EVG_DATA_DIR });
}

function openPool(
  connectionString: string,
  max: number,
  embedded: boolean,
  stopServer: () => Promise<void>,
): DbHandle {
  // A server that silently drops packets must not hang callers forever: connecting gives up
  // after 10 s, and TCP keep-alive finds dead connections under long imports and refreshes.
  const pool = new pg.Pool({
    connectionString,
    max,
    types: evgTypeParsers,
    connectionTimeoutMillis: 10_000,
    keepAlive: true,
  });
  // An idle client losing its connection (server restart) must not crash the process; the
  // pool drops it and the next query reconnects.
  pool.on('error', () => {});
  // A checked-out client (mid-transaction) that loses its connection also emits 'error'; with no
  // listener that crashes the process. Its pending query already fails with the same error.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  // A PostgreSQL server speaks COPY; pglite-socket does not (imports then stage with INSERT).
  if (!embedded) registerCopyPool(db, pool);
  let closed: Promise<void> | undefined;
  return {
    db,
    connectionString,
    embedded,
    close() {
      closed ??= (async () => {
        await db.destroy();
        await stopServer();
      })();
      return closed;
    },
  };
}
