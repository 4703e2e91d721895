import { describe, expect, it } from 'vitest';
import { COPY_NULL, forEachCopyRow } from '../../src/db/copy-text-rows.ts';

/** Every row as field values (null for NULL), the bytes decoded as UTF-8. */
async function rowsOf(chunks: Buffer[], fields: number): Promise<(string | null)[][]> {
  const rows: (string | null)[][] = [];
  async function* stream() {
    yield* chunks;
  }
  const count = await forEachCopyRow(stream(), fields, (b, s, e) => {
    const row: (string | null)[] = [];
    for (let f = 0; f < fields; f++) row.push(e[f] === COPY_NULL ? null : b.toString('utf8', s[f], e[f]));
    rows.push(row);
  });
  expect(count).toBe(rows.length);
  return rows;
}

// What PostgreSQL's COPY TO writes in text format for these values (escapes as the server makes them).
const OUTPUT = Buffer.from(
  'P1\t-3456\t\\N\n' +
    'P\\\\2\tx\\ty\tline\\nbreak\n' +
    'Søren\t\t\\\\N\n' +
    'o\\101\\x42\t\\r\\b\\f\\v\t\\N\n',
  'utf8',
);
const EXPECTED = [
  ['P1', '-3456', null],
  ['P\\2', 'x\ty', 'line\nbreak'],
  ['Søren', '', '\\N'],
  ['oAB', '\r\b\f\v', null],
];

describe('forEachCopyRow', () => {
  it('splits rows and fields, marks \\N as NULL and decodes every other escape', async () => {
    expect(await rowsOf([OUTPUT], 3)).toEqual(EXPECTED);
  });

  it('gives the same rows however the output is cut into chunks', async () => {
    for (let cut = 1; cut < OUTPUT.length; cut++) {
      expect(await rowsOf([OUTPUT.subarray(0, cut), OUTPUT.subarray(cut)], 3)).toEqual(EXPECTED);
    }
  });

  it('refuses a row with another number of fields, and output that stops inside a row', async () => {
    await expect(rowsOf([Buffer.from('a\tb\n')], 3)).rejects.toThrow('COPY row with 2 fields, expected 3');
    await expect(rowsOf([Buffer.from('a\tb\tc\td\n')], 3)).rejects.toThrow('more than 3 fields');
    await expect(rowsOf([Buffer.from('a\tb\tc')], 3)).rejects.toThrow('ended inside a row');
  });
});
