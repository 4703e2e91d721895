// Worker thread: accumulates one person_id range over its own connection and posts back the
// fine cells (plain data, so they survive structured clone).
import { parentPort, workerData } from 'node:worker_threads';
import type { EngineConfig } from '@evg/effects';
import { createDb } from '../db/create-db.ts';
import { accumulateRange, type PersonRange } from './accumulate-range.ts';

export interface RangeWorkerInput {
  connectionString: string;
  config: EngineConfig;
  range: PersonRange;
  chunkSize: number;
  /** Read with COPY (the parent's database is a PostgreSQL server, not embedded PGlite). */
  useCopy: boolean;
}

const input = workerData as RangeWorkerInput;
// One connection: an embedded database serves only a few (pglite-socket maxConnections).
const handle = await createDb({ databaseUrl: input.connectionString, maxConnections: 1 });
try {
  const { accumulator, persons } = await accumulateRange(handle.db, input.config, input.range, {
    chunkSize: input.chunkSize,
    useCopy: input.useCopy,
  });
  parentPort?.postMessage({ fineCells: accumulator.fineCells(), persons });
} finally {
  await handle.close();
}
