import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { importDataDir } from '../../src/imports/import-data-dir.ts';
import { ImportError } from '../../src/imports/import-error.ts';
import { validFiles, writeDataDir, type ContractFiles } from '../support/contract-files.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

const RECORD_TABLES = [
  'supervisions',
  'complaints',
  'survey_responses',
  'enrollments',
  'benefit_periods',
  'persons',
  'offer_industries',
  'offer_target_groups',
  'offers',
  'providers',
  'industries',
  'target_groups',
  'benefit_types',
];

beforeEach(async () => {
  for (const table of RECORD_TABLES) await sql.raw(`DELETE FROM ${table}`).execute(t.db);
  await sql`DELETE FROM import_batches`.execute(t.db);
});

async function importFiles(files: ContractFiles) {
  const data = await writeDataDir(files);
  try {
    return await importDataDir(t.db, data.dir, { source: 'test' });
  } finally {
    await data.remove();
  }
}

async function rejection(files: ContractFiles): Promise<ImportError> {
  const error = await importFiles(files).then(
    () => {
      throw new Error('import was accepted');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

async function countRows(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of RECORD_TABLES) {
    const { rows } = await sql
      .raw<{ n: number }>(`SELECT count(*)::integer AS n FROM ${table}`)
      .execute(t.db);
    counts[table] = rows[0]?.n ?? 0;
  }
  return counts;
}

describe('importDataDir', () => {
  it('stores every record kind of a valid directory, with offers code lists in order', async () => {
    const result = await importFiles(validFiles());
    expect(result.rowsReceived).toBe(21);
    expect(result.rowsStored).toBe(21);
    expect(await countRows()).toMatchObject({
      persons: 3,
      benefit_periods: 3,
      enrollments: 2,
      offer_target_groups: 3,
    });
    const offer = await t.db
      .selectFrom('offers')
      .selectAll()
      .where('offer_id', '=', 'OF1')
      .executeTakeFirstOrThrow();
    expect(offer).toMatchObject({ description: 'Kursus, med praktik', price_dkk: 12000, hours_per_week: 37 });
    const groups = await t.db
      .selectFrom('offer_target_groups')
      .select('target_group')
      .where('offer_id', '=', 'OF1')
      .orderBy('position')
      .execute();
    expect(groups.map((g) => g.target_group)).toEqual(['jobparat', 'aktivitetsparat']);
    const batch = await t.db.selectFrom('import_batches').selectAll().executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ outcome: 'ok', rows_received: 21, rows_stored: 21, source: 'test' });
  });

  it('re-importing the same files changes nothing; a changed row replaces the stored one', async () => {
    await importFiles(validFiles());
    const again = await importFiles(validFiles());
    expect(again.rowsChanged).toBe(0);
    expect(await countRows()).toMatchObject({ persons: 3, benefit_periods: 3, offer_target_groups: 3 });

    const files = validFiles();
    files['persons.csv'] = 'person_id,birth_date\nP1,1991-04-01\n';
    files['benefit_periods.csv'] =
      'person_id,benefit_type,start_date,end_date,period_id\nP2,kontanthjaelp,2023-06-01,2024-01-31,BP2\n';
    files['offers.csv'] =
      'offer_id,provider_id,name,package,target_groups\nOF1,PR1,Rengøringskursus,jobpakke,aktivitetsparat\n';
    const changed = await importFiles(files);
    expect(changed.kinds.find((k) => k.kind === 'persons')?.rowsChanged).toBe(1);
    // OF1's row (description, price, ...) and its target-group list changed: one offer.
    expect(changed.kinds.find((k) => k.kind === 'offers')?.rowsChanged).toBe(1);
    const p1 = await t.db
      .selectFrom('persons')
      .selectAll()
      .where('person_id', '=', 'P1')
      .executeTakeFirstOrThrow();
    expect(p1.birth_date).toBe('1991-04-01');
    const bp2 = await t.db.selectFrom('benefit_periods').selectAll().where('period_id', '=', 'BP2').execute();
    expect(bp2).toHaveLength(1);
    expect(bp2[0]?.end_date).toBe('2024-01-31');
    const groups = await t.db
      .selectFrom('offer_target_groups')
      .select('target_group')
      .where('offer_id', '=', 'OF1')
      .execute();
    expect(groups.map((g) => g.target_group)).toEqual(['aktivitetsparat']);
    expect(await countRows()).toMatchObject({ persons: 3, benefit_periods: 3 });
  });

  it('stores nothing when one row in the middle of a batch is bad, and names its file, line and field', async () => {
    const files = validFiles();
    files['persons.csv'] = 'person_id,birth_date\nP1,1990-04-01\nP2,1985-02-30\nP3,2001-07-15\n';
    const error = await rejection(files);
    expect(error.code).toBe('import-rejected');
    expect(error.errors).toContainEqual(
      expect.objectContaining({ file: 'persons.csv', line: 3, field: 'birth_date' }),
    );
    expect(Object.values(await countRows()).every((n) => n === 0)).toBe(true);
    const batch = await t.db.selectFrom('import_batches').selectAll().executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ outcome: 'rejected', rows_stored: 0 });
    expect(batch.errors).toContainEqual(expect.objectContaining({ file: 'persons.csv', line: 3 }));
  });

  it.each([
    [
      'end_date before start_date',
      'benefit_periods.csv',
      'person_id,benefit_type,start_date,end_date\nP1,su,2024-05-01,2024-04-30\n',
      2,
      'end_date',
    ],
    [
      'score outside 1–5',
      'survey_responses.csv',
      'response_id,enrollment_id,answered_on,satisfaction\nS9,E1,2024-04-02,6\n',
      2,
      'satisfaction',
    ],
    ['unknown column', 'persons.csv', 'person_id,birth_date,cpr\nP9,1990-01-01,x\n', 1, 'cpr'],
    [
      'missing required field',
      'enrollments.csv',
      'enrollment_id,person_id,offer_id,target_group,start_date\nE9,P1,OF1,jobparat,\n',
      2,
      'start_date',
    ],
    [
      'unknown benefit type code',
      'benefit_periods.csv',
      'person_id,benefit_type,start_date\nP1,pension,2024-01-01\n',
      2,
      'benefit_type',
    ],
    [
      'unknown target group code',
      'enrollments.csv',
      'enrollment_id,person_id,offer_id,target_group,start_date\nE9,P1,OF1,matchgruppe1,2024-01-01\n',
      2,
      'target_group',
    ],
    [
      'unknown industry in an offer list',
      'offers.csv',
      'offer_id,provider_id,name,package,industries\nOF9,PR1,X,jobpakke,lager;bogbinder\n',
      2,
      'industries',
    ],
    [
      'unknown person',
      'enrollments.csv',
      'enrollment_id,person_id,offer_id,target_group,start_date\nE9,P404,OF1,jobparat,2024-01-01\n',
      2,
      'person_id',
    ],
    [
      'unknown offer',
      'complaints.csv',
      'complaint_id,offer_id,received_on\nC9,OF404,2024-01-01\n',
      2,
      'offer_id',
    ],
    [
      'unknown enrollment',
      'survey_responses.csv',
      'response_id,enrollment_id,answered_on\nS9,E404,2024-01-01\n',
      2,
      'enrollment_id',
    ],
    [
      'unknown provider',
      'offers.csv',
      'offer_id,provider_id,name,package\nOF9,PR404,X,jobpakke\n',
      2,
      'provider_id',
    ],
    ['bad package', 'offers.csv', 'offer_id,provider_id,name,package\nOF9,PR1,X,kaffepakke\n', 2, 'package'],
    [
      'bad smiley',
      'supervisions.csv',
      'supervision_id,offer_id,visited_on,smiley\nV9,OF1,2024-01-01,angry\n',
      2,
      'smiley',
    ],
    ['bad boolean', 'benefit_types.csv', 'code,public_support\nkontanthjaelp,ja\n', 2, 'public_support'],
    ['a row with too few fields', 'complaints.csv', 'complaint_id,offer_id,received_on\nC9,OF1\n', 2, ''],
    [
      'hours outside 10–37',
      'offers.csv',
      'offer_id,provider_id,name,package,hours_per_week\nOF9,PR1,X,jobpakke,40\n',
      2,
      'hours_per_week',
    ],
  ])('rejects %s with file, line and field, storing nothing', async (_rule, file, content, line, field) => {
    const files = validFiles();
    files[file] = content;
    const error = await rejection(files);
    expect(error.code).toBe('import-rejected');
    expect(error.errors).toContainEqual(expect.objectContaining({ file, line, field }));
    expect(Object.values(await countRows()).every((n) => n === 0)).toBe(true);
  });

  it('rejects a directory holding both CSV and NDJSON of one kind, and records the attempt', async () => {
    const files = validFiles();
    files['persons.ndjson'] = '{"person_id":"P1","birth_date":"1990-04-01"}\n';
    const error = await rejection(files);
    expect(error.code).toBe('import-rejected');
    expect(error.message).toContain('both persons.csv and persons.ndjson');
    expect(Object.values(await countRows()).every((n) => n === 0)).toBe(true);
    const batch = await t.db.selectFrom('import_batches').selectAll().executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ outcome: 'rejected', rows_stored: 0 });
  });

  it('resolves references to rows stored by an earlier import', async () => {
    await importFiles(validFiles());
    const result = await importFiles({
      'enrollments.csv':
        'enrollment_id,person_id,offer_id,target_group,start_date\nE3,P3,OF2,jobparat,2024-03-01\n',
    });
    expect(result.rowsStored).toBe(1);
  });

  it('lists every bad row up to the limit, and counts them all', async () => {
    const rows = Array.from({ length: 150 }, (_, i) => `X${i},not-a-date`).join('\n');
    const error = await rejection({ 'persons.csv': `person_id,birth_date\n${rows}\n` });
    expect(error.errorCount).toBe(150);
    expect(error.errors).toHaveLength(100);
    expect(error.errors[0]).toMatchObject({ line: 2, field: 'birth_date' });
  });

  it('reads NDJSON as well as CSV', async () => {
    const files = validFiles();
    delete files['persons.csv'];
    files['persons.ndjson'] =
      '{"person_id":"P1","birth_date":"1990-04-01"}\n{"person_id":"P2","birth_date":"1985-12-24"}\n\n{"person_id":"P3","birth_date":"2001-07-15"}\n';
    const result = await importFiles(files);
    expect(result.kinds.find((k) => k.kind === 'persons')?.rowsStored).toBe(3);
  });
});
