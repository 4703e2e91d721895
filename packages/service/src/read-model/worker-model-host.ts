import { Worker } from 'node:worker_threads';
import type { EffectRow } from '@evg/effects';
import type { ModelHost } from './model-host.ts';
import type { ModelAnswer, ModelRequest, PrebuiltModel } from './model-requests.ts';
import type { ReadModelOptions } from './read-model.ts';
import type {
  ModelWorkerConnection,
  ModelWorkerInput,
  PrebuiltPart,
  ToHost,
  ToWorker,
} from './worker-protocol.ts';

// Compiled, the worker is plain JavaScript; from sources it needs tsx registered first.
const WORKER_ENTRY = import.meta.url.endsWith('.ts') ? './model-worker-bootstrap.mjs' : './model-worker.js';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  parts?: PrebuiltPart[];
}

/**
 * Read models in a worker thread that loads the stored data over its own connection
 * (`connection`), so the event loop never parses fine cells, builds a model or
 * serialises a large table: it receives the prebuilt parts in slices and bodies as bytes.
 * A worker that dies is replaced on the next build; `onLost` is told, so the caller builds
 * again (the models it held are gone).
 *
 * @example
 *   const host = new WorkerModelHost({ connectionString: url, nice: 10 }, { minCellSize: 5 }, () => store.reload());
 */
export class WorkerModelHost implements ModelHost {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private closing = false;

  constructor(
    private readonly connection: ModelWorkerConnection,
    private readonly options: ReadModelOptions,
    private readonly onLost: (error: Error) => void = () => {},
  ) {}

  async build(generation: number, latest = false): Promise<PrebuiltModel> {
    const parts = (await this.send(
      (id) => ({ type: 'build', id, generation, latest }),
      true,
    )) as PrebuiltPart[];
    return assemble(parts);
  }

  run<R extends ModelRequest>(generation: number, request: R): Promise<ModelAnswer<R>> {
    return this.send((id) => ({ type: 'run', id, generation, request })) as Promise<ModelAnswer<R>>;
  }

  release(generation: number): void {
    this.worker?.postMessage({ type: 'release', generation } satisfies ToWorker);
  }

  async close(): Promise<void> {
    this.closing = true;
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    // The worker closes its connection and ends; if it cannot, it is stopped.
    worker.postMessage({ type: 'close' } satisfies ToWorker);
    const timer = setTimeout(() => void worker.terminate(), 5000);
    await exited;
    clearTimeout(timer);
  }

  private send(message: (id: number) => ToWorker, collectParts = false): Promise<unknown> {
    if (this.closing) return Promise.reject(new Error('the read-model worker is closed'));
    const worker = this.start();
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, ...(collectParts ? { parts: [] } : {}) });
      worker.postMessage(message(id));
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const input: ModelWorkerInput = { ...this.connection, options: this.options };
    const worker = new Worker(new URL(WORKER_ENTRY, import.meta.url), { workerData: input });
    // The worker must not keep the process alive on its own; close() ends it.
    worker.unref();
    worker.on('message', (message: ToHost) => this.receive(message));
    worker.on('error', (error) => this.lost(worker, error));
    worker.on('exit', (code) => this.lost(worker, new Error(`read-model worker exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }

  private receive(message: ToHost): void {
    if ('ready' in message) return;
    const pending = this.pending.get(message.id);
    if (!pending) return;
    if ('part' in message) {
      pending.parts?.push(message.part);
      return;
    }
    this.pending.delete(message.id);
    if (message.ok) pending.resolve(pending.parts ?? message.value);
    else pending.reject(new Error(message.message));
  }

  private lost(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
    if (!this.closing) this.onLost(error);
  }
}

/** A prebuilt model from its slices, in the order the worker sent them. */
function assemble(parts: readonly PrebuiltPart[]): PrebuiltModel {
  const head = parts[0];
  if (!head || !('catalogue' in head)) throw new Error('the read-model worker sent no catalogue');
  const lists = { offerRows: new Map<string, EffectRow[]>(), tables: new Map<string, EffectRow[]>() };
  for (const part of parts) {
    if (!('list' in part)) continue;
    const list = lists[part.list];
    const rows = list.get(part.key);
    if (rows) for (const row of part.rows) rows.push(row);
    else list.set(part.key, part.rows);
  }
  return {
    catalogue: head.catalogue,
    zeroRow: head.zeroRow,
    offerRows: [...lists.offerRows],
    tables: [...lists.tables],
  };
}
