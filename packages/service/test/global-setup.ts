import type { TestProject } from 'vitest/node';
import { createDb } from '../src/db/create-db.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { databaseUrl, quoteIdent, uniqueName, withAdminClient } from './support/admin-sql.ts';
import './support/provided-context.ts';

/**
 * Provisions PostgreSQL once per test run: TEST_DATABASE_URL when set (CI), else a
 * testcontainers PostgreSQL when a Docker engine answers, else embedded PGlite. On a server it
 * builds one migrated template database that each test file clones (test-database.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let adminUrl = process.env.TEST_DATABASE_URL;
  let stopContainer: (() => Promise<unknown>) | undefined;
  if (!adminUrl) {
    const container = await startContainer();
    if (!container) {
      project.provide('evgTestDb', { mode: 'embedded' });
      return async () => {};
    }
    adminUrl = container.url;
    stopContainer = container.stop;
  }

  const template = uniqueName('evg_tpl');
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE ${quoteIdent(template)}`));
  const handle = await createDb({ databaseUrl: databaseUrl(adminUrl, template), maxConnections: 1 });
  try {
    await migrateToLatest(handle.db);
  } finally {
    // A template must have no open connections when it is cloned.
    await handle.close();
  }
  project.provide('evgTestDb', { mode: 'server', adminUrl, template });

  const url = adminUrl;
  return async () => {
    await withAdminClient(url, (client) =>
      client.query(`DROP DATABASE IF EXISTS ${quoteIdent(template)} WITH (FORCE)`),
    );
    await stopContainer?.();
  };
}

async function startContainer(): Promise<{ url: string; stop: () => Promise<unknown> } | undefined> {
  try {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer('postgres:15-alpine').start();
    return { url: container.getConnectionUri(), stop: () => container.stop() };
  } catch {
    // No Docker engine reachable: the embedded database is the last resort.
    return undefined;
  }
}
