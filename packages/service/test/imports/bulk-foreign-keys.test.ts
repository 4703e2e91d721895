import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDataDir } from '../../src/imports/import-data-dir.ts';
import { withForeignKeysCheckedAtOnce } from '../../src/imports/bulk-foreign-keys.ts';
import { validFiles, writeDataDir } from '../support/contract-files.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

async function foreignKeys() {
  const { rows } = await sql<{ table: string; name: string; valid: boolean; definition: string }>`
    SELECT conrelid::regclass::text AS table, conname AS name, convalidated AS valid,
      pg_get_constraintdef(oid) AS definition
    FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace
    ORDER BY 1, 2`.execute(t.db);
  return rows;
}

async function indexes() {
  const { rows } = await sql<{ table: string; name: string; definition: string; valid: boolean }>`
    SELECT i.indrelid::regclass::text AS table, c.relname AS name,
      pg_get_indexdef(i.indexrelid) AS definition, i.indisvalid AS valid
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
    WHERE c.relnamespace = 'public'::regnamespace ORDER BY 1, 2`.execute(t.db);
  return rows;
}

describe('bulk imports check foreign keys once per table', () => {
  it('leave every foreign key in place and validated, and every index rebuilt as it was', async () => {
    const before = await foreignKeys();
    const indexesBefore = await indexes();
    expect(indexesBefore.some((i) => i.name === 'benefit_periods_person_idx')).toBe(true);
    expect(before.length).toBeGreaterThan(10);
    const data = await writeDataDir(validFiles());
    try {
      // bulkRows 1: every kind takes the bulk path.
      const log: string[] = [];
      const result = await importDataDir(t.db, data.dir, {
        source: 'test',
        bulkRows: 1,
        log: (line) => log.push(line),
      });
      expect(result.rowsStored).toBe(21);
      expect(log).toContain('import: benefit_periods.csv: foreign keys checked once for the table (bulk)');
    } finally {
      await data.remove();
    }
    expect(await foreignKeys()).toEqual(before);
    expect((await foreignKeys()).every((k) => k.valid)).toBe(true);
    expect(await indexes()).toEqual(indexesBefore);
  });

  it('roll back, constraints included, when a row breaks a key', async () => {
    const before = await foreignKeys();
    const error = await t.db
      .transaction()
      .execute((trx) =>
        withForeignKeysCheckedAtOnce(trx, 'enrollments', async () => {
          await sql`INSERT INTO enrollments (enrollment_id, person_id, offer_id, target_group, start_date)
            VALUES ('E-bad', 'nobody', 'OF1', 'jobparat', '2024-01-01')`.execute(trx);
        }),
      )
      .catch((e: unknown) => e);
    expect(String(error)).toMatch(/foreign key/);
    expect(await foreignKeys()).toEqual(before);
    expect(
      await t.db
        .selectFrom('enrollments')
        .select('enrollment_id')
        .where('enrollment_id', '=', 'E-bad')
        .execute(),
    ).toEqual([]);
  });
});
