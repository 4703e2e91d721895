import { sql, type Kysely } from 'kysely';
import type { Database } from './database.ts';

/**
 * Advisory-lock keys shared by the data layer. A refresh holds REFRESH_LOCK exclusively while
 * it reads the records; an import holds it shared for its transaction. So a refresh never
 * reads half of one import and half of the next, and imports still run beside each other.
 */
export const REFRESH_LOCK = 0x45564752_45465348n; // "EVGREFSH"

/**
 * The embedded database is one PostgreSQL session, where advisory locks are re-entrant: an
 * import's shared lock would be granted beside a refresh's exclusive one. For it the lock is
 * also kept here, in the process (only one process can open an embedded data folder). A
 * refresh that finds imports running waits for them (new imports then wait for the refresh)
 * instead of being refused as if another refresh ran.
 */
class LocalRefreshLock {
  private exclusive = false;
  private shared = 0;
  private waiting: (() => void)[] = [];

  /** False at once when a refresh holds it; else waits for running imports, then holds it. */
  async takeExclusive(): Promise<boolean> {
    if (this.exclusive) return false;
    this.exclusive = true;
    while (this.shared > 0) await this.wait();
    return true;
  }

  releaseExclusive(): void {
    this.exclusive = false;
    this.wake();
  }

  async takeShared(): Promise<() => void> {
    while (this.exclusive) await this.wait();
    this.shared++;
    return () => {
      this.shared--;
      this.wake();
    };
  }

  private wait(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private wake(): void {
    for (const wake of this.waiting.splice(0)) wake();
  }
}

const localLocks = new WeakMap<Kysely<Database>, LocalRefreshLock>();

/** Called by createDb for an embedded database: its refresh lock is kept in the process too. */
export function keepRefreshLockLocally(db: Kysely<Database>): void {
  localLocks.set(db, new LocalRefreshLock());
}

/**
 * Runs `work` holding REFRESH_LOCK exclusively (on one connection for the whole of `work`,
 * which may use the pool), or answers `{ locked: false }` at once when a refresh or, on a
 * PostgreSQL server, an import holds it (embedded, running imports are waited for).
 *
 * On a server the lock is a transaction lock in a transaction left open (and idle) around
 * `work`: a pooler in transaction mode (PgBouncer) keeps one server connection for it until the
 * end, where a session lock would stay with whichever pooled connection took it and be "released"
 * on another, leaving every later import waiting (README "Scaling out"). Read committed and
 * writing nothing, that transaction holds back no vacuum.
 *
 * @example
 * const outcome = await withExclusiveRefreshLock(db, () => refreshLocked(db));
 * if (!outcome.locked) throw new RefreshError('refresh-running', '…');
 */
export async function withExclusiveRefreshLock<T>(
  db: Kysely<Database>,
  work: () => Promise<T>,
): Promise<{ locked: true; value: T } | { locked: false }> {
  const local = localLocks.get(db);
  if (!local) return withTransactionLock(db, work);
  if (!(await local.takeExclusive())) return { locked: false };
  try {
    // Embedded, a transaction would have the whole database to itself while `work` needs it:
    // a session lock there (one process, one session: the local lock is what counts).
    return await db.connection().execute(async (connection) => {
      const { rows } = await sql<{
        locked: boolean;
      }>`SELECT pg_try_advisory_lock(${REFRESH_LOCK}) AS locked`.execute(connection);
      if (!rows[0]?.locked) return { locked: false };
      try {
        return { locked: true, value: await work() };
      } finally {
        await sql`SELECT pg_advisory_unlock(${REFRESH_LOCK})`.execute(connection);
      }
    });
  } finally {
    local.releaseExclusive();
  }
}

async function withTransactionLock<T>(
  db: Kysely<Database>,
  work: () => Promise<T>,
): Promise<{ locked: true; value: T } | { locked: false }> {
  return db.transaction().execute(async (trx) => {
    // A server-wide idle-in-transaction limit must not end the lock in the middle of a refresh.
    await sql`SET LOCAL idle_in_transaction_session_timeout = 0`.execute(trx);
    const { rows } = await sql<{
      locked: boolean;
    }>`SELECT pg_try_advisory_xact_lock(${REFRESH_LOCK}) AS locked`.execute(trx);
    if (!rows[0]?.locked) return { locked: false as const };
    return { locked: true as const, value: await work() };
  });
}

/**
 * Runs `transaction` (which opens the import's transaction and calls
 * `holdSharedRefreshLock` first in it) while the in-process lock of an embedded database is
 * held shared: it waits for a refresh that is reading the records, and keeps one from starting
 * meanwhile. Embedded, the wait happens before the transaction begins, since a transaction
 * there has the whole database to itself.
 *
 * @example
 * await withSharedRefreshLock(db, () => db.transaction().execute(async (trx) => { await holdSharedRefreshLock(trx); … }));
 */
export async function withSharedRefreshLock<T>(
  db: Kysely<Database>,
  transaction: () => Promise<T>,
): Promise<T> {
  const release = await localLocks.get(db)?.takeShared();
  try {
    return await transaction();
  } finally {
    release?.();
  }
}

/** Takes REFRESH_LOCK shared for the rest of the transaction `trx` (a PostgreSQL server's lock). */
export async function holdSharedRefreshLock(trx: Kysely<Database>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock_shared(${REFRESH_LOCK})`.execute(trx);
}

/**
 * Held by an import from its reference checks to its commit, so imports store one at a time
 * (they still read, validate and stage side by side). Without it two imports deadlock: a bulk
 * upsert drops and re-adds foreign keys and indexes table by table under exclusive locks, while
 * the other holds locks from its checks on tables the first needs next (PostgreSQL then aborts
 * one). Embedded, a transaction has the one session to itself, so this is already the case.
 */
export const IMPORT_STORE_LOCK = 0x45564749_4d504f52n; // "EVGIMPOR"

/** Takes IMPORT_STORE_LOCK for the rest of the transaction `trx`, waiting for an import storing. */
export async function holdImportStoreLock(trx: Kysely<Database>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${IMPORT_STORE_LOCK})`.execute(trx);
}
