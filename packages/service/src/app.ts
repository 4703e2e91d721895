import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { MeasureDefinition } from '@evg/effects';
import type { ServiceConfig } from './config.ts';
import type { Database } from './db/database.ts';
import { createResponseSerializer } from './http/response-serializer.ts';
import authPlugin from './plugins/app/auth.ts';
import dbPlugin from './plugins/app/db.ts';
import { containsCprLike, redactCpr, redactLogLine } from './http/redact-cpr.ts';
import problemHandler, { sendProblem } from './plugins/app/problem-handler.ts';
import { INTERNAL_DETAIL } from './http/problem.ts';
import readModelPlugin from './plugins/app/read-model.ts';
import refresherPlugin, { type RefreshRunner } from './plugins/app/refresher.ts';
import responseCachePlugin from './plugins/app/response-cache.ts';
import corsPlugin from './plugins/external/cors.ts';
import helmetPlugin from './plugins/external/helmet.ts';
import rateLimitPlugin from './plugins/external/rate-limit.ts';
import staticPlugin from './plugins/external/static.ts';
import swaggerPlugin from './plugins/external/swagger.ts';
import type { SnapshotSource } from './read-model/snapshot.ts';
import healthRoutes from './routes/health.ts';
import v1Routes from './routes/api/v1/index.ts';

export interface AppOptions {
  config: ServiceConfig;
  db: Kysely<Database>;
  /**
   * Where reads go (the read model's snapshots and version polling, text search): a streaming
   * replica or a pooler in front of one (DATABASE_READ_URL); absent = `db`. Writes, admin
   * listings and API-key lookups always use `db`.
   */
  readDb?: Kysely<Database> | undefined;
  /**
   * The database's connection string, for the read-model worker thread (EVG_READ_MODEL_WORKER);
   * without it read models are built on the event loop.
   */
  connectionString?: string | undefined;
  /** `readDb`'s connection string, for the read-model worker with DATABASE_READ_URL. */
  readConnectionString?: string | undefined;
  /** Pino options (level, stream, ...); absent logs nothing, for tests. */
  logger?: Exclude<FastifyServerOptions['logger'], boolean> | undefined;
  measures?: readonly MeasureDefinition[];
  /** Recomputes the stored effect tables (after imports and on POST /v1/refresh). */
  refreshEffects: RefreshRunner;
  /** Where the read model loads from; defaults to the database. */
  snapshotSource?: SnapshotSource;
  /** Check every response against its schema before sending (tests); off in production for speed. */
  validateResponses?: boolean;
  /** Folder of the web client; defaults to `src/web/static`. */
  webRoot?: string;
}

/** Import bodies may hold register numbers: log paths only, never query strings or bodies. */
function requestSummary(request: { method: string; url: string; id: string }) {
  return { method: request.method, url: redactCpr(request.url.split('?')[0] ?? ''), reqId: request.id };
}

/** A fresh UUID that no log redaction masks (about 1 in 150 holds a CPR-like digit run). */
function requestId(): string {
  let id = randomUUID();
  while (containsCprLike(id)) id = randomUUID();
  return id;
}

/**
 * Builds the EVG HTTP application without listening, so tests `inject` into it and
 * `evg start` listens on it.
 *
 * @example
 *   const app = await buildApp({ config: loadConfig(process.env), db });
 *   const response = await app.inject('/v1/offers?targetGroup=jobparat&sort=-effect3m');
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify({
    logger: options.logger
      ? {
          ...options.logger,
          redact: ['req.headers.authorization', 'req.headers.cookie'],
          serializers: { req: requestSummary },
          // Every log line, whatever it quotes (an error's message, a driver's detail), is
          // masked as written: the one place logs are redacted.
          hooks: { streamWrite: redactLogLine },
        }
      : false,
    bodyLimit: config.bodyLimit,
    // A caller's x-request-id is kept for tracing, unless it could be personal data.
    requestIdHeader: false,
    genReqId: (request) => {
      const sent = request.headers['x-request-id'];
      const usable = typeof sent === 'string' && /^[\w.:-]{1,100}$/.test(sent) && !containsCprLike(sent);
      return usable ? sent : requestId();
    },
    // X-Forwarded-For is believed only from these proxies (EVG_TRUST_PROXY); none by default.
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    // Slow or stalled clients cannot hold connections open (issue 10): the whole request within
    // requestTimeout, its headers within headersTimeout, no socket idle beyond connectionTimeout.
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.connectionTimeoutMs,
    routerOptions: { ignoreTrailingSlash: true },
    // The read-model plugin loads the current data version before the app is ready (in a worker
    // thread, over its own connection): seconds at national scale or on a busy machine, where
    // Fastify's default of 10 s per plugin aborted the start.
    pluginTimeout: 120_000,
    // The router's own errors (a malformed URL, a path parameter over 100 characters) bypass the
    // error handler; they are problem+json too.
    frameworkErrors: (error, _request, reply) => {
      if (error.code === 'FST_ERR_ASYNC_CONSTRAINT')
        return void sendProblem(reply, 'internal', INTERNAL_DETAIL);
      const detail =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? 'En parameter i stien er for lang.'
          : 'Adressen er ugyldig.';
      sendProblem(reply, 'validation', detail);
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.server.headersTimeout = config.headersTimeoutMs;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(createResponseSerializer({ validate: options.validateResponses ?? false }));
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(problemHandler);
  await app.register(helmetPlugin);
  await app.register(corsPlugin, { origins: config.corsOrigins });
  await app.register(rateLimitPlugin, { max: config.rateLimit, perKey: config.rateLimitPerKey });
  await app.register(swaggerPlugin);
  await app.register(dbPlugin, { db: options.db, readDb: options.readDb ?? options.db });
  await app.register(authPlugin, { readRequiresKey: config.readRequiresKey });
  // With a read replica the read-model worker builds from it, and from the primary after own writes.
  const workerReads = options.readConnectionString ?? options.connectionString;
  await app.register(readModelPlugin, {
    minCellSize: config.minCellSize,
    pollMs: config.refreshPollMs,
    ...(options.measures ? { measures: options.measures } : {}),
    ...(options.snapshotSource ? { source: options.snapshotSource } : {}),
    ...(config.readModelWorker && workerReads
      ? {
          worker: {
            connectionString: workerReads,
            primaryConnectionString: options.readConnectionString ? options.connectionString : undefined,
            nice: config.batchNice,
          },
        }
      : {}),
  });
  await app.register(responseCachePlugin, { entries: 500, maxBytes: 512 * 1024 });
  await app.register(refresherPlugin, { run: options.refreshEffects });
  await app.register(healthRoutes);
  await app.register(v1Routes, {
    prefix: '/v1',
    importBodyLimit: config.importBodyLimit,
    effectsMaxRows: config.effectsMaxRows,
    pseudonymKey: config.pseudonymKey,
  });
  await app.register(staticPlugin, options.webRoot ? { root: options.webRoot } : {});
  return app;
}
