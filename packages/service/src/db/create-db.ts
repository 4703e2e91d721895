import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { keepRefreshLockLocally } from './advisory-locks.ts';
import { registerCopyPool } from './copy-pool.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { PgliteSessionServer } from './pglite-session-server.ts';
import type { Database } from './database.ts';
import { evgTypeParsers } from './type-parsers.ts';

/** Connections the embedded server admits beyond the pool: refresh workers, a psql session. */
const EXTRA_EMBEDDED_CONNECTIONS = 8;

/**
 * Embedded, a transaction has the whole database to itself, so one left idle stops every
 * other request. The service's own transactions never wait for a client (import bodies are
 * spooled before they start), so 10 s idle means a stuck caller, e.g. a forgotten psql BEGIN.
 */
const EMBEDDED_IDLE_IN_TRANSACTION_TIMEOUT_MS = 10_000;

export interface CreateDbOptions {
  /** A PostgreSQL connection string; absent = the embedded PGlite database. */
  databaseUrl?: string | undefined;
  /** Folder of the embedded database; default `./data`. Ignored with `databaseUrl`. */
  dataDir?: string | undefined;
  /** Pool size; default 10. Embedded, the socket server admits 8 more (refresh workers, psql). */
  maxConnections?: number | undefined;
  /** Embedded only: how long a connection may hold the database idle in a transaction; default 10 s. */
  idleInTransactionTimeoutMs?: number | undefined;
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
 * in `dataDir` behind a socket server on 127.0.0.1 and a free port, so both cases go through
 * the same pg + Kysely code (and the same SQL). PGlite is a single session: the socket server
 * gives each connection the database to itself for a whole query or transaction
 * (pglite-session-server.ts), so pool clients never see each other's statements.
 *
 * @example
 * const { databaseUrl, dataDir } = loadDataConfig(process.env);
 * const handle = await createDb({ databaseUrl, dataDir });
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
  const server = new PgliteSessionServer({
    pglite,
    maxConnections: maxConnections + EXTRA_EMBEDDED_CONNECTIONS,
    idleInTransactionTimeoutMs: options.idleInTransactionTimeoutMs ?? EMBEDDED_IDLE_IN_TRANSACTION_TIMEOUT_MS,
  });
  let address: string;
  try {
    address = await server.start();
  } catch (error) {
    await pglite.close();
    await unlock();
    throw error;
  }
  const url = `postgres://postgres@${address}/postgres`;
  const handle = openPool(url, maxConnections, true, async () => {
    await server.stop();
    await pglite.close();
    await unlock();
  });
  keepRefreshLockLocally(handle.db);
  return handle;
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
