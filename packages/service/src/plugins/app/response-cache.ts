import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { WARM_UP_HEADER } from '../../read-model/read-model-store.ts';

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

/** Answers made for a new model before it is served: the most asked of the model it replaces. */
const WARM_URLS = 64;

interface CachedBody {
  body: string;
  url: string;
  /** Times it was sent (the first answer included). */
  hits: number;
}

/**
 * Read answers depend only on the URL and the read model, which never changes in place: a
 * new data version or catalogue change makes a new model (with a new generation number), so a
 * body serialised once can be sent again until then. Errors, CSV streams and non-cached routes
 * pass through untouched. Before a new model is swapped in, the URLs most asked of the one it
 * replaces are answered once on it (the server's own requests, `inject`), so the first callers
 * after a new data version find their answers made.
 */
async function responseCache(app: FastifyInstance, options: ResponseCacheOptions): Promise<void> {
  const bodies = new Map<string, CachedBody>();
  // The key is fixed when the request looks it up, so a model swapped mid-request cannot file
  // an old body under the new model.
  const keys = new WeakMap<FastifyRequest, string>();

  app.decorate('cachedResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const key = `${request.readModel.generation}|${request.url}`;
    keys.set(request, key);
    const cached = bodies.get(key);
    if (cached === undefined) return undefined;
    cached.hits++;
    return reply.type('application/json; charset=utf-8').send(cached.body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.routeOptions.config.cacheResponse || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' || payload.length > options.maxBytes) return payload;
    if (!String(reply.getHeader('content-type')).startsWith('application/json')) return payload;
    const key = keys.get(request);
    if (key !== undefined && !bodies.has(key)) {
      const oldest = bodies.keys().next();
      if (bodies.size >= options.entries && !oldest.done) bodies.delete(oldest.value);
      bodies.set(key, { body: payload, url: request.url, hits: 1 });
    }
    return payload;
  });

  app.readModel.addWarmer(async (previous, next) => {
    const prefix = `${previous.generation}|`;
    // Answers of models older than the one being replaced can never be sent again.
    for (const key of bodies.keys()) if (!key.startsWith(prefix)) bodies.delete(key);
    const asked = [...bodies]
      .filter(([key]) => key.startsWith(prefix))
      .map(([, cached]) => cached)
      .sort((a, b) => b.hits - a.hits)
      .slice(0, WARM_URLS);
    // One after the other, each in a turn of the event loop of its own: an answer made from
    // the model alone never waits for I/O, so without the turn the whole warm-up would run as
    // one block (300 ms in the soak) and callers' requests would wait behind it.
    for (const { url } of asked) {
      await new Promise((resolve) => setImmediate(resolve));
      await app.readModel.answerWith(next, (token) =>
        app.inject({
          method: 'GET',
          url,
          headers: { [WARM_UP_HEADER]: token, 'x-request-id': 'evg-warm-up' },
        }),
      );
    }
  });
}

export default fp(responseCache, { name: 'response-cache', dependencies: ['read-model'] });
