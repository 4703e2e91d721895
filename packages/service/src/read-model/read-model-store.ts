import { randomUUID } from 'node:crypto';
import type { ModelHost } from './model-host.ts';
import type { ReadModelOptions } from './read-model.ts';
import { ServedModel } from './served-model.ts';
import type { SnapshotSource } from './snapshot.ts';

/** Where the store reports a failed reload; Fastify's logger in the service. */
export interface StoreLogger {
  error(object: object, message: string): void;
  info(object: object, message: string): void;
}

/** The header of the server's own warm-up requests: a token of `ReadModelStore.answerWith`. */
export const WARM_UP_HEADER = 'evg-warm-up';

/** Prepares a new model (`next`) from what was asked of the one it replaces (`previous`). */
export type Warmer = (previous: ServedModel, next: ServedModel) => Promise<void>;

/**
 * How long a replaced model stays with its host after the swap (and then until no request is
 * asking it anything): a request that began on it may still ask again (a route's second call,
 * milliseconds later). Each model held costs its size in the worker: at a refresh every 10 s,
 * 30 s held up to four (soak RSS 1.4-1.7 GiB at 20,000 persons), 5 s one or two (0.6-0.9 GiB).
 */
export const RETIRE_AFTER_MS = 5_000;

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
  /** The catalogue revision of the snapshot `model` was built from; -1 = not known. */
  private revision: number;
  private timer: NodeJS.Timeout | undefined;
  /** The rebuild under way; `latest` when it loads from where this process writes. */
  private reloading: { promise: Promise<void>; latest: boolean } | undefined;
  /** Set when the host lost its models (a worker died): the next poll builds again. */
  private lost = false;
  private readonly retiring = new Set<NodeJS.Timeout>();
  private readonly warmers: Warmer[] = [];
  private readonly warmUps = new Map<string, ServedModel>();

  private constructor(
    model: ServedModel,
    private readonly source: SnapshotSource,
    private readonly host: ModelHost,
    private readonly options: ReadModelOptions,
    private readonly logger: StoreLogger,
  ) {
    this.model = model;
    this.revision = model.snapshot.catalogRevision ?? -1;
  }

  static async open(
    source: SnapshotSource,
    host: ModelHost,
    options: ReadModelOptions,
    logger: StoreLogger,
  ): Promise<ReadModelStore> {
    return new ReadModelStore(await ServedModel.build(host, options), source, host, options, logger);
  }

  /** The model of the current data version, the one requests are answered from. */
  get current(): ServedModel {
    return this.model;
  }

  /**
   * Runs `work` with a one-time token that names `model`, a model not yet served: a request
   * carrying it (the server's own `inject`, header WARM_UP_HEADER) is answered from that model
   * (`modelOfWarmUp`), which is how a warmer has a new model's answers made before the swap.
   * The token is random and lives only while `work` runs.
   */
  async answerWith<T>(model: ServedModel, work: (token: string) => Promise<T>): Promise<T> {
    const token = randomUUID();
    this.warmUps.set(token, model);
    try {
      return await work(token);
    } finally {
      this.warmUps.delete(token);
    }
  }

  /** The model a warm-up token names (see `answerWith`), or undefined for anything else. */
  modelOfWarmUp(token: unknown): ServedModel | undefined {
    return typeof token === 'string' ? this.warmUps.get(token) : undefined;
  }

  /**
   * Rebuilds now, after a write in this process (a refresh, a catalogue change), from where the
   * write went (the primary, with DATABASE_READ_URL), so this process serves its own write even
   * while the replica it polls has not replayed it yet.
   */
  reload(): Promise<void> {
    // Concurrent callers share one rebuild rather than racing to swap; one from a lagging
    // replica (a poll) may predate the write, so it is waited for, not shared.
    if (this.reloading?.latest) return this.reloading.promise;
    return this.rebuild(true, this.reloading?.promise);
  }

  /**
   * Reloads when another process (an import, `evg refresh`, another instance's admin edit) has
   * published a new data version or changed the catalogue, or when the host lost its models.
   */
  async reloadIfChanged(): Promise<boolean> {
    if (this.reloading) return false;
    const latest = await this.source.currentVersionId();
    const served = this.model.version?.id ?? 0;
    // Versions are numbered in the order they are published, and revisions only grow: a lower
    // one is a replica that has not yet replayed what this process already serves.
    let changed = this.lost || (latest !== null && latest > served);
    if (!changed && (latest ?? 0) === served && this.source.currentCatalogRevision) {
      changed = (await this.source.currentCatalogRevision()) > this.revision;
    }
    if (!changed || this.reloading) return false;
    // Lost models are rebuilt from the primary: the replica may be behind what was served.
    await this.rebuild(this.lost, undefined);
    return true;
  }

  /**
   * Has `warm` run on every new model before it is swapped in, while requests are still answered
   * by the one it replaces (e.g. building the bodies most asked of it). A warmer that fails only
   * leaves the new model cold.
   */
  addWarmer(warm: Warmer): void {
    this.warmers.push(warm);
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
    await this.reloading?.promise.catch(() => undefined);
    await this.host.close();
  }

  private rebuild(latest: boolean, after: Promise<void> | undefined): Promise<void> {
    const run = async (): Promise<void> => {
      await after?.catch(() => {});
      try {
        const lost = this.lost;
        this.lost = false;
        const next = await ServedModel.build(this.host, this.options, { latest });
        // Never back to an older data version or catalogue, whatever a lagging replica says
        // (after lost models the old one cannot answer any more: whatever was built is served).
        const version = next.version?.id ?? 0;
        const served = this.model.version?.id ?? 0;
        const revision = next.snapshot.catalogRevision ?? -1;
        if (!lost && (version < served || (version === served && revision < this.revision))) {
          this.host.release(next.generation);
          return;
        }
        const previous = this.model;
        for (const warm of this.warmers) {
          await warm(previous, next).catch((error: unknown) => {
            this.logger.error({ err: error }, 'warming the new read model failed; it is served cold');
          });
        }
        this.model = next;
        this.revision = revision;
        this.retire(previous);
        this.logger.info({ dataVersion: next.version?.id ?? null }, 'read model swapped');
      } finally {
        if (this.reloading?.promise === promise) this.reloading = undefined;
      }
    };
    const promise = run();
    this.reloading = { promise, latest };
    return promise;
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
