import { availableParallelism } from 'node:os';
import { aggregateCells, type Catalog, type EngineConfig } from '@evg/effects';
import type { Kysely } from 'kysely';
import type { Database, RefreshAsOfSource } from '../db/database.ts';
import { listBenefitTypes } from '../repositories/code-lists-read.ts';
import { currentVersionDigest, publishDataVersion } from '../repositories/effect-versions.ts';
import { listOffers } from '../repositories/offers-read.ts';
import { latestBenefitCutOff } from '../repositories/import-batches.ts';
import { countPersons, latestBenefitStart, listComplaints } from '../repositories/person-records.ts';
import { listProviders } from '../repositories/providers-read.ts';
import { listCustomMeasures } from '../repositories/measures.ts';
import { engineMeasures } from '../measures/measure-definition.ts';
import { finishRefreshRun, startRefreshRun } from '../repositories/refresh-runs.ts';
import { accumulatePersons } from './accumulate-parallel.ts';
import { resolveAsOf } from './as-of.ts';
import { RefreshError } from './refresh-error.ts';
import { withExclusiveRefreshLock } from '../db/advisory-locks.ts';
import { copyPoolOf } from '../db/copy-pool.ts';
import { runCopyTransaction } from '../db/copy-transaction.ts';
import { STANDARD_GROUPINGS } from './standard-groupings.ts';
import { versionDigest } from './version-digest.ts';

/**
 * Refreshes running in this process, refused at once (before any connection is taken). The
 * embedded database's one session would grant its re-entrant advisory lock twice; the lock
 * functions (db/advisory-locks.ts) also keep that lock in the process for it.
 */
const runningHere = new WeakSet<Kysely<Database>>();

export interface RefreshOptions {
  /**
   * Data cut-off overriding the imports' (EVG_AS_OF, `--as-of`); absent = the latest cut-off
   * of the imported benefit periods (see as-of.ts).
   */
  asOf?: string | undefined;
  /**
   * Worker threads for the person pass. Default: none below 250,000 persons or below 4 cores
   * (with 2 cores the database server and one thread already fill the machine: BENCHMARKS.md
   * has 2 workers both faster and slower than 1 at 1,000,000 persons there), else one per
   * core but one, at most 4. Needs `connectionString`.
   */
  workers?: number | undefined;
  /** Where workers connect (DbHandle.connectionString). */
  connectionString?: string | undefined;
  /** Persons per database round trip on the row path (embedded PGlite); default 2000. */
  chunkSize?: number;
  /** Cells with n below this are suppressed; default the engine's (5). */
  minCellSize?: number;
  /**
   * The installation's disclosure secret (secrets/disclosure-key.ts): the stored fine cells
   * carry cell keys derived from it, so every output can publish perturbed counts.
   */
  disclosureKey: string;
  /** Progress lines (counts and timings only, never person data). */
  log?: (line: string) => void;
}

export interface RefreshResult {
  /** The version readers now see: the new one, or the current one when nothing changed. */
  dataVersion: number;
  /**
   * False when the records gave exactly the figures of the current version: nothing was
   * published, so readers' caches, ETags and Last-Modified stay valid.
   */
  changed: boolean;
  asOf: string;
  /** Where asOf came from: an override, or the imports' cut-off (declared or assumed). */
  asOfSource: RefreshAsOfSource;
  persons: number;
  fineCells: number;
  durationMs: number;
}

/**
 * Recomputes every stored effect table from the records and publishes them as a new data
 * version in ONE transaction: readers see the old tables until the new ones are complete, and
 * a refresh that fails leaves the previous version current. A refresh whose figures are those
 * of the current version (same digest: version-digest.ts) publishes nothing and reports
 * `changed: false`, so clients' cached answers stay valid. One refresh at a time
 * (PostgreSQL advisory lock); its progress and outcome are in refresh_runs. On a PostgreSQL
 * server the records are read and the cells written with COPY (copy-person-columns.ts); the
 * embedded PGlite, whose socket has no COPY, streams persons in chunks and inserts the cells.
 *
 * @example
 * const { dataVersion, asOf } = await refreshEffects(db, { asOf: '2026-10-31', disclosureKey });
 */
export async function refreshEffects(db: Kysely<Database>, options: RefreshOptions): Promise<RefreshResult> {
  const log = options.log ?? (() => {});
  if (runningHere.has(db))
    throw new RefreshError('refresh-running', 'another refresh is running; try again later');
  runningHere.add(db);
  try {
    return await refreshWithLock(db, options, log);
  } finally {
    runningHere.delete(db);
  }
}

