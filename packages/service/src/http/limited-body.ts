import { ProblemError } from './problem.ts';

/**
 * Passes a request body through chunk by chunk and stops with a 413 problem once it exceeds
 * `limit` bytes, so a streamed import never reads more than allowed.
 */
export async function* limitedBody(
  body: AsyncIterable<Buffer | string>,
  limit: number,
): AsyncGenerator<Buffer> {
  let received = 0;
  for await (const chunk of body) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    received += buffer.length;
    if (received > limit) {
      throw new ProblemError(
        'payload-too-large',
        `The body is larger than the import limit of ${limit} bytes.`,
      );
    }
    yield buffer;
  }
}
