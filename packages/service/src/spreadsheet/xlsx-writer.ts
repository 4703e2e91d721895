import writeXlsxFile, { type Cell, type Row, type SheetData } from 'write-excel-file/node';
import type { ColumnKind, Table, TableValue } from './table.ts';

/** The media type of an xlsx workbook. */
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Number formats per column kind. Format codes are locale-neutral: Excel and LibreOffice show
 * them with the reader's decimal mark, so 0.628 reads 62,8 % in Danish and 62.8% in English.
 */
const FORMATS: Partial<Record<ColumnKind, string>> = {
  integer: '0',
  share: '0.0%',
  ratio: '0.000',
  score: '0.00',
  dkk: '#,##0',
  decimal: '0.00',
};

/** One line of the "Om data" sheet: a label and its value. */
export interface AboutLine {
  label: string;
  value: string | number | Date | null;
}

export interface Workbook {
  /** The data sheet's name (at most 31 characters, Excel's limit). */
  sheet: string;
  table: Table;
  /** What the figures are: cut-off date, data version, disclosure, the query. */
  about: readonly AboutLine[];
}

function dataCell(kind: ColumnKind, value: TableValue): Cell {
  if (value === null) return null;
  // Strings are written as shared strings, never as formulas, so no formula guard is needed.
  if (typeof value === 'number') return { value, type: Number, format: FORMATS[kind] };
  if (typeof value === 'boolean') return { value, type: Boolean };
  return { value, type: String };
}

/** Excel's limit for a text cell; longer descriptions are cut rather than refused. */
const MAX_TEXT = 32_767;

/**
 * An xlsx workbook of one table and an "Om data" sheet: a bold, frozen Danish header row, real
 * numbers with shares formatted as percentages, and what the figures mean.
 *
 * @example
 *   const buffer = await tableXlsx({ sheet: 'Effekter', table, about: [{ label: 'Dataversion', value: 7 }] });
 */
export async function tableXlsx(workbook: Workbook): Promise<Buffer> {
  const { columns } = workbook.table;
  const data: SheetData = [
    columns.map((column) => ({ value: column.heading, fontWeight: 'bold', wrap: true })),
  ];
  for (const values of workbook.table.rows) {
    data.push(
      values.map((value, i) =>
        dataCell(columns[i]!.kind, typeof value === 'string' ? value.slice(0, MAX_TEXT) : value),
      ),
    );
  }
  const about: SheetData = workbook.about.map(({ label, value }): Row => [
    { value: label, fontWeight: 'bold' },
    value instanceof Date
      ? { value, type: Date, format: 'yyyy-mm-dd' }
      : typeof value === 'number'
        ? { value, type: Number }
        : value,
  ]);
  return writeXlsxFile([
    {
      data,
      sheet: workbook.sheet.slice(0, 31),
      stickyRowsCount: 1,
      columns: columns.map((column) => ({ width: column.kind === 'text' ? 24 : 14 })),
    },
    { data: about, sheet: 'Om data', columns: [{ width: 30 }, { width: 90 }] },
  ]).toBuffer();
}
