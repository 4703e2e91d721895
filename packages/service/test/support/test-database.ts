import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { inject } from 'vitest';
import { createDb, type DbHandle } from '../../src/db/create-db.ts';
import type { Database } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { databaseUrl, quoteIdent, uniqueName, withAdminClient } from './admin-sql.ts';
import './provided-context.ts';

export interface TestDatabase {
  db: Kysely<Database>;
  /** Connection string of this test file's own database. */
  connectionString: string;
  /** Drops the database (or deletes the embedded folder). */
  close(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** false = an empty database with no migrations applied (to test the migrations). */
  migrated?: boolean;
}

/**
 * A fresh database for one test file, migrated unless asked otherwise, so files run in
 * parallel and leave nothing behind.
 *
 * @example
 * let t: TestDatabase;
 * beforeAll(async () => { t = await createTestDatabase(); });
 * afterAll(() => t.close());
 */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const migrated = options.migrated ?? true;
  const info = inject('evgTestDb');
  if (info.mode === 'embedded') {
    const dir = await mkdtemp(join(tmpdir(), 'evg-test-db-'));
    const handle = await createDb({ dataDir: dir, maxConnections: 4 });
    if (migrated) await migrateToLatest(handle.db);
    return wrap(handle, async () => {
      await rm(dir, { recursive: true, force: true });
    });
  }
  const name = uniqueName('evg_test');
  const template = migrated ? info.template : 'template0';
  await withAdminClient(info.adminUrl, (client) =>
    client.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}`),
  );
  const handle = await createDb({ databaseUrl: databaseUrl(info.adminUrl, name), maxConnections: 4 });
  return wrap(handle, async () => {
    await withAdminClient(info.adminUrl, (client) =>
      client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`),
    );
  });
}

function wrap(handle: DbHandle, dispose: () => Promise<void>): TestDatabase {
  return {
    db: handle.db,
    connectionString: handle.connectionString,
    async close() {
      await handle.close();
      await dispose();
    },
  };
}
