import { ReadModel, type ReadModelOptions } from './read-model.ts';
import type { SnapshotSource } from './snapshot.ts';

/** Where the store reports a failed reload; Fastify's logger in the service. */
export interface StoreLogger {
  error(object: object, message: string): void;
  info(object: object, message: string): void;
}

/**
 * Holds the current read model and replaces it whole (one reference) when the data version
 * changes, so a request sees either the old model or the new one, never a mix. Requests in
 * flight keep the model they started with.
 *
 * @example
 *   const store = await ReadModelStore.open(source, { minCellSize: 5 }, logger);
 *   store.startPolling(5000);
 *   store.current.offerViews(undefined);
 */
export class ReadModelStore {
  private model: ReadModel;
  private timer: NodeJS.Timeout | undefined;
  private reloading: Promise<void> | undefined;

  private constructor(
    model: ReadModel,
    private readonly source: SnapshotSource,
    private readonly options: ReadModelOptions,
    private readonly logger: StoreLogger,
  ) {
    this.model = model;
  }

  static async open(
    source: SnapshotSource,
    options: ReadModelOptions,
    logger: StoreLogger,
  ): Promise<ReadModelStore> {
    return new ReadModelStore(new ReadModel(await source.load(), options), source, options, logger);
  }

  get current(): ReadModel {
    return this.model;
  }

  /** Rebuilds from the stored tables now (after a refresh or a catalogue change in-process). */
  reload(): Promise<void> {
    // Concurrent callers share one rebuild rather than racing to swap.
    this.reloading ??= (async () => {
      try {
        const next = new ReadModel(await this.source.load(), this.options);
        this.model = next;
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
    if (latest === (this.model.version?.id ?? null)) return false;
    await this.reload();
    return true;
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
}
