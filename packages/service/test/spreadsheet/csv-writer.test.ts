import type { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { neutraliseFormula, tableCsvStream } from '../../src/spreadsheet/csv-writer.ts';
import type { Table } from '../../src/spreadsheet/table.ts';

// Bytes as written: a TextDecoder (stream/consumers' text()) would drop the BOM.
const text = async (stream: Readable) => (await buffer(stream)).toString('utf8');

const table = (rows: (string | number | boolean | null)[][]): Table => ({
  columns: [
    { key: 'offerId', heading: 'Tilbud-id', kind: 'text' },
    { key: 'offerName', heading: 'Tilbud', kind: 'text' },
    { key: 'effect3m_rate', heading: 'andel', kind: 'share' },
    { key: 'effect3m_suppressed', heading: 'skjult', kind: 'boolean' },
  ],
  rows,
});

describe('the CSV writer of every export', () => {
  it.each(["=cmd|' /C calc'!A0", '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '\uFF1D1'])(
    'neutralises the text %j so no spreadsheet runs it',
    async (hostile) => {
      const csv = await text(tableCsvStream(table([[hostile, hostile, 0.5, false]])));
      const [record] = parse(csv, { columns: true }) as Record<string, string>[];
      expect(record!.offerId).toBe(`'${hostile}`);
      expect(record!.offerName).toBe(`'${hostile}`);
    },
  );

  it('writes negative numbers as numbers in both dialects, not as guarded text', async () => {
    const rows = table([['T1', 'Navn', -0.01, true]]);
    expect((await text(tableCsvStream(rows))).split('\r\n')[1]).toBe('T1,Navn,-0.01,true');
    expect((await text(tableCsvStream(rows, 'excel-da'))).split('\r\n')[1]).toBe('T1;Navn;-0,01;true');
  });

  it('leaves ordinary text alone', () => {
    expect(neutraliseFormula('T-0001')).toBe('T-0001');
    expect(neutraliseFormula('Rengøring = service')).toBe('Rengøring = service');
  });

  it('rfc4180: comma, decimal point, CRLF, no BOM, quotes where needed', async () => {
    const csv = await text(
      tableCsvStream(
        table([
          ['T1', 'Lager, truck og "service"', 0.628, false],
          ['T2', null, null, true],
        ]),
      ),
    );
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
    expect(csv).toBe(
      'offerId,offerName,effect3m_rate,effect3m_suppressed\r\n' +
        'T1,"Lager, truck og ""service""",0.628,false\r\n' +
        'T2,,,true\r\n',
    );
  });

  it('excel-da: UTF-8 BOM, semicolon, decimal comma, a semicolon in text quoted', async () => {
    const csv = await text(tableCsvStream(table([['T1', 'Ærø; Fanø', 0.628, false]]), 'excel-da'));
    expect(csv).toBe(
      '\uFEFFofferId;offerName;effect3m_rate;effect3m_suppressed\r\nT1;"Ærø; Fanø";0,628;false\r\n',
    );
  });
});
