import type { ModelHost } from './model-host.ts';
import type { ReadModelOptions } from './read-model.ts';
import { ServedModel } from './served-model.ts';
import type { SnapshotSource } from './snapshot.ts';

/** Where the store reports a failed reload; Fastify's logger in the service. */
export interface StoreLogger {
  error(object: object, message: string): void;
  info(object: object, message: string): void;
}

/**
 * How long a replaced model stays with its host once no request is asking it anything: a
 * request that began on it may still ask again (a route's second call) within this time.
 */
const RETIRE_AFTER_MS = 30_000;

/**
 * Holds the current read model and replaces it whole (one reference) when the data version
 * changes, so a request sees either the old model or the new one, never a mix. Requests in
 * flight keep the model they started with. The model is built by its host (a worker thread in
 * the service), so the event loop only takes over the finished parts.
 *
 * @example
 *   const store = await ReadModelStore.open(source, host, { minCellSize: 5 }, logger);
 *   store.startPolling(5000);
 *   await store.current.offerViews(undefined);
 */
export class ReadModelStore {
  private model: ServedModel;
  private timer: NodeJS.Timeout | undefined;
  private reloading: Promise<void> | undefined;
  /** Set when the host lost its models (a worker died): the next poll builds again. */
  private lost = false;
  private readonly retiring = new Set<NodeJS.Timeout>();

  private constructor(
    model: ServedModel,
    private readonly source: SnapshotSource,
    private readonly host: ModelHost,
    private readonly options: ReadModelOptions,
    private readonly logger: StoreLogger,
  ) {
    this.model = model;
  }

  static async open(
    source: SnapshotSource,
    host: ModelHost,
    options: ReadModelOptions,
    logger: StoreLogger,
  ): Promise<ReadModelStore> {
    return new ReadModelStore(await ServedModel.build(host, options), source, host, options, logger);
  }

  get current(): ServedModel {
    return this.model;
  }

  /** Rebuilds from the stored tables now (after a refresh or a catalogue change in-process). */
  reload(): Promise<void> {
    // Concurrent callers share one rebuild rather than racing to swap.
    this.reloading ??= (async () => {
      try {
        this.lost = false;
        const next = await ServedModel.build(this.host, this.options);
        const previous = this.model;
        this.model = next;
        this.retire(previous);
        this.logger.info({ dataVersion: next.version?.id ?? null }, 'read model swapped');
      } finally {
        this.reloading = undefined;
      }
    })();
    return this.reloading;
  }

  /** Reloads when another process (an import, `evg refresh`) has published a new data version. */
  async reloadIfChanged(): Promise<boolean> {
    const latest = await this.source.currentVersionId();
    if (!this.lost && latest === (this.model.version?.id ?? null)) return false;
    await this.reload();
    return true;
  }

  /** The host lost the models it held (its worker died): build again at the next poll. */
  markLost(error: Error): void {
    this.lost = true;
    this.logger.error({ err: error }, 'read-model worker lost; rebuilding at the next poll');
  }

  startPolling(intervalMs: number): void {
    this.stopPolling();
    this.timer = setInterval(() => {
      this.reloadIfChanged().catch((error: unknown) => {
        this.logger.error({ err: error }, 'read model reload failed; keeping the previous one');
      });
    }, intervalMs);
    // Polling alone must not keep the process alive during shutdown.
    this.timer.unref();
  }

  stopPolling(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Stops polling and ends the host (its worker thread). */
  async close(): Promise<void> {
    this.stopPolling();
    for (const timer of this.retiring) clearTimeout(timer);
    this.retiring.clear();
    await this.reloading?.catch(() => undefined);
    await this.host.close();
  }

  /** Lets the host forget a replaced model once nothing has asked it anything for a while. */
  private retire(model: ServedModel): void {
    const timer = setTimeout(() => {
      this.retiring.delete(timer);
      void model.idle().then(() => this.host.release(model.generation));
    }, RETIRE_AFTER_MS);
    timer.unref();
    this.retiring.add(timer);
  }
}
