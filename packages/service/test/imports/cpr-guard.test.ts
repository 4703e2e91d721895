import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDataDir } from '../../src/imports/import-data-dir.ts';
import { ImportError } from '../../src/imports/import-error.ts';
import { validFiles, writeDataDir, type ContractFiles } from '../support/contract-files.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

const CPR_A = '0101901234';
const CPR_B = '241285-4321';
const KEY = 'test-secret-key';

/** The valid directory with two persons identified by CPR numbers (one with the dash). */
function filesWithCpr(): ContractFiles {
  const files = validFiles();
  const swap = (text: string) => text.replaceAll('P1,', `${CPR_A},`).replaceAll('P2,', `${CPR_B},`);
  for (const name of ['persons.csv', 'benefit_periods.csv', 'enrollments.csv']) {
    files[name] = swap(files[name] as string);
  }
  return files;
}

async function run(files: ContractFiles, options: { pseudonymise?: boolean; pseudonymKey?: string }) {
  const data = await writeDataDir(files);
  try {
    return await importDataDir(t.db, data.dir, { source: 'test', ...options });
  } catch (error) {
    return error as ImportError;
  } finally {
    await data.remove();
  }
}

/** Every text value of every table in the database, as one string. */
async function everyStoredText(): Promise<string> {
  const { rows: tables } = await sql<{ name: string }>`
    SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS name
    FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(t.db);
  const parts: string[] = [];
  for (const { name } of tables) {
    const { rows } = await sql.raw<{ t: string }>(`SELECT t::text AS t FROM ${name} t`).execute(t.db);
    parts.push(...rows.map((r) => r.t));
  }
  return parts.join('\n');
}

function expectNoCpr(text: string): void {
  for (const cpr of [CPR_A, CPR_B, CPR_B.replace('-', '')]) expect(text).not.toContain(cpr);
}

describe('CPR guard', () => {
  it('refuses CPR-like person ids without pseudonymisation, naming line and field but never the value', async () => {
    const error = await run(filesWithCpr(), {});
    expect(error).toBeInstanceOf(ImportError);
    const importError = error as ImportError;
    expect(importError.code).toBe('import-rejected');
    expect(importError.errors).toContainEqual(
      expect.objectContaining({ file: 'persons.csv', line: 2, field: 'person_id' }),
    );
    expectNoCpr(JSON.stringify(importError.errors) + importError.message);
    expect(await t.db.selectFrom('persons').select('person_id').execute()).toEqual([]);
    expectNoCpr(await everyStoredText());
  });

  it('never echoes a CPR number that sits in a reference field', async () => {
    const files = validFiles();
    files['survey_responses.csv'] = `response_id,enrollment_id,answered_on\nS9,${CPR_A},2024-04-02\n`;
    const error = (await run(files, {})) as ImportError;
    expect(error.errors).toEqual([
      expect.objectContaining({ file: 'survey_responses.csv', line: 2, field: 'enrollment_id' }),
    ]);
    expectNoCpr(JSON.stringify(error.errors) + error.message);
    expectNoCpr(await everyStoredText());
  });

  it('refuses to pseudonymise without the server secret', async () => {
    const error = await run(filesWithCpr(), { pseudonymise: true });
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).code).toBe('pseudonym-key-missing');
    expect(await t.db.selectFrom('persons').select('person_id').execute()).toEqual([]);
  });

  it('stores HMAC pseudonyms, consistent across files and dash forms, and no CPR anywhere', async () => {
    const result = await run(filesWithCpr(), { pseudonymise: true, pseudonymKey: KEY });
    expect(result).not.toBeInstanceOf(ImportError);
    const persons = await t.db.selectFrom('persons').select('person_id').orderBy('person_id').execute();
    expect(persons).toHaveLength(3);
    const pseudonyms = persons.map((p) => p.person_id).filter((id) => id !== 'P3');
    for (const id of pseudonyms) expect(id).toMatch(/^[0-9a-f]{64}$/);
    // The enrollment of the first CPR person points at that person's pseudonym.
    const e1 = await t.db
      .selectFrom('enrollments')
      .select('person_id')
      .where('enrollment_id', '=', 'E1')
      .executeTakeFirstOrThrow();
    expect(pseudonyms).toContain(e1.person_id);
    expectNoCpr(await everyStoredText());

    // Same key, same pseudonym: re-importing changes nothing.
    const again = await run(filesWithCpr(), { pseudonymise: true, pseudonymKey: KEY });
    expect(again).toMatchObject({ rowsChanged: 0 });
  });
});
