import { startWorker } from '../threads/start-worker.ts';
import type { RefreshResult } from './refresh-effects.ts';
import type { RefreshWorkerInput } from './refresh-worker.ts';

// Compiled, the worker is plain JavaScript; from sources it needs tsx registered first.
const WORKER_ENTRY = import.meta.url.endsWith('.ts')
  ? './refresh-worker-bootstrap.mjs'
  : './refresh-worker.js';

/**
 * A refresh run in a worker thread of its own, at a lower CPU priority, so the server's event
 * loop only waits for its result: reading the records, the person pass and the publication
 * never hold up a request. For a PostgreSQL server (the embedded database's one session
 * belongs to the server's own pool). Fails as the refresh does; its run is in refresh_runs.
 *
 * @example
 *   const { dataVersion } = await refreshInWorker({ connectionString, options: { disclosureKey }, nice: 10 });
 */
export function refreshInWorker(input: RefreshWorkerInput): Promise<RefreshResult> {
  return startWorker<RefreshResult>(new URL(WORKER_ENTRY, import.meta.url), input, 'refresh worker').result;
}
