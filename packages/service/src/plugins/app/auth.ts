import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { ApiKeyRole } from '../../db/database.ts';
import { ProblemError } from '../../http/problem.ts';
import { findActiveApiKey, type ApiKeyInfo } from '../../repositories/api-keys.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook of read endpoints (before validation, so a caller without a key learns nothing): open unless EVG_READ_REQUIRES_KEY, then any valid key. */
    readAccess: preHandlerAsyncHookHandler;
    /** preHandler demanding a key of one of `roles` (admin always passes). */
    requireRole(...roles: ApiKeyRole[]): preHandlerAsyncHookHandler;
    /** The caller's key when it has one of `roles` (admin always passes); 401/403 problems otherwise. */
    authorize(request: FastifyRequest, ...roles: ApiKeyRole[]): Promise<ApiKeyInfo>;
    /**
     * The valid key the request presents, or null (none, malformed, unknown, revoked). Looked
     * up once per request: the rate limit (which buckets by key) and authentication share it.
     */
    apiKeyOf(request: FastifyRequest): Promise<ApiKeyInfo | null>;
  }
  interface FastifyRequest {
    /** The caller's key, when one was presented and valid. */
    apiKey: ApiKeyInfo | null;
  }
}

const challenge = { 'WWW-Authenticate': 'Bearer realm="evg"' };

async function authenticate(app: FastifyInstance, request: FastifyRequest): Promise<ApiKeyInfo> {
  const header = request.headers.authorization;
  if (header === undefined) {
    throw new ProblemError(
      'unauthorized',
      'Send en API-nøgle: Authorization: Bearer <nøgle>.',
      undefined,
      challenge,
    );
  }
  const key = await app.apiKeyOf(request);
  if (!key) {
    throw new ProblemError('unauthorized', 'API-nøglen er ugyldig eller tilbagekaldt.', undefined, challenge);
  }
  request.apiKey = key;
  return key;
}

/**
 * API-key authentication: `Authorization: Bearer <key>`, looked up by SHA-256 hash. Roles:
 * caseworker and bi read; ingest imports; analyst also reads exact figures (audited); admin
 * may do everything.
 */
async function authPlugin(app: FastifyInstance, options: { readRequiresKey: boolean }): Promise<void> {
  app.decorateRequest('apiKey', null);

  const lookups = new WeakMap<FastifyRequest, Promise<ApiKeyInfo | null>>();
  app.decorate('apiKeyOf', (request: FastifyRequest) => {
    let lookup = lookups.get(request);
    if (!lookup) {
      const match = /^Bearer\s+(\S{1,200})\s*$/i.exec(request.headers.authorization ?? '');
      lookup = match ? findActiveApiKey(app.db, match[1]!) : Promise.resolve(null);
      lookups.set(request, lookup);
    }
    return lookup;
  });

  app.decorate('readAccess', async function readAccess(request: FastifyRequest) {
    // The server's own warm-up of a new read model answers a URL before any caller asks it;
    // what it makes is only ever sent to a caller who passed this check (the response cache
    // is looked up after it).
    if (options.readRequiresKey && !request.warmUp) await authenticate(app, request);
  });

  const authorize = async (request: FastifyRequest, ...roles: ApiKeyRole[]): Promise<ApiKeyInfo> => {
    const key = await authenticate(app, request);
    if (key.role !== 'admin' && !roles.includes(key.role)) {
      throw new ProblemError(
        'forbidden',
        `Kræver rollen ${roles.join(' eller ')}; nøglen har rollen ${key.role}.`,
      );
    }
    return key;
  };
  app.decorate('authorize', authorize);
  app.decorate('requireRole', (...roles: ApiKeyRole[]) => {
    return async function requireRole(request: FastifyRequest) {
      await authorize(request, ...roles);
    };
  });
}

export default fp(authPlugin, { name: 'auth', dependencies: ['db'] });
