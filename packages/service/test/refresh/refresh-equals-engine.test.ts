import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EffectsAccumulator, type EffectCell, type EngineConfig } from '@evg/effects';
import type { FastifyInstance } from 'fastify';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { serviceRefresh } from '../../src/cli/start-service.ts';
import { loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/database.ts';
import { evgTypeParsers } from '../../src/db/type-parsers.ts';
import { createApiKey } from '../../src/repositories/api-keys.ts';
import { forEachPerson } from '../../src/data-dir/for-each-person.ts';
import { openDataDir } from '../../src/data-dir/open-data-dir.ts';
import { importDataDir } from '../../src/imports/import-data-dir.ts';
import { refreshEffects, type RefreshResult } from '../../src/refresh/refresh-effects.ts';
import { STANDARD_GROUPINGS } from '../../src/refresh/standard-groupings.ts';
import { getRefreshStatus } from '../../src/repositories/refresh-runs.ts';
import { shuffleRows, SYNTH_AS_OF, writeSynthDir } from '../support/synth-dir.ts';
import '../support/provided-context.ts';
import { forgetCurrentDigest } from '../support/forget-digest.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

/** The installation's disclosure secret, the same for the refresh and the engine. */
const DISCLOSURE_KEY = 'refresh-equals-engine-test-key';

let t: TestDatabase;
let synth: { dir: string; remove: () => Promise<void> };
let result: RefreshResult;
let imported: Awaited<ReturnType<typeof importDataDir>>;

/** Real extracts are not sorted by person: the person-level files in a seeded random order. */
beforeAll(async () => {
  t = await createTestDatabase();
  synth = await writeSynthDir(600);
  await shuffleRows(synth.dir, 11);
  // The extract's cut-off is declared with the import; the refresh is given none and runs a
  // month after it (the test machine's today): it must take the declared one, not today.
  imported = await importDataDir(t.db, synth.dir, { source: 'test', asOf: SYNTH_AS_OF });
  result = await refreshEffects(t.db, { disclosureKey: DISCLOSURE_KEY, chunkSize: 97 });
});
afterAll(async () => {
  await t.close();
  await synth.remove();
});

/** What `evg effects` computes: the engine over the data directory itself, no database. */
async function engineOnFiles(groupBy: EngineConfig['groupBy'], periodUnit: EngineConfig['periodUnit']) {
  const data = await openDataDir(synth.dir);
  const config: EngineConfig = {
    asOf: SYNTH_AS_OF,
    disclosureKey: DISCLOSURE_KEY,
    catalog: data.catalog,
    groupBy: groupBy ?? [],
    periodUnit: periodUnit ?? 'halfYear',
  };
  let accumulator!: EffectsAccumulator;
  await forEachPerson(data, () => {
    accumulator = new EffectsAccumulator(config);
    return (person) => accumulator.addPerson(person);
  });
  data.issues.throwIfAny();
  for (const complaint of data.catalog.complaints) accumulator.addComplaint(complaint);
  return accumulator.finish();
}

/**
 * The API as `evg start` builds it, with the server's own refresh (no EVG_AS_OF): on a
 * PostgreSQL server in a worker thread, as there.
 */
async function serviceApp(): Promise<FastifyInstance> {
  const config = { ...loadConfig({}), refreshPollMs: 0 };
  const server = inject('evgTestDb').mode === 'embedded' ? undefined : t;
  return buildApp({ config, db: t.db, refreshEffects: serviceRefresh(config, DISCLOSURE_KEY, server) });
}

async function storedCells(version: number, grouping: string): Promise<EffectCell[]> {
  const rows = await t.db
    .selectFrom('effect_cells')
    .select('cell')
    .where('data_version', '=', version)
    .where('grouping', '=', grouping)
    .execute();
  return byKey(rows.map((r) => r.cell as EffectCell));
}

const keyOf = (c: EffectCell) =>
  [c.offerId, c.providerId, c.package, c.providerKind, c.targetGroup, c.industry, c.period].join('|');
const byKey = (cells: EffectCell[]) => [...cells].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));

