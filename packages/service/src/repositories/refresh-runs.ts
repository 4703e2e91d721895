import { sql, type Kysely } from 'kysely';
import { REFRESH_LOCK } from '../db/advisory-locks.ts';
import type { Database, RefreshAsOfSource } from '../db/database.ts';

export interface RefreshStatus {
  /** A refresh is under way now. */
  running: boolean;
  /** The version readers see, or null before the first successful refresh. */
  current: {
    dataVersion: number;
    asOf: string;
    /** Where the refresh that made it took asOf from; null for versions made before this was recorded. */
    asOfSource: RefreshAsOfSource | null;
    createdAt: Date;
  } | null;
  lastSuccess: {
    finishedAt: Date;
    durationMs: number;
    dataVersion: number;
    asOf: string | null;
    asOfSource: RefreshAsOfSource | null;
    persons: number | null;
  } | null;
  lastFailure: { finishedAt: Date; error: string } | null;
}

/** Records the start of a refresh; closes runs left "running" by a crashed process first. */
export async function startRefreshRun(db: Kysely<Database>): Promise<number> {
  await db
    .updateTable('refresh_runs')
    .set((eb) => ({
      status: 'failed',
      finished_at: eb.fn<Date>('greatest', [eb.ref('started_at'), eb.fn<Date>('now')]),
      error: 'interrupted: the process running it stopped',
    }))
    .where('status', '=', 'running')
    .execute();
  const row = await db
    .insertInto('refresh_runs')
    .values({ status: 'running' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function finishRefreshRun(
  db: Kysely<Database>,
  id: number,
  outcome:
    | {
        status: 'succeeded';
        durationMs: number;
        dataVersion: number;
        asOf: string;
        asOfSource: RefreshAsOfSource;
        persons: number;
      }
    | { status: 'failed'; durationMs: number; error: string },
): Promise<void> {
  await db
    .updateTable('refresh_runs')
    .set((eb) => ({
      status: outcome.status,
      finished_at: eb.fn<Date>('greatest', [eb.ref('started_at'), eb.fn<Date>('now')]),
      duration_ms: Math.max(0, Math.round(outcome.durationMs)),
      data_version: outcome.status === 'succeeded' ? outcome.dataVersion : null,
      as_of: outcome.status === 'succeeded' ? outcome.asOf : null,
      as_of_source: outcome.status === 'succeeded' ? outcome.asOfSource : null,
      persons: outcome.status === 'succeeded' ? outcome.persons : null,
      error: outcome.status === 'failed' ? outcome.error : null,
    }))
    .where('id', '=', id)
    .execute();
}

/**
 * Whether a refresh is running, which data version is current, and how the last successful
 * and failed refreshes went.
 *
 * @example
 * const status = await getRefreshStatus(db); // { running: false, current: { dataVersion: 3, ... }, ... }
 */
export async function getRefreshStatus(db: Kysely<Database>): Promise<RefreshStatus> {
  const [running, lockHeld, current, success, failure] = await Promise.all([
    db.selectFrom('refresh_runs').select('id').where('status', '=', 'running').limit(1).executeTakeFirst(),
    refreshLockHeld(db),
    db
      .selectFrom('data_versions')
      .select((eb) => [
        'version',
        'as_of',
        'created_at',
        eb
          .selectFrom('refresh_runs')
          .select('refresh_runs.as_of_source')
          .whereRef('refresh_runs.data_version', '=', 'data_versions.version')
          // The latest: a refresh that found the same figures keeps the version (and may date
          // the same cut-off differently, e.g. declared where it was assumed).
          .orderBy('refresh_runs.id', 'desc')
          .limit(1)
          .as('as_of_source'),
      ])
      .where('status', '=', 'current')
      .executeTakeFirst(),
    db
      .selectFrom('refresh_runs')
      .selectAll()
      .where('status', '=', 'succeeded')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('refresh_runs')
      .selectAll()
      .where('status', '=', 'failed')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst(),
  ]);
  return {
    // A "running" row whose process died holds no lock: not running (closed at the next refresh).
    running: running !== undefined && lockHeld,
    current: current
      ? {
          dataVersion: current.version,
          asOf: current.as_of,
          asOfSource: current.as_of_source ?? null,
          createdAt: current.created_at,
        }
      : null,
    lastSuccess:
      success?.finished_at && success.data_version !== null
        ? {
            finishedAt: success.finished_at,
            durationMs: success.duration_ms ?? 0,
            dataVersion: success.data_version,
            asOf: success.as_of,
            asOfSource: success.as_of_source,
            persons: success.persons,
          }
        : null,
    lastFailure: failure?.finished_at
      ? { finishedAt: failure.finished_at, error: failure.error ?? '' }
      : null,
  };
}

/**
 * Whether some session holds this database's refresh lock exclusively (a bigint key: classid
 * high, objid low). pg_locks lists the whole server's locks: another database's refresh is not ours.
 */
async function refreshLockHeld(db: Kysely<Database>): Promise<boolean> {
  const high = Number(REFRESH_LOCK >> 32n);
  const low = Number(REFRESH_LOCK & 0xffffffffn);
  const { rows } = await sql<{ held: boolean }>`
    SELECT EXISTS (
      SELECT 1 FROM pg_locks
      WHERE locktype = 'advisory' AND granted AND mode = 'ExclusiveLock'
        AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND classid::bigint = ${high} AND objid::bigint = ${low} AND objsubid = 1
    ) AS held`.execute(db);
  return rows[0]?.held === true;
}
