import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

/** Runs one query as evg_bi inside a transaction that is always rolled back. */
async function asBi(query: string): Promise<unknown> {
  return t.db.connection().execute(async (conn) => {
    await sql`BEGIN`.execute(conn);
    try {
      await sql`SET LOCAL ROLE evg_bi`.execute(conn);
      return (await sql.raw(query).execute(conn)).rows;
    } finally {
      await sql`ROLLBACK`.execute(conn);
    }
  });
}

const personLevel = ['persons', 'benefit_periods', 'enrollments', 'survey_responses', 'effect_fine_cells'];

describe('the evg_bi role', () => {
  it.each(personLevel)('cannot read %s', async (table) => {
    await expect(asBi(`SELECT * FROM public.${table}`)).rejects.toThrow(/permission denied/);
  });

  it('cannot read API keys or import batches', async () => {
    await expect(asBi('SELECT * FROM public.api_keys')).rejects.toThrow(/permission denied/);
    await expect(asBi('SELECT * FROM public.import_batches')).rejects.toThrow(/permission denied/);
  });

  it('reads the BI views of the current data version and cannot create anything there', async () => {
    await t.db
      .insertInto('data_versions')
      .values({ version: 1, as_of: '2026-10-31', status: 'current' })
      .execute();
    await t.db
      .insertInto('effect_cells')
      .values({
        data_version: 1,
        grouping: 'effects_by_package',
        offer_id: null,
        provider_id: null,
        package: 'jobpakke',
        provider_kind: null,
        target_group: null,
        industry: null,
        period: null,
        cell: JSON.stringify({
          started: 12,
          outcomes: {
            effect3m: { n: 10, x: 4, rate: 0.4, suppressed: false },
            effect12m: { n: 8, x: 2, rate: 0.25, suppressed: false },
          },
        }),
      })
      .execute();
    expect(
      await asBi('SELECT package, started, effect3m_n, effect3m_rate FROM bi.effects_by_package'),
    ).toEqual([{ package: 'jobpakke', started: 12, effect3m_n: 10, effect3m_rate: 0.4 }]);
    expect(await asBi('SELECT * FROM bi.effects_by_offer')).toEqual([]);
    // Every measure, a custom one too, in the long view.
    expect(
      await asBi('SELECT grouping, package, measure, n, x, rate FROM bi.effect_outcomes ORDER BY measure'),
    ).toEqual([
      { grouping: 'effects_by_package', package: 'jobpakke', measure: 'effect12m', n: 8, x: 2, rate: 0.25 },
      { grouping: 'effects_by_package', package: 'jobpakke', measure: 'effect3m', n: 10, x: 4, rate: 0.4 },
    ]);
    await expect(asBi('CREATE TABLE bi.sneaky (x integer)')).rejects.toThrow(/permission denied/);
  });
});
