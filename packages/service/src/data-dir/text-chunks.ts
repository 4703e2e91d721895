import { createReadStream } from 'node:fs';

/** A file as UTF-8 text chunks of about 1 MiB (multi-byte characters are never split). */
export async function* textChunks(path: string): AsyncGenerator<string> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 });
  let first = true;
  for await (const chunk of stream as AsyncIterable<string>) {
    if (first) {
      first = false;
      yield chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
    } else {
      yield chunk;
    }
  }
}
