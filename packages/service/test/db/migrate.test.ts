import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMigrated, migrateToEmpty, migrateToLatest } from '../../src/db/migrate.ts';
import { migrationProvider } from '../../src/db/migration-provider.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ migrated: false });
});
afterAll(() => t.close());

async function publicTables(): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema IN ('public', 'bi') AND table_name NOT LIKE 'kysely_%'
    ORDER BY table_name`.execute(t.db);
  return rows.map((r) => r.table_name);
}

/** Every migration file, in the order they apply (their names sort by date). */
const allMigrations = async () => Object.keys(await migrationProvider.getMigrations()).sort();

describe('migrations', () => {
  it('apply from an empty database, report what they applied, and are then up to date', async () => {
    expect(await publicTables()).toEqual([]);
    expect(await isMigrated(t.db)).toBe(false);

    expect(await migrateToLatest(t.db)).toEqual(await allMigrations());

    expect(await isMigrated(t.db)).toBe(true);
    expect(await migrateToLatest(t.db)).toEqual([]);
    expect(await publicTables()).toEqual(
      expect.arrayContaining([
        'benefit_types',
        'target_groups',
        'industries',
        'packages',
        'providers',
        'offers',
        'offer_target_groups',
        'offer_industries',
        'persons',
        'benefit_periods',
        'enrollments',
        'survey_responses',
        'complaints',
        'supervisions',
        'import_batches',
        'api_keys',
        'data_versions',
        'effect_fine_cells',
        'effect_cells',
        'refresh_runs',
        'effects_by_offer',
        'effects_by_provider',
      ]),
    );
  });

  it('index offers for Danish full-text search (stemmed: "rengøringen" finds "rengøring")', async () => {
    await sql`INSERT INTO providers (provider_id, name, kind) VALUES ('p1', 'Udbyder', 'external')`.execute(
      t.db,
    );
    await sql`INSERT INTO offers (offer_id, provider_id, name, package, description)
      VALUES ('o1', 'p1', 'Kursus i rengøring', 'jobpakke', 'Virksomhedsrettede forløb')`.execute(t.db);
    const { rows } = await sql<{ offer_id: string }>`
      SELECT offer_id FROM offers WHERE search @@ plainto_tsquery('danish', 'rengøringen')`.execute(t.db);
    expect(rows.map((r) => r.offer_id)).toEqual(['o1']);
  });

  it('revert to an empty schema with down', async () => {
    await migrateToEmpty(t.db);
    expect(await publicTables()).toEqual([]);
    expect(await migrateToLatest(t.db)).toEqual(await allMigrations());
  });
});
