import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AS_OF, ensureDemoData } from '../../src/synth/seed-database.ts';
import { TEST_DISCLOSURE_KEY } from '../support/disclosure-key.ts';
import { getRefreshStatus } from '../../src/repositories/refresh-runs.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

describe('ensureDemoData', () => {
  it('seeds an empty database with synthetic data and effect tables, once', async () => {
    expect(await ensureDemoData(t.db, { persons: 150, disclosureKey: TEST_DISCLOSURE_KEY })).toBe(true);
    const persons = await t.db
      .selectFrom('persons')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    expect(Number(persons?.n)).toBe(150);
    const status = await getRefreshStatus(t.db);
    expect(status.current?.asOf).toBe(DEMO_AS_OF);

    expect(await ensureDemoData(t.db, { persons: 150, disclosureKey: TEST_DISCLOSURE_KEY })).toBe(false);
    expect((await getRefreshStatus(t.db)).current?.dataVersion).toBe(status.current?.dataVersion);
  });
});
