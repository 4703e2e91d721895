import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ProblemError } from '../../http/problem.ts';

export interface RateLimitPluginOptions {
  /** Requests per minute per client address (EVG_RATE_LIMIT). */
  max: number;
}

/** Per-address request limit; over it the answer is a 429 problem with Retry-After. */
async function rateLimitPlugin(app: FastifyInstance, options: RateLimitPluginOptions): Promise<void> {
  await app.register(rateLimit, {
    max: options.max,
    timeWindow: '1 minute',
    errorResponseBuilder: (_request, context) =>
      new ProblemError(
        'rate-limited',
        `Højst ${context.max} forespørgsler pr. minut; prøv igen om ${context.after}.`,
      ),
  });
}

export default fp(rateLimitPlugin, { name: 'rate-limit' });
