import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ApiKeyRole } from '../../db/database.ts';
import { ProblemError } from '../../http/problem.ts';
import { WARM_UP_HEADER } from '../../read-model/read-model-store.ts';

export interface RateLimitPluginOptions {
  /** Requests per minute per client address, without a valid key (EVG_RATE_LIMIT). */
  max: number;
  /** Requests per minute per API key, by role (EVG_RATE_LIMIT_<ROLE>). */
  perKey: Record<ApiKeyRole, number>;
}

/** Paths that count: the API and its documentation; not the web client's files nor the probes. */
function counted(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '';
  return path.startsWith('/v1/') || path === '/v1' || path === '/openapi.json' || path.startsWith('/docs');
}

/**
 * Requests per minute, per bucket: a caller presenting a valid API key has its own bucket with
 * its role's limit, so one jobcenter system does not throttle the caseworkers behind the same
 * proxy; everyone else shares the bucket of their client address (from X-Forwarded-For only
 * behind a trusted proxy, EVG_TRUST_PROXY). Static files and /health, /ready are not counted.
 * Over the limit the answer is a 429 problem with Retry-After.
 */
async function rateLimitPlugin(app: FastifyInstance, options: RateLimitPluginOptions): Promise<void> {
  const roleOf = new Map<string, ApiKeyRole>();
  await app.register(rateLimit, {
    timeWindow: '1 minute',
    // The server's own warm-up of a new read model (read-model-store.ts) is no caller's.
    allowList: (request) =>
      !counted(request) ||
      request.server.readModel.modelOfWarmUp(request.headers[WARM_UP_HEADER]) !== undefined,
    keyGenerator: async (request) => {
      // A key is looked up (once per request; auth reuses it) so an invented one cannot open a bucket.
      const key = await request.server.apiKeyOf(request);
      if (!key) return `address:${request.ip}`;
      const bucket = `key:${key.id}`;
      roleOf.set(bucket, key.role);
      return bucket;
    },
    max: (_request, bucket) => {
      const role = roleOf.get(bucket);
      return role ? options.perKey[role] : options.max;
    },
    // `context.after` is English ("1 minute"): the detail counts the seconds itself.
    errorResponseBuilder: (_request, context) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      return new ProblemError(
        'rate-limited',
        `Højst ${context.max} forespørgsler pr. minut; prøv igen om ${seconds} ${seconds === 1 ? 'sekund' : 'sekunder'}.`,
      );
    },
  });
}

export default fp(rateLimitPlugin, { name: 'rate-limit' });
