import {
  compileCsvParser,
  parseRecord,
  recordFields,
  type RecordKind,
  type RecordsByKind,
} from '@evg/effects';
import { readCsvRows } from './csv-rows.ts';
import type { IssueCollector } from './data-dir-error.ts';
import { readNdjsonRows } from './ndjson-rows.ts';
import type { RecordFile } from './record-files.ts';

/** Valid records of one file and the line each came from. */
export interface RecordBatch<K extends RecordKind> {
  records: RecordsByKind[K][];
  lines: number[];
}

/**
 * Reads and validates one record file in batches. Bad rows are reported to `issues` (file,
 * line, field) and left out; the caller decides what a bad row means (for `evg effects`:
 * nothing is printed). An unknown CSV column is reported once, on line 1, and the file's rows
 * are skipped: every one of them would carry the same problem.
 *
 * @example
 * for await (const { records, lines } of readRecords(file, issues)) { ... }
 */
export async function* readRecords<K extends RecordKind>(
  file: RecordFile & { kind: K },
  issues: IssueCollector,
): AsyncGenerator<RecordBatch<K>> {
  if (file.format === 'ndjson') {
    for await (const { values, lines } of readNdjsonRows(file.path, file.name)) {
      yield validate(file, values, lines, issues);
    }
    return;
  }
  let rowsToRecords: CsvRecordReader<K> | null = null;
  for await (const { rows, lines } of readCsvRows(file.path, file.name)) {
    let first = 0;
    if (rowsToRecords === null) {
      first = 1;
      rowsToRecords = csvRecordReader(file, rows[0] ?? [], issues);
      if (rowsToRecords === null) return;
    }
    yield rowsToRecords(rows, lines, first);
  }
}

/** Turns parsed CSV rows (from `first` on) into records, reporting bad rows. */
export type CsvRecordReader<K extends RecordKind> = (
  rows: string[][],
  lines: number[],
  first: number,
) => RecordBatch<K>;

/**
 * The row-to-record step of a CSV file with this header, or null (with issues reported) when
 * the header has unknown or repeated columns.
 */
export function csvRecordReader<K extends RecordKind>(
  file: RecordFile & { kind: K },
  header: string[],
  issues: IssueCollector,
): CsvRecordReader<K> | null {
  if (!checkHeader(file, header, issues)) return null;
  const fast = compileCsvParser(file.kind, header);
  return (rows, lines, first) => {
    const records: RecordsByKind[K][] = [];
    const recordLines: number[] = [];
    for (let i = first; i < rows.length; i++) {
      const row = rows[i];
      const line = lines[i];
      // Rows and lines come in pairs, so both are there.
      if (row === undefined || line === undefined) continue;
      if (row.length !== header.length) {
        const message = `has ${row.length} fields but the header has ${header.length}`;
        issues.add({ file: file.name, line, field: '', message });
        continue;
      }
      // The fast path accepts only rows the zod schema accepts; anything else gets zod's verdict.
      let record = fast(row);
      if (record === undefined) {
        const raw: Record<string, string> = {};
        header.forEach((column, j) => (raw[column] = row[j] ?? ''));
        record = check(file, raw, line, issues);
      }
      if (record !== undefined) {
        records.push(record);
        recordLines.push(line);
      }
    }
    return { records, lines: recordLines };
  };
}

function checkHeader(file: RecordFile, header: string[], issues: IssueCollector): boolean {
  const known = new Set(recordFields[file.kind]);
  const seen = new Set<string>();
  let ok = true;
  for (const column of header) {
    if (!known.has(column)) {
      issues.add({ file: file.name, line: 1, field: column, message: `is not a column of ${file.kind}` });
      ok = false;
    } else if (seen.has(column)) {
      issues.add({ file: file.name, line: 1, field: column, message: 'appears twice in the header' });
      ok = false;
    }
    seen.add(column);
  }
  return ok;
}

function validate<K extends RecordKind>(
  file: RecordFile & { kind: K },
  raws: unknown[],
  rawLines: number[],
  issues: IssueCollector,
): RecordBatch<K> {
  const records: RecordsByKind[K][] = [];
  const lines: number[] = [];
  for (let i = 0; i < raws.length; i++) {
    const line = rawLines[i];
    // Values and lines come in pairs, so the line is there.
    if (line === undefined) continue;
    const record = check(file, raws[i], line, issues);
    if (record !== undefined) {
      records.push(record);
      lines.push(line);
    }
  }
  return { records, lines };
}

/** parseRecord's verdict on one raw row: the record, or its issues reported and undefined. */
function check<K extends RecordKind>(
  file: RecordFile & { kind: K },
  raw: unknown,
  line: number,
  issues: IssueCollector,
): RecordsByKind[K] | undefined {
  const result = parseRecord(file.kind, raw);
  if (result.ok) return result.record;
  for (const { field, message } of result.issues) issues.add({ file: file.name, line, field, message });
  return undefined;
}
