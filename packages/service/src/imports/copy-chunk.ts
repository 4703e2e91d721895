/** COPY data is sent in chunks of about this many bytes. */
export const COPY_CHUNK_BYTES = 256 * 1024;
const TAB = 9;
const NEWLINE = 10;

/**
 * Rows of COPY text format written straight into a byte buffer, the next chunk to send. Why
 * not a string: appending millions of small strings builds ropes that the young generation
 * copies at every collection and that are flattened again to be sent: on 1.9 million benefit
 * periods that was more than half of the staging's garbage collection (BENCHMARKS.md, "First
 * loads").
 *
 * @example
 * const chunk = new CopyChunk();
 * chunk.add(2, ['P1', '1990-04-01']);
 * chunk.take().toString(); // '2\tP1\t1990-04-01\n'
 */
export class CopyChunk {
  private buffer = Buffer.allocUnsafe(COPY_CHUNK_BYTES);
  private used = 0;

  /** Bytes written since the last `take`. */
  get size(): number {
    return this.used;
  }

  /**
   * Appends one row: its source line, then the fields (already in COPY's text escaping). False,
   * with nothing written, when the row does not fit in the room left: send the chunk (`take`)
   * and add the row again. An empty chunk grows to hold a row of any length.
   */
  add(line: number, fields: readonly string[]): boolean {
    const bound = rowBound(fields);
    if (this.used + bound > this.buffer.length) {
      if (this.used > 0) return false;
      this.buffer = Buffer.allocUnsafe(bound);
    }
    let at = this.put(String(line), this.used);
    for (const field of fields) {
      this.buffer[at++] = TAB;
      at = this.put(field, at);
    }
    this.buffer[at++] = NEWLINE;
    this.used = at;
    return true;
  }

  /** The bytes written so far; the next rows go into a new buffer. */
  take(): Buffer {
    const chunk = this.buffer.subarray(0, this.used);
    this.buffer = Buffer.allocUnsafe(COPY_CHUNK_BYTES);
    this.used = 0;
    return chunk;
  }

  /** Forgets the rows written since the last `take`. */
  clear(): void {
    this.used = 0;
  }

  /** Writes text as UTF-8 at `at`: byte by byte while it is ASCII (ids, dates, numbers). */
  private put(text: string, at: number): number {
    const length = text.length;
    for (let i = 0; i < length; i++) {
      const code = text.charCodeAt(i);
      if (code > 127) return at + this.buffer.write(text, at, 'utf8');
      this.buffer[at + i] = code;
    }
    return at + length;
  }
}

/** At most this many bytes: UTF-8 takes up to 3 bytes per UTF-16 unit; line, tabs, newline. */
function rowBound(fields: readonly string[]): number {
  let bound = 17;
  for (const field of fields) bound += field.length * 3 + 1;
  return bound;
}