async function refreshWithLock(
  db: Kysely<Database>,
  options: RefreshOptions,
  log: (line: string) => void,
): Promise<RefreshResult> {
  const outcome = await withExclusiveRefreshLock(db, () => refreshLocked(db, options, log));
  if (!outcome.locked)
    throw new RefreshError('refresh-running', 'another refresh is running; try again later');
  return outcome.value;
}

const WORKERS_FROM_PERSONS = 250_000;

function defaultWorkers(persons: number): number {
  const cores = availableParallelism();
  return persons >= WORKERS_FROM_PERSONS && cores >= 4 ? Math.min(4, cores - 1) : 1;
}

async function refreshLocked(
  db: Kysely<Database>,
  options: RefreshOptions,
  log: (line: string) => void,
): Promise<RefreshResult> {
  const started = performance.now();
  const runId = await startRefreshRun(db);
  try {
    const { asOf, source: asOfSource } = resolveAsOf({
      override: options.asOf,
      imported: await latestBenefitCutOff(db),
      latestStartDay: await latestBenefitStart(db),
    });
    const [benefitTypes, offers, providers, custom] = await Promise.all([
      listBenefitTypes(db),
      listOffers(db),
      listProviders(db),
      listCustomMeasures(db),
    ]);
    const catalog: Catalog = { benefitTypes, offers, providers };
    // The defaults plus the measures an admin defined, as they are now: the data version
    // stores this list, so its readers keep using it whatever is edited afterwards.
    const measures = engineMeasures(custom);
    const config: EngineConfig = { asOf, catalog, measures, disclosureKey: options.disclosureKey };
    if (options.minCellSize !== undefined) config.minCellSize = options.minCellSize;

    const passStarted = performance.now();
    const { accumulator, persons } = await accumulatePersons(db, config, {
      workers: options.workers ?? defaultWorkers(await countPersons(db)),
      connectionString: options.connectionString,
      chunkSize: options.chunkSize ?? 2000,
    });
    for (const complaint of await listComplaints(db)) accumulator.addComplaint(complaint);
    const fineCells = accumulator.fineCells();
    const publishStarted = performance.now();
    log(
      `refresh: ${persons} persons, ${fineCells.length} fine cells (${copyPoolOf(db) ? 'COPY' : 'row'} path; person pass ${Math.round(publishStarted - passStarted)} ms, ${Math.round(publishStarted - started)} ms in all)`,
    );

    // The publication step (measures.md §4): suppression and cell key perturbation per table.
    const tables = STANDARD_GROUPINGS.map((g) => ({
      grouping: g.name,
      cells: aggregateCells(
        { ...config, groupBy: g.groupBy, periodUnit: g.periodUnit ?? 'halfYear' },
        fineCells,
      ),
    }));
    const writeStarted = performance.now();
    log(
      `refresh: ${tables.reduce((n, t) => n + t.cells.length, 0)} cells of ${tables.length} tables aggregated and published in ${Math.round(writeStarted - publishStarted)} ms`,
    );
    const digest = versionDigest({ asOf, measures, fineCells, tables });
    const current = await currentVersionDigest(db);
    const changed = current?.digest !== digest;
    const dataVersion = changed
      ? await runCopyTransaction(db, (trx, copy) =>
          publishDataVersion(trx, { asOf, measures, fineCells, tables, digest }, copy),
        )
      : current.version;
    log(
      changed
        ? `refresh: cells written and swapped in ${Math.round(performance.now() - writeStarted)} ms`
        : `refresh: the same figures as data version ${dataVersion}; nothing written, it stays current`,
    );
    const durationMs = performance.now() - started;
    await finishRefreshRun(db, runId, {
      status: 'succeeded',
      durationMs,
      dataVersion,
      asOf,
      asOfSource,
      persons,
    });
    log(
      `refresh: data version ${dataVersion} (asOf ${asOf}, ${asOfSource}) ${changed ? 'published' : 'kept'} in ${Math.round(durationMs)} ms`,
    );
    return { dataVersion, changed, asOf, asOfSource, persons, fineCells: fineCells.length, durationMs };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await finishRefreshRun(db, runId, {
      status: 'failed',
      durationMs: performance.now() - started,
      error: message,
    });
    if (error instanceof RefreshError) throw error;
    throw new RefreshError(
      'refresh-failed',
      `refresh failed, the previous data version stays current: ${message}`,
      {
        cause: error,
      },
    );
  }
}
