import { createReadStream } from 'node:fs';

/**
 * A file as UTF-8 text chunks (multi-byte characters are never split). 64 KiB by default:
 * small batches die young, which keeps garbage collection cheap and peak memory low.
 */
export async function* textChunks(path: string, chunkBytes = 1 << 16): AsyncGenerator<string> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: chunkBytes });
  let first = true;
  for await (const chunk of stream) {
    // With an encoding the stream yields strings; its iterator is typed any.
    if (typeof chunk !== 'string') throw new TypeError(`${path}: the stream yielded no text`);
    if (first) {
      first = false;
      yield chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
    } else {
      yield chunk;
    }
  }
}
