import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type ServiceConfig } from '../../src/config.ts';
import { createApiKey } from '../../src/repositories/api-keys.ts';
import type { ApiKeyRole } from '../../src/db/database.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { seedFixture } from './fixture.ts';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  /** One valid key per role. */
  keys: Record<ApiKeyRole, string>;
  refreshes: number;
  /** Error-level log lines; a test can show them when a request unexpectedly failed. */
  errorLogs: string[];
  close(): Promise<void>;
}

/**
 * The API on its own migrated test database holding the fixture, with one key per role.
 * Refreshes are counted, not run: the refresh itself is the database layer's to test.
 */
export async function createTestApp(env: Record<string, string> = {}, seed = true): Promise<TestApp> {
  const database = await createTestDatabase();
  if (seed) await seedFixture(database.db);
  const config: ServiceConfig = { ...loadConfig({ EVG_REFRESH_POLL_MS: '100', ...env }), refreshPollMs: 0 };
  const result: TestApp = {
    app: undefined as unknown as FastifyInstance,
    database,
    keys: {} as Record<ApiKeyRole, string>,
    refreshes: 0,
    errorLogs: [],
    async close() {
      await result.app.close();
      await database.close();
    },
  };
  result.app = await buildApp({
    config,
    db: database.db,
    // As `evg start` does: read models and effect tables in their worker thread.
    connectionString: database.connectionString,
    validateResponses: true,
    logger: { level: 'error', stream: { write: (line: string) => void result.errorLogs.push(line) } },
    refreshEffects: async () => {
      result.refreshes++;
    },
  });
  for (const role of ['caseworker', 'bi', 'ingest', 'analyst', 'admin'] as const) {
    result.keys[role] = (await createApiKey(database.db, { name: `test ${role}`, role })).secret;
  }
  return result;
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
