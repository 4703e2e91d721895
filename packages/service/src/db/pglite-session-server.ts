import { createServer, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import {
  BackendMessageScanner,
  fatalError,
  queryMessage,
  SYNC_MESSAGE,
  takeFrontendMessage,
  type FrontendMessage,
} from './wire-protocol.ts';

export interface PgliteSessionServerOptions {
  pglite: PGlite;
  /** Connections admitted at once; more are refused by the socket. */
  maxConnections: number;
  /**
   * A connection that holds the session (mid-transaction or mid-query-cycle) and sends nothing
   * for this long is ended and its transaction rolled back, as PostgreSQL's
   * `idle_in_transaction_session_timeout` would: everyone else waits for it meanwhile.
   */
  idleInTransactionTimeoutMs: number;
}

/**
 * Serves one PGlite database to PostgreSQL clients on 127.0.0.1 (a free port), giving each
 * connection exclusive use of the database from its first message until it is ready for a
 * query outside a transaction again (ReadyForQuery with status `I`).
 *
 * PGlite is ONE PostgreSQL session. pglite-socket (0.2.17, the latest) queues each protocol
 * message separately, so the unnamed statements and portals of different connections
 * interleave (`portal "" does not exist`, `bind message supplies 2 parameters, but prepared
 * statement "" requires 1`, one connection reading another's rows). Here a connection's whole
 * query cycle — Parse to Sync, or BEGIN to COMMIT/ROLLBACK — runs alone, FIFO among the
 * connections that wait. The lock is PGlite's own query mutex, so nothing else in the process
 * can slip in between either. Session state that outlives a transaction (SET without LOCAL,
 * session advisory locks, temp tables without ON COMMIT DROP) is still shared by all.
 */
export class PgliteSessionServer {
  private server: Server | undefined;
  private readonly sessions = new Set<Session>();

  constructor(private readonly options: PgliteSessionServerOptions) {}

  /** Listens; returns `host:port`. */
  async start(): Promise<string> {
    const server = createServer((socket) => {
      const session = new Session(socket, this.options);
      this.sessions.add(session);
      void session.closed.then(() => this.sessions.delete(session));
    });
    server.maxConnections = this.options.maxConnections;
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const bound = server.address();
    // Listening on a TCP port: an address object, never a pipe name or null.
    if (bound === null || typeof bound === 'string')
      throw new Error('the session server is not on a TCP port');
    return `${bound.address}:${bound.port}`;
  }

  /** Stops listening, ends every connection (rolling back what they left open) and waits. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    const closing = server ? new Promise<void>((resolve) => server.close(() => resolve())) : undefined;
    await Promise.all([...this.sessions].map((s) => s.end()));
    await closing;
  }
}

/** One client connection and, while it holds it, the database session. */
class Session {
  private buffer: Buffer = Buffer.alloc(0);
  private started = false;
  private ending = false;
  private release: (() => void) | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly scanner = new BackendMessageScanner();
  /** Everything touching PGlite runs on this chain, one step at a time. */
  private work: Promise<void> = Promise.resolve();
  private resolveClosed!: () => void;
  readonly closed = new Promise<void>((resolve) => {
    this.resolveClosed = resolve;
  });

  constructor(
    private readonly socket: Socket,
    private readonly options: PgliteSessionServerOptions,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (data) => {
      this.buffer = this.buffer.length === 0 ? data : Buffer.concat([this.buffer, data]);
      this.schedule(() => this.drain());
    });
    // A reset or a close both end the session; the socket's own error needs no report.
    socket.on('error', () => void this.end());
    socket.on('close', () => void this.end());
  }

  /** Ends the connection; what it left open is rolled back before the session is given on. */
  end(fatal?: Buffer): Promise<void> {
    if (!this.ending) {
      this.ending = true;
      this.clearIdleTimer();
      if (fatal && this.socket.writable) {
        // The client reads the error, then sees the end; a client that does not close is cut.
        this.socket.end(fatal);
        setTimeout(() => this.socket.destroy(), 1_000).unref();
      } else {
        this.socket.destroy();
      }
      this.schedule(() => this.giveBack());
      void this.work.then(() => this.resolveClosed());
    }
    return this.closed;
  }

  private schedule(step: () => Promise<void>): void {
    this.work = this.work.then(step).catch(() => {
      // PGlite itself failed (not an SQL error, which goes to the client as a message).
      void this.end(fatalError('XX000', 'the embedded database failed'));
    });
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.ending) return;
      const next = this.next();
      if (!next) break;
      this.clearIdleTimer();
      await this.handle(next);
    }
    if (this.release && !this.ending) this.armIdleTimer();
  }

  private next(): FrontendMessage | null {
    let taken;
    try {
      taken = takeFrontendMessage(this.buffer, this.started);
    } catch {
      void this.end(fatalError('08P01', 'invalid frontend message'));
      return null;
    }
    if (!taken) return null;
    this.buffer = taken.rest;
    return taken.message;
  }

  private async handle(message: FrontendMessage): Promise<void> {
    switch (message.kind) {
      case 'encryption-request':
        // No TLS on the loopback socket: the client goes on in plain text.
        this.socket.write('N');
        return;
      case 'cancel-request':
        // PGlite runs one statement at a time to its end; there is nothing to cancel.
        void this.end();
        return;
      case 'terminate':
        // Not awaited: the rollback runs on this same chain, after this step.
        void this.end();
        return;
      case 'startup':
        this.started = true;
        await this.execute(message.bytes);
        return;
      case 'message':
        await this.execute(message.bytes);
        return;
    }
  }

  private async execute(bytes: Buffer): Promise<void> {
    if (!this.release) this.release = await acquire(this.options.pglite);
    if (this.ending) return;
    await this.options.pglite.execProtocolRawStream(bytes, {
      onRawData: (data) => {
        this.scanner.feed(data);
        // PGlite reuses its buffer: the socket gets a copy.
        if (!this.ending && this.socket.writable) this.socket.write(Buffer.from(data));
      },
    });
    if (this.scanner.idle) this.giveUp();
  }

  /** After the connection went away: finish its cycle, roll back its transaction, give on. */
  private async giveBack(): Promise<void> {
    if (!this.release) return;
    const pglite = this.options.pglite;
    const discard = { onRawData: () => {} };
    try {
      // A Sync leaves an unfinished extended-query cycle (or the skip-until-Sync after an error).
      await pglite.execProtocolRawStream(SYNC_MESSAGE, discard);
      if (pglite.isInTransaction()) await pglite.execProtocolRawStream(queryMessage('ROLLBACK'), discard);
    } finally {
      this.giveUp();
    }
  }

  private giveUp(): void {
    const release = this.release;
    this.release = undefined;
    release?.();
  }

  private armIdleTimer(): void {
    this.clearIdleTimer();
    this.idleTimer = setTimeout(() => {
      void this.end(
        fatalError('25P03', 'terminating connection due to idle-in-transaction timeout (embedded database)'),
      );
    }, this.options.idleInTransactionTimeoutMs);
    this.idleTimer.unref();
  }

  private clearIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }
}

/** Takes PGlite's query mutex until the returned function is called. */
function acquire(pglite: PGlite): Promise<() => void> {
  return new Promise((resolve) => {
    void pglite.runExclusive(
      () =>
        new Promise<void>((done) => {
          resolve(done);
        }),
    );
  });
}
