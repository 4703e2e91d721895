/**
 * The API on its own test database holding a reliability world (known cell counts), refreshed
 * for real, with every log line captured: for the disclosure and personal-data tests.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { ApiKeyRole } from '../../src/db/database.ts';
import { importDataDir } from '../../src/imports/index.ts';
import { refreshEffects } from '../../src/refresh/index.ts';
import { createApiKey } from '../../src/repositories/api-keys.ts';
import { writeWorld, type WorldOptions } from './reliability-world.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';
import { TEST_DISCLOSURE_KEY } from './disclosure-key.ts';
import { UNLIMITED_RATE_ENV } from './unlimited-rate.ts';

export const WORLD_AS_OF = '2026-10-31';

export interface WorldApp {
  app: FastifyInstance;
  database: TestDatabase;
  keys: Record<ApiKeyRole, string>;
  personIds: string[];
  /** Every log line the app wrote, at level `trace`. */
  logs: string[];
  close(): Promise<void>;
}

/**
 * @example
 *   const w = await createWorldApp({ cells: [{ offerId: 'offer-a', targetGroup: 'jobparat', enrollments: 20 }] });
 *   (await w.app.inject('/v1/effects?groupBy=offer')).json();
 */
export async function createWorldApp(world: WorldOptions): Promise<WorldApp> {
  const database = await createTestDatabase();
  const dir = await mkdtemp(join(tmpdir(), 'evg-world-'));
  const logs: string[] = [];
  try {
    const { personIds } = await writeWorld(dir, world);
    await importDataDir(database.db, dir, { source: 'test' });
    await refreshEffects(database.db, { disclosureKey: TEST_DISCLOSURE_KEY, asOf: WORLD_AS_OF });
    const app = await buildApp({
      config: { ...loadConfig(UNLIMITED_RATE_ENV), refreshPollMs: 0 },
      db: database.db,
      logger: { level: 'trace', stream: { write: (line: string) => void logs.push(line) } },
      refreshEffects: (db) => refreshEffects(db, { disclosureKey: TEST_DISCLOSURE_KEY, asOf: WORLD_AS_OF }),
    });
    const keys = {} as Record<ApiKeyRole, string>;
    for (const role of ['caseworker', 'bi', 'ingest', 'admin'] as const) {
      keys[role] = (await createApiKey(database.db, { name: `world ${role}`, role })).secret;
    }
    return {
      app,
      database,
      keys,
      personIds,
      logs,
      async close() {
        await app.close();
        await database.close();
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
