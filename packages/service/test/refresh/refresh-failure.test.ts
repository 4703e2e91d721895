import { Readable } from 'node:stream';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { REFRESH_LOCK } from '../../src/db/advisory-locks.ts';
import { importDataDir } from '../../src/imports/import-data-dir.ts';
import { importRecords } from '../../src/imports/import-records.ts';
import { RefreshError } from '../../src/refresh/refresh-error.ts';
import { refreshEffects } from '../../src/refresh/refresh-effects.ts';
import { getRefreshStatus } from '../../src/repositories/refresh-runs.ts';
import { importValidFiles, writeDataDir } from '../support/contract-files.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

/** The installation's disclosure secret, the same for the refresh and the engine. */
const DISCLOSURE_KEY = 'refresh-failure-test-secret';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await importValidFiles(t.db);
});
afterAll(() => t.close());

async function snapshot() {
  const versions = await t.db.selectFrom('data_versions').selectAll().orderBy('version').execute();
  const cells = await t.db.selectFrom('effect_cells').select(['data_version', 'grouping', 'cell']).execute();
  const fine = await t.db.selectFrom('effect_fine_cells').select(['data_version', 'counters']).execute();
  return { versions, cells, fine };
}

describe('a refresh that fails midway', () => {
  it('leaves the previous data version and its tables current, and records the failure', async () => {
    const first = await refreshEffects(t.db, { disclosureKey: DISCLOSURE_KEY, asOf: '2026-10-31' });
    const before = await snapshot();
    expect(before.cells.length).toBeGreaterThan(0);

    // Fail after the new version and its fine cells are written, inside the publishing transaction.
    await sql`CREATE FUNCTION evg_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected failure'; END $$`.execute(t.db);
    await sql`CREATE TRIGGER evg_test_fail BEFORE INSERT ON effect_cells
      FOR EACH STATEMENT EXECUTE FUNCTION evg_test_fail()`.execute(t.db);
    try {
      // Another cut-off: new figures to publish (the same ones would publish nothing).
      const error = await refreshEffects(t.db, { disclosureKey: DISCLOSURE_KEY, asOf: '2026-09-30' }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(RefreshError);
      expect((error as RefreshError).code).toBe('refresh-failed');
    } finally {
      await sql`DROP TRIGGER evg_test_fail ON effect_cells`.execute(t.db);
      await sql`DROP FUNCTION evg_test_fail()`.execute(t.db);
    }

    expect(await snapshot()).toEqual(before);
    const status = await getRefreshStatus(t.db);
    expect(status.running).toBe(false);
    expect(status.current?.dataVersion).toBe(first.dataVersion);
    expect(status.lastFailure?.error).toMatch(/injected failure/);

    const next = await refreshEffects(t.db, { disclosureKey: DISCLOSURE_KEY, asOf: '2026-09-30' });
    expect(next.dataVersion).toBeGreaterThan(first.dataVersion);
    expect((await getRefreshStatus(t.db)).current?.dataVersion).toBe(next.dataVersion);
  });
});

describe('concurrent refreshes', () => {
  it('are refused while one runs in this process', async () => {
    const results = await Promise.allSettled([
      refreshEffects(t.db, { disclosureKey: DISCLOSURE_KEY, asOf: '2026-10-31' }),
      refreshEffects(t.db, { disclosureKey: DISCLOSURE_KEY, asOf: '2026-10-31' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected');
    expect((refused as PromiseRejectedResult).reason).toMatchObject({ code: 'refresh-running' });
  });

  it.skipIf(inject('evgTestDb').mode === 'embedded')(
    'are refused while another process holds the refresh lock',
    async () => {
      const other = new pg.Client({ connectionString: t.connectionString });
      await other.connect();
      try {
        await other.query('SELECT pg_advisory_lock($1)', [String(REFRESH_LOCK)]);
        const error = await refreshEffects(t.db, { disclosureKey: DISCLOSURE_KEY, asOf: '2026-10-31' }).catch(
          (e: unknown) => e,
        );
        expect(error).toMatchObject({ code: 'refresh-running' });
      } finally {
        await other.end();
      }
      await expect(
        refreshEffects(t.db, { disclosureKey: DISCLOSURE_KEY, asOf: '2026-10-31' }),
      ).resolves.toMatchObject({ persons: 3 });
    },
  );
});

describe('imports and refreshes', () => {
  it.skipIf(inject('evgTestDb').mode === 'embedded')(
    'an import waits while a refresh reads the records, then stores its rows',
    async () => {
      const other = new pg.Client({ connectionString: t.connectionString });
      await other.connect();
      let settled = false;
      try {
        await other.query('SELECT pg_advisory_lock($1)', [String(REFRESH_LOCK)]);
        const data = await writeDataDir({ 'persons.csv': 'person_id,birth_date\nP9,1999-09-09\n' });
        const pending = importDataDir(t.db, data.dir, { source: 'test' }).finally(() => {
          settled = true;
          return data.remove();
        });
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(settled).toBe(false);
        await other.query('SELECT pg_advisory_unlock($1)', [String(REFRESH_LOCK)]);
        await expect(pending).resolves.toMatchObject({ rowsStored: 1 });
      } finally {
        await other.end();
      }
    },
  );
});

describe('refresh status', () => {
  it('reports running during a refresh, and not for a run whose process died', async () => {
    let during: Promise<Awaited<ReturnType<typeof getRefreshStatus>>> | undefined;
    await refreshEffects(t.db, {
      disclosureKey: DISCLOSURE_KEY,
      asOf: '2026-10-31',
      log: () => {
        during ??= getRefreshStatus(t.db);
      },
    });
    expect((await during)?.running).toBe(true);
    expect((await getRefreshStatus(t.db)).running).toBe(false);

    // A crashed process leaves its row "running" but holds no lock.
    await t.db.insertInto('refresh_runs').values({ status: 'running' }).execute();
    expect((await getRefreshStatus(t.db)).running).toBe(false);
    await refreshEffects(t.db, { disclosureKey: DISCLOSURE_KEY, asOf: '2026-10-31' });
    const stale = await t.db
      .selectFrom('refresh_runs')
      .select('status')
      .where('error', 'like', 'interrupted%')
      .execute();
    expect(stale).toEqual([{ status: 'failed' }]);
  });
  it.skipIf(inject('evgTestDb').mode === 'embedded')(
    'is not running while another database on the same server refreshes',
    async () => {
      // Each suite has its own database on one server; so may several installations.
      const url = new URL(t.connectionString);
      url.pathname = '/postgres';
      const other = new pg.Client({ connectionString: url.toString() });
      await other.connect();
      try {
        await t.db.insertInto('refresh_runs').values({ status: 'running' }).execute();
        await other.query('SELECT pg_advisory_lock($1)', [String(REFRESH_LOCK)]);
        expect((await getRefreshStatus(t.db)).running).toBe(false);
      } finally {
        await other.end();
        await t.db.deleteFrom('refresh_runs').where('status', '=', 'running').execute();
      }
    },
  );
});

describe('asOf', () => {
  it("is the imports' cut-off, never today: assumed, then declared, overridden only on request", async () => {
    // The batch of beforeAll declared none: its benefit periods' latest start date dates it.
    const assumed = await refreshEffects(t.db, { disclosureKey: DISCLOSURE_KEY });
    expect(assumed).toMatchObject({ asOf: '2024-01-01', asOfSource: 'assumed' });

    const body = (...lines: string[]) => Readable.from(lines);
    const periods = () =>
      body('person_id,benefit_type,start_date,end_date\n', 'P1,kontanthjaelp,2024-05-01,\n');
    const dated = await importRecords(t.db, 'benefit_periods', periods(), {
      format: 'csv',
      source: 'test',
      asOf: '2024-07-31',
    });
    expect(dated).toMatchObject({ asOf: '2024-07-31', asOfSource: 'declared' });
    expect(await refreshEffects(t.db, { disclosureKey: DISCLOSURE_KEY })).toMatchObject({
      asOf: '2024-07-31',
      asOfSource: 'declared',
    });

    // A cut-off declared with offers alone says nothing about the benefit data.
    const offers = body('offer_id,provider_id,name,package\n', 'OF1,PR1,Nyt navn,jobpakke\n');
    await importRecords(t.db, 'offers', offers, { format: 'csv', source: 'test', asOf: '2030-01-01' });
    // An older extract imported later does not move the cut-off back.
    await importRecords(t.db, 'benefit_periods', periods(), {
      format: 'csv',
      source: 'test',
      asOf: '2024-06-30',
    });
    const later = await refreshEffects(t.db, { disclosureKey: DISCLOSURE_KEY });
    expect(later).toMatchObject({ asOf: '2024-07-31', asOfSource: 'declared' });
    expect((await getRefreshStatus(t.db)).current).toMatchObject({
      dataVersion: later.dataVersion,
      asOf: '2024-07-31',
      asOfSource: 'declared',
    });

    const override = await refreshEffects(t.db, { disclosureKey: DISCLOSURE_KEY, asOf: '2024-05-31' });
    expect(override).toMatchObject({ asOf: '2024-05-31', asOfSource: 'override' });
    expect((await getRefreshStatus(t.db)).lastSuccess).toMatchObject({
      asOf: '2024-05-31',
      asOfSource: 'override',
    });

    // Benefit periods stored before imports were dated: their latest start date, assumed.
    await t.db.updateTable('import_batches').set({ as_of: null, as_of_source: null }).execute();
    expect(await refreshEffects(t.db, { disclosureKey: DISCLOSURE_KEY })).toMatchObject({
      asOf: '2024-05-01',
      asOfSource: 'assumed',
    });
  });
});
