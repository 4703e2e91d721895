import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COPY_CHUNK_BYTES, CopyChunk } from '../../src/imports/copy-chunk.ts';

/** What the rows are as text: the line, the fields tab-separated, a newline each. */
const asText = (rows: [number, string[]][]) =>
  rows.map(([line, fields]) => [line, ...fields].join('\t') + '\n').join('');

describe('CopyChunk', () => {
  it('writes rows as UTF-8 COPY text: ASCII, Danish letters, emoji, empty fields', () => {
    const chunk = new CopyChunk();
    const rows: [number, string[]][] = [
      [2, ['P1', '1990-04-01']],
      [3, ['OF1', 'Rengøringskursus – Ærø', '']],
      [4, ['😀 tak', '\\N']],
    ];
    for (const [line, fields] of rows) chunk.add(line, fields);
    expect(chunk.take().toString('utf8')).toBe(asText(rows));
    expect(chunk.size).toBe(0);
  });

  it('refuses a row that does not fit beside the rows it holds, and holds it once empty', () => {
    const chunk = new CopyChunk();
    expect(chunk.add(2, ['short'])).toBe(true);
    const long = 'å'.repeat(COPY_CHUNK_BYTES);
    expect(chunk.add(3, [long])).toBe(false);
    expect(chunk.take().toString('utf8')).toBe(asText([[2, ['short']]]));
    expect(chunk.add(3, [long])).toBe(true);
    expect(chunk.take().toString('utf8')).toBe(asText([[3, [long]]]));
  });

  it('gives the bytes of the rows as text, for any text (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 6 })), {
          maxLength: 30,
        }),
        (rows) => {
          const chunk = new CopyChunk();
          for (const [line, fields] of rows) chunk.add(line, fields);
          expect(chunk.take().equals(Buffer.from(asText(rows), 'utf8'))).toBe(true);
        },
      ),
    );
  });

  it('forgets what clear() drops', () => {
    const chunk = new CopyChunk();
    chunk.add(2, ['a']);
    chunk.clear();
    chunk.add(3, ['b']);
    expect(chunk.take().toString()).toBe('3\tb\n');
  });
});
