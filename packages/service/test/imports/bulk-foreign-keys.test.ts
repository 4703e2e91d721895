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
      expect(log).toContain(
        'import: benefit_periods.csv: a first load: every index built and foreign keys checked once (bulk)',
      );
    } finally {
      await data.remove();
    }
    expect(await foreignKeys()).toEqual(before);
    expect((await foreignKeys()).every((k) => k.valid)).toBe(true);
    expect(await indexes()).toEqual(indexesBefore);
  });

  it('a first load into empty tables stores what the upsert stores, last row per key winning', async () => {
    const files = validFiles();
    // Keys repeated inside the batch, later lines winning: a person, a period_id, a natural key.
    files['persons.csv'] += 'P1,1990-04-02\n';
    files['benefit_periods.csv'] +=
      'P2,su,2023-01-01,2023-02-28,BP2\nP1,kontanthjaelp,2024-01-01,2024-04-30,\nP1,su,2024-05-01,,\n';
    files['enrollments.csv'] += 'E1,P1,OF1,jobparat,2024-01-15,2024-03-30,false,andet\n';
    const bulk = await createTestDatabase();
    const upserted = await createTestDatabase();
    const data = await writeDataDir(files);
    try {
      const log: string[] = [];
      const first = await importDataDir(bulk.db, data.dir, {
        source: 'test',
        bulkRows: 1,
        log: (l) => log.push(l),
      });
      // Every kind but offers (whose upsert collects the offers changed with their code lists).
      expect(log.filter((l) => l.includes('a first load'))).toHaveLength(10);
      const reference = await importDataDir(upserted.db, data.dir, { source: 'test' });
      for (const [table, order] of [
        ['persons', 'person_id'],
        ['benefit_periods', 'person_id, benefit_type, start_date, period_id'],
        ['enrollments', 'enrollment_id'],
        ['survey_responses', 'response_id'],
      ] as const) {
        const rowsOf = async (db: TestDatabase['db']) =>
          (
            await sql<
              Record<string, unknown>
            >`SELECT * FROM ${sql.table(table)} ORDER BY ${sql.raw(order)}`.execute(db)
          ).rows.map(({ id: _, ...row }) => row);
        expect(await rowsOf(bulk.db), table).toEqual(await rowsOf(upserted.db));
      }
      expect(
        (
          await sql<{
            birth_date: string;
          }>`SELECT birth_date::text FROM persons WHERE person_id = 'P1'`.execute(bulk.db)
        ).rows,
      ).toEqual([{ birth_date: '1990-04-02' }]);
      expect(first.kinds.find((k) => k.kind === 'benefit_periods')?.rowsChanged).toBe(4);
      expect(first.kinds).toEqual(reference.kinds);
      // The same files again: the tables are no longer empty, so the upsert runs and changes nothing.
      const again = await importDataDir(bulk.db, data.dir, {
        source: 'test',
        bulkRows: 1,
        log: (l) => log.push(l),
      });
      expect(again.rowsChanged).toBe(0);
      expect(log.filter((l) => l.includes('plain indexes built'))).toHaveLength(10);
    } finally {
      await data.remove();
      await bulk.close();
      await upserted.close();
    }
  });

  it('two imports at once both store, one after the other (no deadlock between bulk upserts)', async () => {
    // Without the import store lock PostgreSQL aborted one of them ("deadlock detected").
    for (let round = 0; round < 3; round++) {
      const fresh = await createTestDatabase();
      const data = await writeDataDir(validFiles());
      try {
        const results = await Promise.all(
          ['a', 'b'].map((source) => importDataDir(fresh.db, data.dir, { source, bulkRows: 1 })),
        );
        // The one that stored first changed every row, the other none: the same files.
        expect(results.map((r) => r.rowsChanged).sort((x, y) => x - y)).toEqual([0, 21]);
        const persons = await fresh.db.selectFrom('persons').select('person_id').execute();
        expect(persons).toHaveLength(3);
      } finally {
        await data.remove();
        await fresh.close();
      }
    }
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
