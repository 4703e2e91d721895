import { ReadModel, type ReadModelOptions } from './read-model.ts';
import type { Snapshot, SnapshotSource } from './snapshot.ts';

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
  /** The catalogue revision of the snapshot `model` was built from; -1 = not known. */
  private revision: number;
  private timer: NodeJS.Timeout | undefined;
  /** The rebuild under way; `latest` when it loads from where this process writes. */
  private reloading: { promise: Promise<void>; latest: boolean } | undefined;

  private constructor(
    snapshot: Snapshot,
    private readonly source: SnapshotSource,
    private readonly options: ReadModelOptions,
    private readonly logger: StoreLogger,
  ) {
    this.model = new ReadModel(snapshot, options);
    this.revision = snapshot.catalogRevision ?? -1;
  }

  static async open(
    source: SnapshotSource,
    options: ReadModelOptions,
    logger: StoreLogger,
  ): Promise<ReadModelStore> {
    return new ReadModelStore(await source.load(), source, options, logger);
  }

  get current(): ReadModel {
    return this.model;
  }

  /**
   * Rebuilds now, after a write in this process (a refresh, a catalogue change), from where the
   * write went (`loadLatest`: the primary), so this process serves its own write even while the
   * replica it polls has not replayed it yet.
   */
  reload(): Promise<void> {
    // Concurrent callers share one rebuild rather than racing to swap; one from a lagging
    // replica (a poll) may predate the write, so it is waited for, not shared.
    if (this.reloading?.latest) return this.reloading.promise;
    return this.rebuild(true, this.reloading?.promise);
  }

  /**
   * Reloads when another process (an import, `evg refresh`, another instance's admin edit) has
   * published a new data version or changed the catalogue.
   */
  async reloadIfChanged(): Promise<boolean> {
    if (this.reloading) return false;
    const latest = await this.source.currentVersionId();
    const served = this.model.version?.id ?? 0;
    // Versions are numbered in the order they are published, and revisions only grow: a lower
    // one is a replica that has not yet replayed what this process already serves.
    let changed = latest !== null && latest > served;
    if (!changed && (latest ?? 0) === served && this.source.currentCatalogRevision) {
      changed = (await this.source.currentCatalogRevision()) > this.revision;
    }
    if (!changed || this.reloading) return false;
    await this.rebuild(false, undefined);
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

  private rebuild(latest: boolean, after: Promise<void> | undefined): Promise<void> {
    const run = async (): Promise<void> => {
      await after?.catch(() => {});
      try {
        const snapshot =
          latest && this.source.loadLatest ? await this.source.loadLatest() : await this.source.load();
        // Never back to an older data version or catalogue, whatever a lagging replica says.
        const version = snapshot.dataVersion?.id ?? 0;
        const served = this.model.version?.id ?? 0;
        const revision = snapshot.catalogRevision ?? -1;
        if (version < served || (version === served && revision < this.revision)) return;
        const next = new ReadModel(snapshot, this.options);
        this.model = next;
        this.revision = revision;
        this.logger.info({ dataVersion: next.version?.id ?? null }, 'read model swapped');
      } finally {
        if (this.reloading?.promise === promise) this.reloading = undefined;
      }
    };
    const promise = run();
    this.reloading = { promise, latest };
    return promise;
  }
}
