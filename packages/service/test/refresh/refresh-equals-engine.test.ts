import { EffectsAccumulator, type EffectCell, type EngineConfig } from '@evg/effects';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachPerson } from '../../src/data-dir/for-each-person.ts';
import { openDataDir } from '../../src/data-dir/open-data-dir.ts';
import { importDataDir } from '../../src/imports/import-data-dir.ts';
import { refreshEffects, type RefreshResult } from '../../src/refresh/refresh-effects.ts';
import { STANDARD_GROUPINGS } from '../../src/refresh/standard-groupings.ts';
import { getRefreshStatus } from '../../src/repositories/refresh-runs.ts';
import { SYNTH_AS_OF, writeSynthDir } from '../support/synth-dir.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { TEST_DISCLOSURE_KEY } from '../support/disclosure-key.ts';

let t: TestDatabase;
let synth: { dir: string; remove: () => Promise<void> };
let result: RefreshResult;
beforeAll(async () => {
  t = await createTestDatabase();
  synth = await writeSynthDir(600);
  await importDataDir(t.db, synth.dir, { source: 'test' });
  result = await refreshEffects(t.db, {
    disclosureKey: TEST_DISCLOSURE_KEY,
    asOf: SYNTH_AS_OF,
    chunkSize: 97,
  });
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
    catalog: data.catalog,
    disclosureKey: TEST_DISCLOSURE_KEY,
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

const keyOf = (c: EffectCell) =>
  [c.offerId, c.providerId, c.package, c.providerKind, c.targetGroup, c.industry, c.period].join('|');
const byKey = (cells: EffectCell[]) => [...cells].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));

describe('refreshEffects', () => {
  it('publishes a data version for all persons', async () => {
    expect(result.persons).toBe(600);
    expect(result.asOf).toBe(SYNTH_AS_OF);
    const status = await getRefreshStatus(t.db);
    expect(status.running).toBe(false);
    expect(status.current).toMatchObject({ dataVersion: result.dataVersion, asOf: SYNTH_AS_OF });
    expect(status.lastSuccess).toMatchObject({ dataVersion: result.dataVersion, persons: 600 });
  });

  it.each(STANDARD_GROUPINGS.map((g) => [g.name, g] as const))(
    'stores %s equal, cell by cell, to the engine run on the same files',
    async (name, grouping) => {
      const stored = await t.db
        .selectFrom('effect_cells')
        .select('cell')
        .where('data_version', '=', result.dataVersion)
        .where('grouping', '=', name)
        .execute();
      const expected = await engineOnFiles(grouping.groupBy, grouping.periodUnit);
      expect(expected.length).toBeGreaterThan(0);
      expect(byKey(stored.map((r) => r.cell as EffectCell))).toEqual(byKey(expected));
    },
  );

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
    const parallel = await refreshEffects(t.db, {
      disclosureKey: TEST_DISCLOSURE_KEY,
      asOf: SYNTH_AS_OF,
      workers: 2,
      connectionString: t.connectionString,
    });
    expect(parallel.persons).toBe(600);
    const cells = async (version: number) =>
      (
        await t.db
          .selectFrom('effect_fine_cells')
          .select(['offer_id', 'target_group', 'month', 'counters'])
          .where('data_version', '=', version)
          .orderBy('offer_id')
          .orderBy('target_group')
          .orderBy('month')
          .execute()
      ).map((r) => r.counters);
    expect(await cells(parallel.dataVersion)).toEqual(await cells(result.dataVersion));
  });
});
