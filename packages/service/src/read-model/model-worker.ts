// Worker thread holding the read models of the service: it loads each new data version from the
// database over its own connection, builds the model, and answers the event loop's requests
// (aggregations, table bodies). Only plain data crosses: prebuilt parts in slices, bodies as
// transferred bytes.
import { parentPort, workerData } from 'node:worker_threads';
import { createDb } from '../db/create-db.ts';
import { dbSnapshotSource } from './db-snapshot-source.ts';
import { answerRequest, prebuild } from './model-requests.ts';
import { ReadModel } from './read-model.ts';
import type { ModelWorkerInput, ToHost, ToWorker } from './worker-protocol.ts';
import { lowerThreadPriority } from '../threads/cpu-priority.ts';

const input = workerData as ModelWorkerInput;
lowerThreadPriority(input.nice ?? 0);
const port = parentPort!;
// One connection: an embedded database serves only a few (pglite-socket), and a build reads
// everything in one transaction anyway.
const handle = await createDb({ databaseUrl: input.connectionString, maxConnections: 1 });
// With a read replica, a second connection to the primary, for builds after this process's writes.
const primary = input.primaryConnectionString
  ? await createDb({ databaseUrl: input.primaryConnectionString, maxConnections: 1 })
  : undefined;
const source = dbSnapshotSource(handle.db, primary?.db);
const models = new Map<number, ReadModel>();
const post = (message: ToHost, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

/** Rows per message: each arrives as its own task on the event loop, deserialised in well under 5 ms. */
const SLICE_ROWS = 100;

async function handleMessage(message: ToWorker): Promise<void> {
  if (message.type === 'release') {
    models.delete(message.generation);
    return;
  }
  if (message.type === 'close') {
    await handle.close();
    await primary?.close();
    port.close();
    return;
  }
  const { id } = message;
  try {
    if (message.type === 'build') {
      const snapshot = message.latest ? await source.loadLatest!() : await source.load();
      const model = new ReadModel(snapshot, { ...input.options, warm: false });
      const parts = await prebuild(model, () => new Promise((resolve) => setImmediate(resolve)));
      models.set(message.generation, model);
      post({ id, part: { catalogue: parts.catalogue, zeroRow: parts.zeroRow } });
      for (const list of ['offerRows', 'tables'] as const) {
        for (const [key, rows] of parts[list]) {
          for (let from = 0; from === 0 || from < rows.length; from += SLICE_ROWS)
            post({ id, part: { list, key, rows: rows.slice(from, from + SLICE_ROWS) } });
        }
      }
      post({ id, ok: true, value: null });
      return;
    }
    const model = models.get(message.generation);
    if (!model) throw new Error(`read model ${message.generation} is no longer held`);
    const value = await answerRequest(model, message.request);
    if (value instanceof Uint8Array) {
      // Bytes move instead of being copied; a view into a shared pool is copied out first.
      const own = value.byteOffset === 0 && value.byteLength === value.buffer.byteLength;
      const bytes = own ? value : value.slice();
      post({ id, ok: true, value: bytes }, [bytes.buffer as ArrayBuffer]);
    } else post({ id, ok: true, value });
  } catch (error) {
    post({ id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
}

port.on('message', (message: ToWorker) => void handleMessage(message));
post({ ready: true });
