import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsvRows } from '../../src/data-dir/csv-rows.ts';
import { DataDirError } from '../../src/data-dir/data-dir-error.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'evg-csv-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function read(text: string): Promise<{ rows: string[][]; lines: number[] }> {
  const path = join(dir, `f${Math.random().toString(36).slice(2)}.csv`);
  await writeFile(path, text);
  const rows: string[][] = [];
  const lines: number[] = [];
  for await (const batch of readCsvRows(path, 'f.csv')) {
    rows.push(...batch.rows);
    lines.push(...batch.lines);
  }
  return { rows, lines };
}

describe('readCsvRows', () => {
  it('reads quoted commas, quotes and newlines, with the line each record starts on', async () => {
    const text = 'a,b,c\n1,"x, y",z\n2,"two\nlines",w\n3,"say ""hi""",v\n4,p,q\n';
    expect(await read(text)).toEqual({
      rows: [
        ['a', 'b', 'c'],
        ['1', 'x, y', 'z'],
        ['2', 'two\nlines', 'w'],
        ['3', 'say "hi"', 'v'],
        ['4', 'p', 'q'],
      ],
      lines: [1, 2, 3, 5, 6],
    });
  });

  it('skips empty lines but counts them, handles CRLF, a BOM and a missing final newline', async () => {
    expect(await read('\ufeffa,b\r\n1,2\r\n\r\n3,4')).toEqual({
      rows: [
        ['a', 'b'],
        ['1', '2'],
        ['3', '4'],
      ],
      lines: [1, 2, 4],
    });
  });

  it('keeps empty fields as empty strings', async () => {
    expect((await read('a,b,c\n,,\n1,,3\n')).rows.slice(1)).toEqual([
      ['', '', ''],
      ['1', '', '3'],
    ]);
  });

  it('agrees with csv-parse and with true line numbers across chunk boundaries', async () => {
    // About 3 MB, so records with quoted newlines straddle the reader's chunk boundaries.
    const records: string[][] = [['id', 'text', 'n']];
    for (let i = 0; i < 40_000; i++) {
      const text =
        i % 7 === 0 ? `line one, ${i}\nline "two"` : i % 5 === 0 ? `plain ${i}` : 'x'.repeat(i % 60);
      records.push([`P${i}`, text, String(i)]);
    }
    const quote = (field: string) => (/[",\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field);
    const text = records.map((record) => record.map(quote).join(',')).join('\n') + '\n';
    const expectedLines: number[] = [];
    let line = 1;
    for (const record of records) {
      expectedLines.push(line);
      line += record.join(',').split('\n').length - 1 + 1;
    }
    const got = await read(text);
    expect(got.rows).toEqual(parse(text, { relax_column_count: true }));
    expect(got.lines).toEqual(expectedLines);
  });

  it('numbers lines right after a CRLF inside quotes', async () => {
    const text = 'a,b\r\n1,"x\r\ny"\r\n2,3\r\n3,"p\r\nq\r\nr"\r\n\r\n4,5\r\n';
    expect(await read(text)).toEqual({
      rows: [
        ['a', 'b'],
        ['1', 'x\r\ny'],
        ['2', '3'],
        ['3', 'p\r\nq\r\nr'],
        ['4', '5'],
      ],
      lines: [1, 2, 4, 5, 9],
    });
  });

  it('reports an unclosed quote with the file and line', async () => {
    const error = await read('a,b\n1,2\n3,"oops\n4,5\n').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataDirError);
    expect((error as DataDirError).issues[0]).toMatchObject({ file: 'f.csv', line: 3 });
  });

  it('reports a quote in the middle of a field with its line', async () => {
    const error = await read('a,b\n1,2\n3,"x"y\n4,5\n').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataDirError);
    expect((error as DataDirError).issues[0]).toMatchObject({ file: 'f.csv', line: 3 });
  });
});
