import { Readable } from 'node:stream';
import type { RecordKind } from '@evg/effects';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyPoolOf } from '../../src/db/copy-pool.ts';
import type { Database } from '../../src/db/database.ts';
import { evgTypeParsers } from '../../src/db/type-parsers.ts';
import { ImportError } from '../../src/imports/import-error.ts';
import { importRecords } from '../../src/imports/import-records.ts';
import { copyText } from '../../src/imports/staging.ts';
import { ENCODING_FRAGMENTS, SCRIPT_FRAGMENTS, SQL_FRAGMENTS } from '../support/hostile-values.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let t: TestDatabase;
/** The same database through a Kysely with no COPY pool: the INSERT path embedded PGlite takes. */
let insertPath: Kysely<Database>;
beforeAll(async () => {
  t = await createTestDatabase();
  insertPath = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: new pg.Pool({ connectionString: t.connectionString, max: 2, types: evgTypeParsers }),
    }),
  });
});
afterAll(async () => {
  await insertPath.destroy();
  await t.close();
});

const csvField = (value: string) => `"${value.replaceAll('"', '""')}"`;

/** Imports one CSV text of `kind`, as a test source. */
const importCsv = (db: Kysely<Database>, kind: RecordKind, text: string) =>
  importRecords(db, kind, Readable.from([text]), { format: 'csv', source: 'test' });

/** A provider and one offer of it, for records that refer to the offer. */
async function provideOffer(providerId: string, offerId: string): Promise<void> {
  await importCsv(t.db, 'providers', `provider_id,name,kind\n${providerId},A,external\n`);
  await importCsv(t.db, 'offers', `offer_id,provider_id,name,package\n${offerId},${providerId},K,jobpakke\n`);
}
/** Text that COPY's text format must escape, and values attackers send, without NUL (not text in PostgreSQL). */
const HOSTILE = [
  ...SQL_FRAGMENTS,
  ...SCRIPT_FRAGMENTS,
  // Lone surrogates are not text either: they arrive as U+FFFD on both paths.
  // Within the schema's length limit of a name (300 characters): longer ones are a 422 by design.
  ...ENCODING_FRAGMENTS.filter(
    (v) => v.trim() !== '' && !v.includes('\u0000') && Buffer.from(v).toString() === v && v.length <= 300,
  ),
  'tab\there',
  'back\\slash\\N',
  '\\N',
  'line\nbreak',
  'carriage\r\nreturn',
  'æøå ÆØÅ 😀',
];

describe('imports on a PostgreSQL server', () => {
  it('stage with COPY FROM STDIN (the server database has a COPY pool; the INSERT path has none)', () => {
    expect(copyPoolOf(t.db)).toBeDefined();
    expect(copyPoolOf(insertPath)).toBeUndefined();
  });

  it('store hostile text exactly as the INSERT path does', async () => {
    const body = (prefix: string) =>
      'complaint_id,offer_id,received_on,category\n' +
      HOSTILE.map((value, i) => `${prefix}${i},O1,2024-03-01,${csvField(value)}`).join('\n') +
      '\n';
    await provideOffer('PR1', 'O1');
    const viaCopy = await importCsv(t.db, 'complaints', body('C'));
    const viaInsert = await importCsv(insertPath, 'complaints', body('I'));
    expect(viaCopy.rowsStored).toBe(HOSTILE.length);
    expect(viaInsert.rowsStored).toBe(HOSTILE.length);
    const stored = await t.db.selectFrom('complaints').select(['complaint_id', 'category']).execute();
    const category = (id: string) => stored.find((r) => r.complaint_id === id)?.category;
    for (const [i, value] of HOSTILE.entries()) {
      expect(category(`C${i}`)).toBe(value);
      expect(category(`I${i}`)).toBe(value);
    }
  });

  it('store every row of a batch that fills several COPY chunks, each exactly', async () => {
    await provideOffer('PR9', 'O9');
    // About 1 MB of COPY text: rows that do not fit beside the others start the next chunk.
    const category = (i: number) => `kategori ${i} ${'æø\t'.repeat(20 + (i % 40))}`;
    const rows = Array.from({ length: 6000 }, (_, i) => `K${i},O9,2024-03-01,${csvField(category(i))}`);
    const result = await importCsv(
      t.db,
      'complaints',
      'complaint_id,offer_id,received_on,category\n' + rows.join('\n') + '\n',
    );
    expect(result.rowsStored).toBe(6000);
    const stored = await t.db
      .selectFrom('complaints')
      .select(['complaint_id', 'category'])
      .where('offer_id', '=', 'O9')
      .execute();
    expect(stored).toHaveLength(6000);
    for (const row of stored) expect(row.category).toBe(category(Number(row.complaint_id.slice(1))));
  });

  it('roll back a COPY broken off mid-stream, storing nothing, and keep the pool usable', async () => {
    async function* failingBody() {
      yield 'person_id,birth_date\n';
      // Enough rows for the COPY to be under way when the body breaks off.
      for (let chunk = 0; chunk < 10; chunk++) {
        let text = '';
        for (let i = 0; i < 5000; i++) text += `PB${chunk}-${i},1980-01-01\n`;
        yield text;
      }
      throw new Error('client went away');
    }
    const failure = await importRecords(t.db, 'persons', failingBody(), {
      format: 'csv',
      source: 'test',
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ImportError);
    expect((failure as ImportError).code).toBe('import-failed');
    const persons = await t.db
      .selectFrom('persons')
      .select('person_id')
      .where('person_id', 'like', 'PB%')
      .execute();
    expect(persons).toEqual([]);
    const after = await importCsv(t.db, 'persons', 'person_id,birth_date\nPB-ok,1980-01-01\n');
    expect(after.rowsStored).toBe(1);
  });
});

describe('copyText', () => {
  it('writes null, booleans, numbers and escapes the delimiters of COPY text format', () => {
    expect(copyText(null)).toBe('\\N');
    expect(copyText(true)).toBe('t');
    expect(copyText(false)).toBe('f');
    expect(copyText(-12)).toBe('-12');
    expect(copyText('\\N')).toBe('\\\\N');
    expect(copyText('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyText('plain')).toBe('plain');
  });
});
