import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRecordWriter, csvLine } from '../../src/data-dir/record-writer.ts';

describe('record writer', () => {
  it('quotes CSV fields per RFC 4180 so csv-parse reads back every value', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 5 }), (values) => {
        const fields = values.map((_, i) => `f${i}`);
        const row = Object.fromEntries(fields.map((field, i) => [field, values[i] as string]));
        const parsed = parse(csvLine(fields, row), { relax_quotes: false }) as string[][];
        // csv-parse reads an all-empty single-column line as no record at all.
        if (values.every((v) => v === '') && values.length === 1) return;
        expect(parsed).toEqual([values]);
      }),
    );
  });

  it('writes nulls as empty CSV fields and code lists joined by ;', () => {
    expect(csvLine(['a', 'b', 'c', 'd'], { a: null, b: ['x', 'y'], c: true, d: 25000 })).toBe(
      ',x;y,true,25000\n',
    );
  });

  it('writes a header in contract order for CSV and one object per line for NDJSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'evg-writer-'));
    for (const format of ['csv', 'ndjson'] as const) {
      const writer = createRecordWriter(dir, 'persons', format);
      await writer.write({ birth_date: '1990-01-01', person_id: 'P1' });
      await writer.close();
    }
    expect(await readFile(join(dir, 'persons.csv'), 'utf8')).toBe('person_id,birth_date\nP1,1990-01-01\n');
    expect(await readFile(join(dir, 'persons.ndjson'), 'utf8')).toBe(
      '{"person_id":"P1","birth_date":"1990-01-01"}\n',
    );
    await rm(dir, { recursive: true, force: true });
  });
});
