// Worker thread: one whole refresh (refresh-effects.ts) over its own connections, for a server
// whose event loop must keep answering meanwhile (refresh-in-worker.ts). Posts the result.
import { parentPort, workerData } from 'node:worker_threads';
import { createDb } from '../db/create-db.ts';
import { lowerThreadPriority } from '../threads/cpu-priority.ts';
import { refreshEffects, type RefreshOptions } from './refresh-effects.ts';

export interface RefreshWorkerInput {
  /** A PostgreSQL server's URL (never the embedded database: its one session is the server's). */
  connectionString: string;
  options: Omit<RefreshOptions, 'log' | 'connectionString'>;
  /** The nice value this thread lowers itself to (EVG_BATCH_NICE). */
  nice: number;
}

const input = workerData as RefreshWorkerInput;
lowerThreadPriority(input.nice);
const handle = await createDb({ databaseUrl: input.connectionString, maxConnections: 2 });
try {
  const result = await refreshEffects(handle.db, {
    ...input.options,
    connectionString: input.connectionString,
  });
  parentPort?.postMessage(result);
} finally {
  await handle.close();
}
