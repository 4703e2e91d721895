import {
  answerRequest,
  prebuild,
  type ModelAnswer,
  type ModelRequest,
  type PrebuiltModel,
} from './model-requests.ts';
import { ReadModel, type ReadModelOptions } from './read-model.ts';
import type { SnapshotSource } from './snapshot.ts';

/**
 * Where read models live and compute: a worker thread in the service (`WorkerModelHost`), so
 * building a model and aggregating or serialising a large table never hold up the event loop;
 * or this thread (`LocalModelHost`) for fixture sources and `EVG_READ_WORKERS=0`. Models are
 * known by the generation the caller gives them.
 */
export interface ModelHost {
  /**
   * Loads the stored data now, builds its read model as `generation`, and gives its prebuilt
   * parts. `latest`: from where this process writes (the primary), not the read replica.
   */
  build(generation: number, latest?: boolean): Promise<PrebuiltModel>;
  run<R extends ModelRequest>(generation: number, request: R): Promise<ModelAnswer<R>>;
  /** Forgets a model no request will ask of again. */
  release(generation: number): void;
  close(): Promise<void>;
}

/**
 * Models built and asked on this thread, as before worker threads: for snapshot sources that
 * exist only here (test fixtures) and as the fallback without a database URL.
 *
 * @example
 *   const host = new LocalModelHost(source, { minCellSize: 5 });
 */
export class LocalModelHost implements ModelHost {
  private readonly models = new Map<number, ReadModel>();

  constructor(
    private readonly source: SnapshotSource,
    private readonly options: ReadModelOptions,
  ) {}

  async build(generation: number, latest = false): Promise<PrebuiltModel> {
    const snapshot =
      latest && this.source.loadLatest ? await this.source.loadLatest() : await this.source.load();
    const model = new ReadModel(snapshot, this.options);
    this.models.set(generation, model);
    return prebuild(model);
  }

  run<R extends ModelRequest>(generation: number, request: R): Promise<ModelAnswer<R>> {
    const model = this.models.get(generation);
    if (!model) return Promise.reject(new Error(`read model ${generation} is no longer held`));
    return answerRequest(model, request);
  }

  release(generation: number): void {
    this.models.delete(generation);
  }

  async close(): Promise<void> {
    this.models.clear();
  }
}
