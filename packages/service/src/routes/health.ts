import type { LogLevel } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isMigrated } from '../db/migrate.ts';
import { ProblemError } from '../http/problem.ts';
import { problemResponse } from '../http/schemas/problem.ts';

const healthSchema = z
  .object({ status: z.literal('ok') })
  .meta({ id: 'Health', examples: [{ status: 'ok' }] });
const readySchema = z
  .object({ status: z.literal('ready'), dataVersion: z.number().int().nullable() })
  .meta({ id: 'Ready', examples: [{ status: 'ready', dataVersion: 3 }] });

// Those LOG_LEVEL takes (config.ts); any other level (none) would leave the app's own.
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * `/health`: the process answers. `/ready`: the database answers and is fully migrated (and so
 * does the read replica, with DATABASE_READ_URL: one that has not replayed the migrations yet
 * is not ready).
 */
const health: FastifyPluginAsyncZod = async (app) => {
  // Probes come every few seconds: their request lines would drown the log at info, so at info
  // they are logged only from warn up (failures, by the problem handler); debug shows them.
  const logLevel = app.log.level === 'info' ? 'warn' : LOG_LEVELS.find((level) => level === app.log.level);
  app.get(
    '/health',
    {
      logLevel,
      config: { rateLimit: false },
      schema: {
        tags: ['health'],
        summary: 'Liveness',
        operationId: 'getHealth',
        security: [],
        response: { 200: healthSchema },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      logLevel,
      config: { rateLimit: false },
      schema: {
        tags: ['health'],
        summary: 'Readiness',
        operationId: 'getReady',
        security: [],
        response: { 200: readySchema, 503: problemResponse('Not ready.') },
      },
    },
    async () => {
      // Reading the migration table is the round trip: it fails when the database does not
      // answer. Both the primary and the read replica, when there is one, must answer.
      const databases = app.readDb === app.db ? [app.db] : [app.db, app.readDb];
      const check = Promise.all(databases.map((db) => isMigrated(db))).then((answers) =>
        answers.every(Boolean),
      );
      // A probe must answer promptly: a database that does not answer in time is not ready.
      const migrated = await withTimeout(check, READY_TIMEOUT_MS).catch(() => null);
      if (migrated === null) throw new ProblemError('unavailable', 'Databasen svarer ikke.');
      if (!migrated) throw new ProblemError('unavailable', 'Databasen mangler migreringer.');
      return { status: 'ready' as const, dataVersion: app.readModel.current.version?.id ?? null };
    },
  );
};

export default health;

const READY_TIMEOUT_MS = 3_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
