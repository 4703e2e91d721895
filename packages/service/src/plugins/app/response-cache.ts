import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * preValidation hook answering from the cache of serialised JSON bodies when the same URL
     * was answered 200 before from the same read model. It runs after the key check and the rate
     * limit (onRequest); a URL answered 200 was valid, so a hit skips validation.
     */
    cachedResponse: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;
  }
  interface FastifyContextConfig {
    /** Cache this route's 200 JSON answers per URL and data version. */
    cacheResponse?: boolean;
  }
}

export interface ResponseCacheOptions {
  /** Most bodies kept; the oldest goes first. */
  entries: number;
  /** Larger bodies are not kept. */
  maxBytes: number;
}

/**
 * Read answers depend only on the URL and the read model, which never changes in place: a
 * new data version or catalogue change makes a new model (with a new generation number), so a
 * body serialised once can be sent again until then. Errors, CSV streams and non-cached routes
 * pass through untouched.
 */
async function responseCache(app: FastifyInstance, options: ResponseCacheOptions): Promise<void> {
  const bodies = new Map<string, string>();
  // The key is fixed when the request looks it up, so a model swapped mid-request cannot file
  // an old body under the new model.
  const keys = new WeakMap<FastifyRequest, string>();

  app.decorate('cachedResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const key = `${app.readModel.current.generation}|${request.url}`;
    keys.set(request, key);
    const body = bodies.get(key);
    if (body === undefined) return undefined;
    return reply.type('application/json; charset=utf-8').send(body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.routeOptions.config.cacheResponse || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' || payload.length > options.maxBytes) return payload;
    if (!String(reply.getHeader('content-type')).startsWith('application/json')) return payload;
    const key = keys.get(request);
    if (key !== undefined && !bodies.has(key)) {
      if (bodies.size >= options.entries) bodies.delete(bodies.keys().next().value!);
      bodies.set(key, payload);
    }
    return payload;
  });
}

export default fp(responseCache, { name: 'response-cache', dependencies: ['read-model'] });
