// An import struck in the middle — its connections cut, or the database server crashed — stores
// nothing, says so with a typed error, and can simply be run again.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../../src/db/create-db.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { ImportError, importDataDir } from '../../src/imports/index.ts';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.ts';
import { startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres.ts';
import { writeWorld } from '../support/reliability-world.ts';

const TABLES = [
  'persons',
  'benefit_periods',
  'enrollments',
  'survey_responses',
  'offers',
  'import_batches',
] as const;

let server: PrivatePostgres;
let proxy: FaultProxy;
let handle: DbHandle;
let dir: string;
let bigDir: string;
let bigBytes = 0;

/** Row counts read past the proxy, straight from the server. */
async function counts(): Promise<Record<(typeof TABLES)[number], number>> {
  const client = new pg.Client({ connectionString: server.url() });
  await client.connect();
  try {
    const result = {} as Record<(typeof TABLES)[number], number>;
    for (const table of TABLES) {
      result[table] = (await client.query(`select count(*)::int as n from ${table}`)).rows[0].n;
    }
    return result;
  } finally {
    await client.end();
  }
}

async function dirBytes(path: string): Promise<number> {
  let total = 0;
  for (const name of ['persons.csv', 'benefit_periods.csv', 'enrollments.csv'])
    total += (await stat(join(path, name))).size;
  return total;
}

/** The import's rejection, for assertions on its type and code. */
async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('the import succeeded although it was struck in the middle');
}

beforeAll(async () => {
  server = await startPrivatePostgres();
  proxy = await startFaultProxy({ host: '127.0.0.1', port: server.port });
  handle = await createDb({ databaseUrl: proxy.rewrite(server.url()), maxConnections: 4 });
  await migrateToLatest(handle.db);
  dir = await mkdtemp(join(tmpdir(), 'evg-import-faults-'));
  await writeWorld(join(dir, 'base'), {
    prefix: 'base',
    cells: [{ offerId: 'offer-a', targetGroup: 'jobparat', enrollments: 30 }],
  });
  await importDataDir(handle.db, join(dir, 'base'), { source: 'test' });
  bigDir = join(dir, 'big');
  await writeWorld(bigDir, {
    prefix: 'big',
    cells: [{ offerId: 'offer-a', targetGroup: 'aktivitetsparat', enrollments: 50 }],
    bulkPersons: 15_000,
    periodsPerBulkPerson: 4,
  });
  bigBytes = await dirBytes(bigDir);
});

afterAll(async () => {
  await handle?.close();
  await proxy?.close();
  await server?.destroy();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('an import struck in the middle', () => {
  it('stores nothing when its connection is cut, and the retry stores it all', async () => {
    const before = await counts();
    // Its rejection is awaited only after the strike; catch it from the start.
    const failure = failureOf(importDataDir(handle.db, bigDir, { source: 'test' }));
    await proxy.whenForwarded(Math.round(bigBytes * 0.3));
    proxy.cutAll();

    const error = await failure;
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).code).toBe('import-failed');
    const after = await counts();
    expect({ ...after, import_batches: 0 }).toEqual({ ...before, import_batches: 0 });

    const retried = await importDataDir(handle.db, bigDir, { source: 'test' });
    expect(retried.rowsStored).toBeGreaterThan(60_000);
    const stored = await counts();
    expect(stored.persons - before.persons).toBe(15_050);
    expect(stored.benefit_periods - before.benefit_periods).toBe(60_000 + 50 + 17);
    expect(stored.enrollments - before.enrollments).toBe(50);
  });

  it('stores nothing when the database server crashes, and the retry after recovery is a no-op', async () => {
    const before = await counts();
    // Its rejection is awaited only after the strike; catch it from the start.
    const failure = failureOf(importDataDir(handle.db, bigDir, { source: 'test' }));
    await proxy.whenForwarded(Math.round(bigBytes * 0.3));
    await server.kill();

    const error = await failure;
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).code).toBe('import-failed');

    await server.start();
    const after = await counts();
    expect({ ...after, import_batches: 0 }).toEqual({ ...before, import_batches: 0 });

    // The pool's connections died with the server: the same handle must reconnect by itself.
    const retried = await importDataDir(handle.db, bigDir, { source: 'test' });
    expect(retried.rowsChanged).toBe(0);
    expect(await counts()).toMatchObject({
      persons: before.persons,
      benefit_periods: before.benefit_periods,
    });
  });

  it('fails with a typed error, storing nothing, while the database refuses connections', async () => {
    const before = await counts();
    proxy.setMode('refuse');
    proxy.cutAll();
    try {
      const error = await failureOf(importDataDir(handle.db, join(dir, 'base'), { source: 'test' }));
      expect(error).toBeInstanceOf(ImportError);
      expect((error as ImportError).code).toBe('import-failed');
    } finally {
      proxy.resume();
    }
    expect(await counts()).toEqual(before);
  });
});
