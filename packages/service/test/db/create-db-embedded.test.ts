import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../../src/db/create-db.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

let dir: string;
let handle: DbHandle;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'evg-embedded-'));
  handle = await createDb({ dataDir: dir, maxConnections: 2 });
});
afterAll(async () => {
  await handle.close();
  await rm(dir, { recursive: true, force: true });
});

describe('embedded database (no DATABASE_URL)', () => {
  it('runs PGlite in the data folder, migrates, and answers plain pg clients on a local socket', async () => {
    expect(handle.embedded).toBe(true);
    expect(handle.connectionString).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
    expect(await migrateToLatest(handle.db)).toEqual([
      '2026-11-22-0001-initial',
      '2026-12-02-0001-import-as-of',
      '2026-12-02-0002-exact-reads',
      '2026-12-02-0003-bi-catalog-views',
      '2026-12-02-0004-measures',
      '2026-12-02-0005-catalog-changes',
    ]);

    await handle.db.insertInto('target_groups').values({ code: 'jobparat', name: 'Jobparat' }).execute();
    const client = new pg.Client({ connectionString: handle.connectionString });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT code FROM target_groups');
      expect(rows).toEqual([{ code: 'jobparat' }]);
    } finally {
      await client.end();
    }
  });

  it('refuses a second opening of the same folder while the first is open', async () => {
    await expect(createDb({ dataDir: dir })).rejects.toMatchObject({ code: 'data-dir-in-use' });
  });

  it('keeps its data in the folder across restarts', async () => {
    await handle.close();
    handle = await createDb({ dataDir: dir, maxConnections: 2 });
    expect(await migrateToLatest(handle.db)).toEqual([]);
    const codes = await handle.db.selectFrom('target_groups').select('code').execute();
    expect(codes).toEqual([{ code: 'jobparat' }]);
  });
});
