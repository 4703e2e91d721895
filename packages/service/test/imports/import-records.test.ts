import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDataDir } from '../../src/imports/import-data-dir.ts';
import { ImportError } from '../../src/imports/import-error.ts';
import { importRecords } from '../../src/imports/import-records.ts';
import { validFiles, writeDataDir } from '../support/contract-files.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  const files = validFiles();
  delete files['survey_responses.csv'];
  const data = await writeDataDir(files);
  await importDataDir(t.db, data.dir, { source: 'test' });
  await data.remove();
});
afterAll(() => t.close());

/** A body arriving in small chunks, split mid-line and mid-character, like a network stream. */
function chunked(text: string, size = 7): Readable {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
}

describe('importRecords (one kind, an HTTP body)', () => {
  it('stores a CSV body streamed in pieces, quoted newlines included', async () => {
    const body =
      'complaint_id,offer_id,received_on,category\nC2,OF1,2024-03-01,"ventetid\nog ærgrelse"\nC3,OF2,2024-03-02,\n';
    const result = await importRecords(t.db, 'complaints', chunked(body), { format: 'csv', source: 'http' });
    expect(result.rowsStored).toBe(2);
    const c2 = await t.db
      .selectFrom('complaints')
      .selectAll()
      .where('complaint_id', '=', 'C2')
      .executeTakeFirstOrThrow();
    expect(c2.category).toBe('ventetid\nog ærgrelse');
  });

  it('stores an NDJSON body', async () => {
    const body = '{"response_id":"S1","enrollment_id":"E1","answered_on":"2024-04-02","satisfaction":5}\n';
    const result = await importRecords(t.db, 'survey_responses', chunked(body), {
      format: 'ndjson',
      source: 'http',
    });
    expect(result.rowsStored).toBe(1);
  });

  it('names the body line of a bad row after a multi-line field, and stores nothing', async () => {
    const body = 'complaint_id,offer_id,received_on,category\nC4,OF1,2024-03-01,"a\nb"\nC5,OF1,2024-13-01,\n';
    const error = await importRecords(t.db, 'complaints', chunked(body), {
      format: 'csv',
      source: 'http',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).errors).toEqual([
      expect.objectContaining({ file: 'complaints', line: 4, field: 'received_on' }),
    ]);
    expect(
      await t.db.selectFrom('complaints').select('complaint_id').where('complaint_id', '=', 'C4').execute(),
    ).toEqual([]);
  });

  it('reports a broken JSON line and a row of the wrong shape', async () => {
    const broken = await importRecords(t.db, 'complaints', chunked('{"complaint_id":"C6"\n'), {
      format: 'ndjson',
      source: 'http',
    }).then(
      () => expect.unreachable('accepted'),
      (e: unknown) => e as ImportError,
    );
    expect(broken.errors).toEqual([expect.objectContaining({ line: 1, message: 'is not valid JSON' })]);
    const short = await importRecords(
      t.db,
      'complaints',
      chunked('complaint_id,offer_id,received_on\nC7,OF1\n'),
      {
        format: 'csv',
        source: 'http',
      },
    ).then(
      () => expect.unreachable('accepted'),
      (e: unknown) => e as ImportError,
    );
    expect(short.errors).toEqual([expect.objectContaining({ line: 2, field: '' })]);
  });
});
