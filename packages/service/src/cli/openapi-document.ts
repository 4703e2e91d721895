import { DEFAULT_MEASURES } from '@evg/effects';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { isJsonObject } from '../narrow.ts';
import type { SnapshotSource } from '../read-model/snapshot.ts';

const emptySource: SnapshotSource = {
  currentVersionId: async () => null,
  load: async () => ({
    dataVersion: null,
    fineCells: [],
    offers: [],
    providers: [],
    targetGroups: [],
    industries: [],
    packages: [],
    benefitTypes: [],
    latestSupervisions: [],
  }),
};

/**
 * The OpenAPI document of the API as the app generates it, without a database: the routes are
 * built on an empty read model and a pool that never connects.
 *
 * @example
 *   const document = await generateOpenApi();
 *   document.openapi; // '3.1.0'
 */
export async function generateOpenApi(): Promise<Record<string, unknown>> {
  const pool = new pg.Pool({ max: 1 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const app = await buildApp({
    config: { ...loadConfig({}), refreshPollMs: 0 },
    db,
    measures: DEFAULT_MEASURES,
    snapshotSource: emptySource,
    refreshEffects: async () => {},
  });
  try {
    await app.ready();
    const document = app.swagger();
    if (!isJsonObject(document)) throw new Error('OpenAPI: the generated document is not an object');
    return document;
  } finally {
    await app.close();
    await db.destroy();
  }
}
