/**
 * A fault-injecting TCP proxy between the service and its database. It forwards bytes untouched
 * until a test tells it to cut every open connection (both ends reset mid-stream, as when a
 * network path or the server dies), refuse new ones, or swallow them silently (a black hole,
 * as a dropped firewall rule does); `resume()` restores normal service.
 */
import { createConnection, createServer, type Socket } from 'node:net';

export type ProxyMode = 'forward' | 'refuse' | 'blackhole';

export interface FaultProxy {
  readonly port: number;
  /** The same URL with host and port replaced by the proxy's. */
  rewrite(url: string): string;
  /** Resets every open connection now; new ones are still forwarded unless the mode says otherwise. */
  cutAll(): void;
  /**
   * Stops every open connection's traffic in both directions at once (synchronously), so a test
   * can strike at an exact point of a transfer before another byte passes.
   */
  freeze(): void;
  /** 'refuse': new connections are reset at once; 'blackhole': accepted, never answered. */
  setMode(mode: ProxyMode): void;
  /** Back to forwarding new connections (open black-holed ones are cut). */
  resume(): void;
  /**
   * Resolves once `bytes` more bytes have passed in `direction` ('up': service → database, e.g.
   * the rows of a COPY; 'down': database → service, e.g. persons streamed to a refresh), so a
   * test can strike in the middle of a transfer rather than after a guessed delay.
   */
  whenForwarded(bytes: number, direction?: 'up' | 'down'): Promise<void>;
  /** Connections accepted so far, open now, and bytes forwarded each way. */
  stats(): { accepted: number; open: number; up: number; down: number };
  close(): Promise<void>;
}

/**
 * @example
 *   const proxy = await startFaultProxy({ host: '127.0.0.1', port: pg.port });
 *   const app = await buildApp({ databaseUrl: proxy.rewrite(pg.url()) });
 *   proxy.setMode('refuse'); proxy.cutAll();   // the database is gone
 *   proxy.resume();                            // and back
 */
export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  let mode: ProxyMode = 'forward';
  let accepted = 0;
  const forwarded = { up: 0, down: 0 };
  const waiters: { direction: 'up' | 'down'; until: number; resolve: () => void }[] = [];
  function count(direction: 'up' | 'down', bytes: number): void {
    forwarded[direction] += bytes;
    for (let i = waiters.length - 1; i >= 0; i--) {
      const waiter = waiters[i]!;
      if (waiter.direction === direction && forwarded[direction] >= waiter.until) {
        waiters.splice(i, 1);
        waiter.resolve();
      }
    }
  }
  const pairs = new Set<{ client: Socket; upstream?: Socket }>();

  const server = createServer((client) => {
    accepted++;
    client.on('error', () => undefined);
    if (mode === 'refuse') {
      client.resetAndDestroy();
      return;
    }
    const pair: { client: Socket; upstream?: Socket } = { client };
    pairs.add(pair);
    client.on('close', () => {
      pair.upstream?.destroy();
      pairs.delete(pair);
    });
    if (mode === 'blackhole') return;

    const upstream = createConnection(target);
    pair.upstream = upstream;
    upstream.on('error', () => client.resetAndDestroy());
    upstream.on('close', () => client.destroy());
    client.on('data', (chunk: Buffer) => count('up', chunk.length));
    upstream.on('data', (chunk: Buffer) => count('down', chunk.length));
    client.pipe(upstream);
    upstream.pipe(client);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('fault proxy has no address');
  const port = address.port;

  function cutAll(): void {
    for (const pair of pairs) {
      pair.upstream?.resetAndDestroy();
      pair.client.resetAndDestroy();
    }
    pairs.clear();
  }

  return {
    port,
    rewrite(url) {
      const parsed = new URL(url);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(port);
      return parsed.toString();
    },
    cutAll,
    freeze() {
      for (const { client, upstream } of pairs) {
        if (upstream) {
          client.unpipe(upstream);
          upstream.unpipe(client);
          upstream.pause();
        }
        client.pause();
      }
    },
    setMode(next) {
      mode = next;
    },
    resume() {
      if (mode === 'blackhole') {
        for (const pair of pairs) if (!pair.upstream) pair.client.resetAndDestroy();
      }
      mode = 'forward';
    },
    whenForwarded(bytes, direction = 'up') {
      return new Promise((resolve) => {
        waiters.push({ direction, until: forwarded[direction] + bytes, resolve });
      });
    },
    stats: () => ({ accepted, open: pairs.size, ...forwarded }),
    async close() {
      cutAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
