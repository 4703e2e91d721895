/**
 * The few pieces of the PostgreSQL wire protocol (version 3) the embedded session server needs:
 * cutting client messages out of a byte stream, noticing when the backend is ready for the next
 * query and in which transaction state, and writing an error of its own.
 */

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;

/** One message from a client, as it goes to PGlite. */
export type FrontendMessage =
  | { kind: 'encryption-request' }
  | { kind: 'cancel-request' }
  | { kind: 'startup'; bytes: Buffer }
  | { kind: 'terminate' }
  | { kind: 'message'; bytes: Buffer };

/**
 * Takes the next complete message off `buffer`; `null` while it is incomplete. Before startup
 * messages have no type byte (SSL/GSS requests, cancel, startup), after it every one has.
 * Throws on bytes that are no message of the protocol.
 */
export function takeFrontendMessage(
  buffer: Buffer,
  started: boolean,
): { message: FrontendMessage; rest: Buffer } | null {
  if (!started) {
    if (buffer.length < 8) return null;
    const length = buffer.readInt32BE(0);
    if (length < 8 || length > 10_000) throw new Error('not a PostgreSQL startup message');
    if (buffer.length < length) return null;
    const code = buffer.readInt32BE(4);
    const rest = buffer.subarray(length);
    if (code === SSL_REQUEST || code === GSSENC_REQUEST)
      return { message: { kind: 'encryption-request' }, rest };
    if (code === CANCEL_REQUEST) return { message: { kind: 'cancel-request' }, rest };
    if (code !== PROTOCOL_3) throw new Error('unsupported PostgreSQL protocol version');
    return { message: { kind: 'startup', bytes: Buffer.from(buffer.subarray(0, length)) }, rest };
  }
  if (buffer.length < 5) return null;
  const length = buffer.readInt32BE(1);
  if (length < 4) throw new Error('malformed PostgreSQL message');
  if (buffer.length < 1 + length) return null;
  const rest = buffer.subarray(1 + length);
  if (buffer[0] === 0x58 /* X */) return { message: { kind: 'terminate' }, rest };
  return { message: { kind: 'message', bytes: Buffer.from(buffer.subarray(0, 1 + length)) }, rest };
}

/**
 * Follows the backend's messages across arbitrary chunks and remembers the last
 * ReadyForQuery: `idle` is true when the last complete message is one with status `I`, i.e.
 * the connection finished its query cycle outside any transaction.
 */
export class BackendMessageScanner {
  private header = Buffer.alloc(5);
  private headerBytes = 0;
  private bodyLeft = 0;
  private type = 0;
  private lastComplete = 0;
  private readyStatus = 0;

  feed(chunk: Uint8Array): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.bodyLeft > 0) {
        const take = Math.min(this.bodyLeft, chunk.length - at);
        // ReadyForQuery's one-byte body is its transaction status.
        if (this.type === 0x5a /* Z */) this.readyStatus = chunk[at + take - 1] ?? this.readyStatus;
        this.bodyLeft -= take;
        at += take;
        if (this.bodyLeft === 0) this.lastComplete = this.type;
        continue;
      }
      // at < chunk.length, so the byte is there.
      this.header[this.headerBytes++] = chunk[at++] ?? 0;
      if (this.headerBytes === 5) {
        this.headerBytes = 0;
        this.type = this.header.readUInt8(0);
        this.bodyLeft = this.header.readInt32BE(1) - 4;
        if (this.bodyLeft <= 0) {
          this.bodyLeft = 0;
          this.lastComplete = this.type;
        }
      }
    }
  }

  /** Ready for a query outside a transaction, with no backend message half sent. */
  get idle(): boolean {
    return (
      this.headerBytes === 0 &&
      this.bodyLeft === 0 &&
      this.lastComplete === 0x5a /* Z */ &&
      this.readyStatus === 0x49 /* I */
    );
  }
}

/** An ErrorResponse of severity FATAL, as a server sends before it closes a connection. */
export function fatalError(sqlState: string, message: string): Buffer {
  const fields = Buffer.concat(
    [
      ['S', 'FATAL'],
      ['V', 'FATAL'],
      ['C', sqlState],
      ['M', message],
    ].map(([code, value]) => Buffer.from(`${code}${value}\0`, 'utf8')),
  );
  const body = Buffer.concat([fields, Buffer.from([0])]);
  const header = Buffer.alloc(5);
  header.write('E', 0, 'latin1');
  header.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([header, body]);
}

/** A Sync message: ends an extended-query cycle, so the backend answers ReadyForQuery. */
export const SYNC_MESSAGE = Buffer.from([0x53, 0, 0, 0, 4]);

/** A simple-protocol Query message. */
export function queryMessage(text: string): Buffer {
  const body = Buffer.from(`${text}\0`, 'utf8');
  const header = Buffer.alloc(5);
  header.write('Q', 0, 'latin1');
  header.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([header, body]);
}
