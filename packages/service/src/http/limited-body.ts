import { ProblemError } from './problem.ts';

/**
 * A request body passed through chunk by chunk that stops once it exceeds `limit` bytes, so a
 * streamed import never reads more than allowed. The importer may report the stop as a broken
 * file; `exceeded` tells the route it was the limit, which it answers with 413.
 *
 * @example
 *   const body = new LimitedBody(request.body, 1024 ** 3);
 *   await importRecords(db, kind, body.chunks(), options).catch((e) => { throw body.exceeded ? body.problem() : e; });
 */
export class LimitedBody {
  exceeded = false;

  constructor(
    private readonly body: AsyncIterable<Buffer | string>,
    private readonly limit: number,
  ) {}

  async *chunks(): AsyncGenerator<Buffer> {
    let received = 0;
    for await (const chunk of this.body) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      received += buffer.length;
      if (received > this.limit) {
        this.exceeded = true;
        throw this.problem();
      }
      yield buffer;
    }
  }

  problem(): ProblemError {
    return new ProblemError(
      'payload-too-large',
      `Indholdet er større end importgrænsen på ${this.limit} bytes (EVG_BODY_LIMIT).`,
    );
  }
}
