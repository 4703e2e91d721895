import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRecords } from '../../src/imports/import-records.ts';
import { refreshEffects } from '../../src/refresh/refresh-effects.ts';
import { getRefreshStatus } from '../../src/repositories/refresh-runs.ts';
import { importValidFiles } from '../support/contract-files.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const DISCLOSURE_KEY = 'unchanged-refresh-test-secret';
const refresh = (asOf = '2026-10-31') => refreshEffects(t.db, { disclosureKey: DISCLOSURE_KEY, asOf });
const versions = () => t.db.selectFrom('data_versions').selectAll().orderBy('version').execute();

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await importValidFiles(t.db);
});
afterAll(() => t.close());

describe('a refresh that finds the figures of the current version', () => {
  it('publishes nothing: the same version stays current with its timestamp, cells and digest', async () => {
    const first = await refresh();
    expect(first.changed).toBe(true);
    const before = await versions();
    expect(before.at(-1)?.content_digest).toMatch(/^[0-9a-f]{64}$/);
    const cellsBefore = await t.db.selectFrom('effect_cells').select(['data_version', 'cell']).execute();

    // The same records again (an idempotent re-import), then another refresh.
    await importValidFiles(t.db);
    const again = await refresh();

    expect(again).toMatchObject({ changed: false, dataVersion: first.dataVersion, persons: first.persons });
    expect(await versions()).toEqual(before);
    expect(await t.db.selectFrom('effect_cells').select(['data_version', 'cell']).execute()).toEqual(
      cellsBefore,
    );
    // The run is recorded as a success that kept the version.
    const status = await getRefreshStatus(t.db);
    expect(status.current?.dataVersion).toBe(first.dataVersion);
    expect(status.lastSuccess?.dataVersion).toBe(first.dataVersion);
  });

  it('publishes a new version when a record changes the figures, or the cut-off moves', async () => {
    const current = await refresh();
    // A second survey answer changes the satisfaction counters of the offer's cells.
    const answers =
      'response_id,enrollment_id,answered_on,satisfaction,closer_to_job\nS1,E1,2024-04-02,5,4\nS2,E2,2024-05-02,2,1\n';
    await importRecords(t.db, 'survey_responses', Readable.from([answers]), {
      format: 'csv',
      source: 'test',
    });
    const changed = await refresh();
    expect(changed.changed).toBe(true);
    expect(changed.dataVersion).toBeGreaterThan(current.dataVersion);

    const moved = await refresh('2026-09-30');
    expect(moved.changed).toBe(true);
    expect(moved.dataVersion).toBeGreaterThan(changed.dataVersion);
    expect((await getRefreshStatus(t.db)).current).toMatchObject({
      dataVersion: moved.dataVersion,
      asOf: '2026-09-30',
    });
  });
});
