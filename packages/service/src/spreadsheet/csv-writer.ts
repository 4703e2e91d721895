import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Table, TableValue } from './table.ts';

/**
 * `rfc4180`: comma, decimal point, no BOM: for BI tools, DuckDB, Power BI and scripts.
 * `excel-da`: semicolon, decimal comma and a UTF-8 BOM: what Excel and LibreOffice with Danish
 * regional settings open by double-click with every number a number (0.628 → 0,628).
 * Both end records with CRLF and write booleans as `true`/`false`, null as an empty field.
 */
export const CSV_DIALECTS = ['rfc4180', 'excel-da'] as const;
export type CsvDialect = (typeof CSV_DIALECTS)[number];

/** Whether `value` names a CSV dialect (a flag or parameter as given). */
export function isCsvDialect(value: string): value is CsvDialect {
  return CSV_DIALECTS.some((dialect) => dialect === value);
}

const DIALECTS: Record<CsvDialect, { delimiter: string; decimal: string; bom: boolean }> = {
  rfc4180: { delimiter: ',', decimal: '.', bom: false },
  'excel-da': { delimiter: ';', decimal: ',', bom: true },
};

/**
 * A text value that a spreadsheet would run as a formula, made inert as OWASP recommends
 * (CSV injection): a leading `=`, `+`, `-`, `@`, tab or CR (and their full-width forms, which
 * some spreadsheets normalise) gets a `'` in front. Only text is guarded: numbers such as -0.01
 * are written as numbers.
 * @example neutraliseFormula("=cmd|' /C calc'!A0") // "'=cmd|' /C calc'!A0"
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(text) ? `'${text}` : text;
}

/** A number in the dialect: plain digits (no exponent, no thousands separator). */
function formatNumber(value: number, decimal: string): string {
  // Rounded table values are short; toString gives exponents only below 1e-6, never reached.
  const text = Number.isFinite(value) ? String(value) : '';
  return decimal === '.' ? text : text.replace('.', decimal);
}

/**
 * The one CSV writer of effect tables and other exports, for the API (`?format=csv`) and the
 * CLI (`evg effects --format csv`) alike: header row, CRLF records, formula-safe text, streamed
 * row by row so a large table never sits in memory as one string.
 *
 * @example
 *   reply.type('text/csv; charset=utf-8').send(tableCsvStream(table, 'excel-da'));
 */
export function tableCsvStream(table: Table, dialect: CsvDialect = 'rfc4180'): Readable {
  const { delimiter, decimal, bom } = DIALECTS[dialect];
  const cell = (value: TableValue): string => {
    if (value === null) return '';
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (typeof value === 'number') return formatNumber(value, decimal);
    return neutraliseFormula(value);
  };
  const stringifier = stringify({ delimiter, record_delimiter: '\r\n', bom });
  const records = function* () {
    yield table.columns.map((column) => neutraliseFormula(column.key));
    for (const row of table.rows) yield row.map(cell);
  };
  return Readable.from(records()).pipe(stringifier);
}
