import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Bodies up to this size stay in memory; larger ones go to a temporary file. */
const IN_MEMORY_BYTES = 8 * 1024 * 1024;

/** A request body received in full, to be read back as often as needed until disposed. */
export interface SpooledBody {
  bytes: number;
  chunks(): AsyncIterable<Buffer>;
  /** Removes the temporary file, if any. Safe to call twice. */
  dispose(): Promise<void>;
}

/**
 * Receives a whole request body before anything is done with it: small bodies in memory,
 * larger ones in a file under the system's temporary folder (TMPDIR), removed by `dispose`.
 * An import then holds its database connection and transaction only for the time the database
 * needs, never for the time a slow client needs to upload (on the embedded database one
 * transaction has the database to itself). On failure (client gone, limit exceeded) nothing is
 * left behind and the error is rethrown.
 *
 * @example
 *   const body = await spoolBody(new LimitedBody(request.body, limit).chunks());
 *   try { await importRecords(db, kind, body.chunks(), options); } finally { await body.dispose(); }
 */
export async function spoolBody(source: AsyncIterable<Buffer>): Promise<SpooledBody> {
  const memory: Buffer[] = [];
  let bytes = 0;
  let dir: string | undefined;
  let file: FileHandle | undefined;
  const dispose = async () => {
    await file?.close().catch(() => {});
    file = undefined;
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  };
  try {
    for await (const chunk of source) {
      bytes += chunk.length;
      if (!file && bytes > IN_MEMORY_BYTES) {
        dir = await mkdtemp(join(tmpdir(), 'evg-body-'));
        file = await open(join(dir, 'body'), 'w');
        for (const held of memory.splice(0)) await file.writeFile(held);
      }
      if (file) await file.writeFile(chunk);
      else memory.push(chunk);
    }
    await file?.close();
    file = undefined;
  } catch (error) {
    await dispose();
    throw error;
  }
  const path = dir && join(dir, 'body');
  return {
    bytes,
    chunks: () => (path ? createReadStream(path) : memoryChunks(memory)),
    dispose,
  };
}

async function* memoryChunks(chunks: readonly Buffer[]): AsyncGenerator<Buffer> {
  yield* chunks;
}
