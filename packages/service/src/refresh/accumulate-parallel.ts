import { EffectsAccumulator, type EngineConfig, type FineCell } from '@evg/effects';
import type { Kysely } from 'kysely';
import { copyPoolOf } from '../db/copy-pool.ts';
import type { Database } from '../db/database.ts';
import { personIdBoundaries } from '../repositories/person-records.ts';
import { startWorker } from '../threads/start-worker.ts';
import { accumulateRange, type PersonRange } from './accumulate-range.ts';
import type { RangeWorkerInput } from './range-worker.ts';

/**
 * Accumulates every person, split into `workers` person_id ranges processed by worker threads
 * (each with its own connection), then merged: the engine is mergeable, so the result equals
 * one pass. With one worker, or no connection string to give the workers, it runs in-process.
 * Each range is read with COPY when `db` is a PostgreSQL server (accumulate-range.ts).
 */
export async function accumulatePersons(
  db: Kysely<Database>,
  config: EngineConfig,
  options: { workers: number; connectionString?: string | undefined; chunkSize: number },
): Promise<{ accumulator: EffectsAccumulator; persons: number }> {
  // COPY only where the pool speaks it; a worker's own pool would not know (embedded PGlite).
  const useCopy = copyPoolOf(db) !== undefined;
  if (options.workers <= 1 || !options.connectionString) {
    return accumulateRange(
      db,
      config,
      { after: null, upTo: null },
      { chunkSize: options.chunkSize, useCopy },
    );
  }
  const bounds = await personIdBoundaries(db, options.workers);
  const ranges: PersonRange[] = [];
  let after: string | null = null;
  for (const upTo of [...bounds, null]) {
    ranges.push({ after, upTo });
    after = upTo;
  }
  const connectionString = options.connectionString;
  const results = await Promise.all(
    ranges.map((range) =>
      runWorker({ connectionString, config, range, chunkSize: options.chunkSize, useCopy }),
    ),
  );
  const accumulator = EffectsAccumulator.fromFineCells(
    config,
    results.flatMap((r) => r.fineCells),
  );
  return { accumulator, persons: results.reduce((sum, r) => sum + r.persons, 0) };
}

// Compiled, the worker is plain JavaScript; from sources it needs tsx registered first.
const WORKER_ENTRY = import.meta.url.endsWith('.ts') ? './range-worker-bootstrap.mjs' : './range-worker.js';

function runWorker(input: RangeWorkerInput): Promise<{ fineCells: FineCell[]; persons: number }> {
  return startWorker<{ fineCells: FineCell[]; persons: number }>(
    new URL(WORKER_ENTRY, import.meta.url),
    input,
    'refresh worker',
  ).result;
}