describe('refreshEffects', () => {
  it('publishes a data version for all persons, dated by the declared cut-off', async () => {
    expect(imported).toMatchObject({ asOf: SYNTH_AS_OF, asOfSource: 'declared' });
    expect(result.persons).toBe(600);
    expect(result).toMatchObject({ asOf: SYNTH_AS_OF, asOfSource: 'declared' });
    const status = await getRefreshStatus(t.db);
    expect(status.running).toBe(false);
    expect(status.current).toMatchObject({
      dataVersion: result.dataVersion,
      asOf: SYNTH_AS_OF,
      asOfSource: 'declared',
    });
    expect(status.lastSuccess).toMatchObject({ dataVersion: result.dataVersion, persons: 600 });
  });

  it('has data with open benefit periods, and is imported after its cut-off', async () => {
    const open = await t.db
      .selectFrom('benefit_periods')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('end_date', 'is', null)
      .executeTakeFirstOrThrow();
    expect(Number(open.n)).toBeGreaterThan(0);
    const batch = await t.db
      .selectFrom('import_batches')
      .select('finished_at')
      .where('id', '=', imported.batchId)
      .executeTakeFirstOrThrow();
    // The condition the test is about: an import later than the extract's day.
    expect(batch.finished_at.toISOString().slice(0, 10) > SYNTH_AS_OF).toBe(true);
  });

  it.each(STANDARD_GROUPINGS.map((g) => [g.name, g] as const))(
    'stores %s equal, cell by cell, to the engine run on the same files',
    async (name, grouping) => {
      const expected = await engineOnFiles(grouping.groupBy, grouping.periodUnit);
      expect(expected.length).toBeGreaterThan(0);
      expect(await storedCells(result.dataVersion, name)).toEqual(byKey(expected));
    },
  );

  it('keeps the cut-off and the figures through a later offers-only import and POST /v1/refresh', async () => {
    const app = await serviceApp();
    try {
      const key = (await createApiKey(t.db, { name: 'ingest', role: 'ingest' })).secret;
      const headers = { authorization: `Bearer ${key}` };
      // Offers re-sent later without a cut-off (names changed): the server refreshes after it.
      const offers = (await readFile(join(synth.dir, 'offers.csv'), 'utf8')).replaceAll(' – ', ' - ');
      const answered = Date.now();
      const answer = await app.inject({
        method: 'POST',
        url: '/v1/imports/offers',
        headers: { ...headers, 'content-type': 'text/csv' },
        payload: offers,
      });
      expect(answer.statusCode, answer.body).toBe(201);
      expect(answer.json()).toMatchObject({ asOf: null, asOfSource: null, refresh: 'started' });
      await app.refresher.idle();
      const posted = await app.inject({ method: 'POST', url: '/v1/refresh', headers });
      expect(posted.statusCode).toBe(202);
      await app.refresher.idle();

      const status = await app.inject({ url: '/v1/refresh', headers });
      const body = status.json<{
        current: { dataVersion: number; asOf: string; asOfSource: string };
        lastSuccess: { dataVersion: number; finishedAt: string };
      }>();
      expect(body.current).toMatchObject({ asOf: SYNTH_AS_OF, asOfSource: 'declared' });
      // Offer names are not figures: both refreshes ran and found the same tables, so the
      // version of the first refresh stays current.
      expect(body.current.dataVersion).toBe(result.dataVersion);
      expect(body.lastSuccess.dataVersion).toBe(result.dataVersion);
      expect(Date.parse(body.lastSuccess.finishedAt)).toBeGreaterThanOrEqual(answered);
      for (const grouping of STANDARD_GROUPINGS) {
        const expected = byKey(await engineOnFiles(grouping.groupBy, grouping.periodUnit));
        expect(await storedCells(body.current.dataVersion, grouping.name)).toEqual(expected);
      }
    } finally {
      await app.close();
    }
  });

  it('serves the same cells through the BI view, suppressed cells included as nulls', async () => {
    const { rows } = await import('kysely').then(({ sql }) =>
      sql<{ offer_id: string; effect3m_n: number | null; effect3m_suppressed: boolean }>`
        SELECT offer_id, effect3m_n, effect3m_suppressed FROM bi.effects_by_offer`.execute(t.db),
    );
    const expected = await engineOnFiles(['offer'], 'halfYear');
    expect(rows).toHaveLength(expected.length);
    for (const cell of expected) {
      const row = rows.find((r) => r.offer_id === cell.offerId);
      expect(row?.effect3m_n).toBe(cell.outcomes.effect3m?.n);
      expect(row?.effect3m_suppressed).toBe(cell.outcomes.effect3m?.suppressed);
      if (row?.effect3m_suppressed) expect(row.effect3m_n).toBeNull();
    }
  });

  it('gives the same tables with worker threads as in one pass', async () => {
    const single = await refreshEffects(t.db, { disclosureKey: DISCLOSURE_KEY });
    const parallel = await refreshEffects(t.db, {
      disclosureKey: DISCLOSURE_KEY,
      workers: 2,
      connectionString: t.connectionString,
    });
    expect(parallel.persons).toBe(600);
    // The same digest: the version of the single pass stays current, nothing is published.
    expect(parallel).toMatchObject({ changed: false, dataVersion: single.dataVersion });
    await forgetCurrentDigest(t.db);
    const republished = await refreshEffects(t.db, {
      disclosureKey: DISCLOSURE_KEY,
      workers: 2,
      connectionString: t.connectionString,
    });
    expect(republished.dataVersion).toBeGreaterThan(single.dataVersion);
    expect(await fineCellsOf(republished.dataVersion)).toEqual(await fineCellsOf(single.dataVersion));
  });

  // On a PostgreSQL server the refresh reads and writes with COPY; embedded PGlite cannot.
  it.runIf(inject('evgTestDb').mode !== 'embedded')(
    'stores the same cells through COPY as through the row path embedded PGlite takes',
    async () => {
      // A Kysely of its own over the same database has no COPY pool registered (db/copy-pool.ts).
      const pool = new pg.Pool({ connectionString: t.connectionString, types: evgTypeParsers, max: 2 });
      const plain = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
      try {
        const lines: string[] = [];
        const log = (line: string) => lines.push(line);
        await forgetCurrentDigest(t.db);
        const viaCopy = await refreshEffects(t.db, { disclosureKey: DISCLOSURE_KEY, log });
        await forgetCurrentDigest(t.db);
        const viaRows = await refreshEffects(plain, { disclosureKey: DISCLOSURE_KEY, log });
        expect(viaRows.dataVersion).toBeGreaterThan(viaCopy.dataVersion);
        expect(lines.filter((l) => l.includes(' path;'))).toEqual([
          expect.stringContaining('(COPY path;'),
          expect.stringContaining('(row path;'),
        ]);
        expect(viaRows.persons).toBe(600);
        expect(viaCopy.persons).toBe(600);
        const copied = await fineCellsOf(viaCopy.dataVersion);
        expect(copied.length).toBeGreaterThan(0);
        expect(copied).toEqual(await fineCellsOf(viaRows.dataVersion));
        for (const grouping of STANDARD_GROUPINGS) {
          expect(await storedCells(viaCopy.dataVersion, grouping.name)).toEqual(
            await storedCells(viaRows.dataVersion, grouping.name),
          );
        }
      } finally {
        await plain.destroy();
      }
    },
  );
});

/** The stored fine cells of a data version, in key order. */
async function fineCellsOf(version: number): Promise<unknown[]> {
  const rows = await t.db
    .selectFrom('effect_fine_cells')
    .select(['offer_id', 'target_group', 'month', 'counters'])
    .where('data_version', '=', version)
    .orderBy('offer_id')
    .orderBy('target_group')
    .orderBy('month')
    .execute();
  return rows.map((r) => r.counters);
}
