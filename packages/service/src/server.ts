import type { FastifyInstance } from 'fastify';

export interface RunningServer {
  /** The base URL, e.g. `http://127.0.0.1:3000`. */
  url: string;
  /** Resolves once the server has shut down after a signal (or `stop()`). */
  closed: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Listens, and shuts down gracefully on SIGTERM/SIGINT: stop accepting connections, let
 * in-flight requests finish (Fastify answers new ones 503 while closing), then run `cleanup`
 * (close the pool and the embedded database).
 *
 * @example
 *   const server = await listen(app, { port: 3000, host: '127.0.0.1' }, () => handle.close());
 *   await server.closed;
 */
export async function listen(
  app: FastifyInstance,
  address: { port: number; host: string },
  cleanup: () => Promise<void>,
): Promise<RunningServer> {
  const url = await app.listen({ port: address.port, host: address.host });
  let stopping: Promise<void> | undefined;
  let resolveClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      // Keep-alive connections that finish their request during the close would otherwise hold
      // it open until they time out; close each as soon as it is idle.
      const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
      try {
        await app.close();
      } finally {
        clearInterval(sweep);
        await cleanup();
        resolveClosed();
      }
    })();
    return stopping;
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    app.log.info({ signal }, 'shutting down');
    void stop();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return { url, closed, stop };
}
