// PgBouncer in transaction pooling (README "Scaling out"): a statement outside a transaction
// may run on any of its server connections, so session state (SET, session advisory locks,
// named prepared statements) does not follow the client. Imports (COPY in one transaction),
// refreshes (the refresh lock) and the read model's snapshots must all work through it, and a
// refresh must leave no lock behind on a pooled connection: one left there made every later
// import wait.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { withExclusiveRefreshLock } from '../../src/db/advisory-locks.ts';
import { createDb, type DbHandle } from '../../src/db/create-db.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { importDataDir } from '../../src/imports/index.ts';
import { refreshEffects } from '../../src/refresh/index.ts';
import { TEST_DISCLOSURE_KEY } from '../support/disclosure-key.ts';
import { PGBOUNCER_BIN, startPrivatePgbouncer, type PrivatePgbouncer } from '../support/private-pgbouncer.ts';
import { startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres.ts';
import { writeWorld } from '../support/reliability-world.ts';
import { UNLIMITED_RATE_ENV } from '../support/unlimited-rate.ts';

const AS_OF = '2026-10-31';

let server: PrivatePostgres;
let pooler: PrivatePgbouncer;
let pooled: DbHandle;
let direct: DbHandle;
const dirs: string[] = [];

async function advisoryLocks(): Promise<number> {
  const client = new pg.Client({ connectionString: server.url() });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'`,
    );
    return rows[0].n as number;
  } finally {
    await client.end();
  }
}

async function world(prefix: string, enrollments: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'evg-pgbouncer-world-'));
  dirs.push(dir);
  await writeWorld(dir, {
    cells: [
      { offerId: 'offer-a', targetGroup: 'jobparat', enrollments },
      { offerId: 'offer-b', targetGroup: 'jobparat', enrollments: 12 },
    ],
    prefix,
  });
  return dir;
}

// CI installs Debian's pgbouncer (.ci/run); elsewhere the test needs it installed too.
describe.skipIf(!existsSync(PGBOUNCER_BIN))('PgBouncer in transaction pooling', () => {
  beforeAll(async () => {
    server = await startPrivatePostgres();
    // Fewer server connections than the pool has clients: statements of one client land on
    // different server connections, as under load.
    pooler = await startPrivatePgbouncer({ evg: server.port }, { poolSize: 3 });
    pooled = await createDb({ databaseUrl: pooler.url('evg'), maxConnections: 6 });
    direct = await createDb({ databaseUrl: server.url(), maxConnections: 2 });
  }, 120_000);

  afterAll(async () => {
    await pooled?.close();
    await direct?.close();
    await pooler?.destroy();
    await server?.destroy();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('migrates, imports, refreshes and serves through it, leaving no lock behind', async () => {
    await migrateToLatest(pooled.db);
    await importDataDir(pooled.db, await world('a', 30), { source: 'test' });
    const refresh = () => refreshEffects(pooled.db, { disclosureKey: TEST_DISCLOSURE_KEY, asOf: AS_OF });
    const first = await refresh();
    expect(await advisoryLocks()).toBe(0);

    // Imports and refreshes after it, through the pooler and directly, are not kept waiting.
    await importDataDir(pooled.db, await world('b', 40), { source: 'test' });
    await importDataDir(direct.db, await world('c', 20), { source: 'test' });
    const second = await refresh();
    expect(second.dataVersion).toBeGreaterThan(first.dataVersion);
    expect(await advisoryLocks()).toBe(0);

    // An instance reading through the pooler, writing directly, serves the new version.
    const app = await buildApp({
      config: { ...loadConfig(UNLIMITED_RATE_ENV), refreshPollMs: 0 },
      db: direct.db,
      readDb: pooled.db,
      refreshEffects: (db) => refreshEffects(db, { disclosureKey: TEST_DISCLOSURE_KEY, asOf: AS_OF }),
    });
    try {
      const effects = await app.inject('/v1/effects?groupBy=offer');
      expect(effects.statusCode).toBe(200);
      expect(effects.headers.etag).toMatch(new RegExp(`^"v${second.dataVersion}-`));
      const search = await app.inject('/v1/offers?q=rengøring');
      expect(search.statusCode).toBe(200);
      expect(search.json().items.map((item: { offer: { offerId: string } }) => item.offer.offerId)).toEqual([
        'offer-a',
      ]);
      expect((await app.inject('/ready')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  }, 240_000);

  it('releases the refresh lock while requests share the pool with the refresh', async () => {
    // As in `evg start`: a request takes a pooled connection during the refresh and still
    // holds it as the refresh ends. A session lock's unlock then ran on another server
    // connection than its lock, and the lock stayed behind.
    let openRequest: () => void = () => {};
    const requestMayEnd = new Promise<void>((resolve) => (openRequest = resolve));
    let request: Promise<void> | undefined;
    const outcome = await withExclusiveRefreshLock(pooled.db, async () => {
      let holding: () => void = () => {};
      const held = new Promise<void>((resolve) => (holding = resolve));
      request = pooled.db.transaction().execute(async (trx) => {
        await sql`SELECT 1`.execute(trx);
        holding();
        await requestMayEnd;
      });
      await held;
      return 'refreshed';
    });
    expect(outcome).toEqual({ locked: true, value: 'refreshed' });
    openRequest();
    await request;
    expect(await advisoryLocks()).toBe(0);
    // And the next refresh gets the lock.
    expect(await withExclusiveRefreshLock(pooled.db, async () => 'again')).toEqual({
      locked: true,
      value: 'again',
    });
  });
});
