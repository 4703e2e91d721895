import { Worker } from 'node:worker_threads';

/** A worker thread that posts one result and stops. */
export interface OneShotWorker<T> {
  /** Its one message; rejects when it fails or stops without one. */
  result: Promise<T>;
  /** Stops it (nothing when it has already stopped). */
  terminate: () => Promise<number>;
}

/**
 * Starts a worker thread that computes one thing and posts it (a refresh range, an
 * `evg effects` shard). A failed run stops its other workers; their rejections are then
 * expected, so an unawaited `result` never counts as an unhandled rejection.
 *
 * @example
 * const worker = startWorker<FineCell[]>(new URL('./range-worker.js', import.meta.url), input, 'refresh worker');
 * const cells = await worker.result;
 */
export function startWorker<T>(entry: URL, workerData: unknown, what: string): OneShotWorker<T> {
  const worker = new Worker(entry, { workerData });
  const result = new Promise<T>((resolve, reject) => {
    let message: { value: T } | undefined;
    worker.once('message', (value: T) => {
      message = { value };
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (message) resolve(message.value);
      else reject(new Error(`${what} stopped with exit code ${code} before reporting`));
    });
  });
  result.catch(() => {});
  return { result, terminate: () => worker.terminate() };
}
