import { CsvError, parse } from 'csv-parse/sync';
import { errorCode } from '../error-fields.ts';
import { DataDirError } from './data-dir-error.ts';
import { textChunks } from './text-chunks.ts';

/** Rows of a CSV file and the line each starts on (the header row is row 0, line 1). */
export interface CsvBatch {
  rows: string[][];
  lines: number[];
}

/**
 * Reads an RFC 4180 CSV file in batches, with the line number each record starts on. Empty
 * lines are skipped (but counted). Speed: text without any `"` is split by hand (a plain split
 * is exact there); any stretch of text containing a quote goes through csv-parse, cut only at
 * record boundaries so quoted commas and newlines are always parsed by csv-parse.
 *
 * @example
 * for await (const { rows, lines } of readCsvRows('/tmp/d/persons.csv', 'persons.csv')) { ... }
 */
export async function* readCsvRows(
  source: string | AsyncIterable<string>,
  name: string,
): AsyncGenerator<CsvBatch> {
  let carry = '';
  let line = 1;
  // A path, or text already decoded (an HTTP body, BOM removed: see imports/raw-rows.ts).
  for await (const chunk of typeof source === 'string' ? textChunks(source) : source) {
    const text = carry + chunk;
    const cut = lastRecordEnd(text);
    if (cut < 0) {
      carry = text;
      continue;
    }
    carry = text.slice(cut + 1);
    const batch = parseCsvSegment(text.slice(0, cut + 1), line, name);
    line = batch.nextLine;
    if (batch.rows.length > 0) yield batch;
  }
  if (carry !== '') {
    const batch = parseCsvSegment(carry, line, name);
    if (batch.rows.length > 0) yield batch;
  }
}

/** Index of the last `\n` that is outside quotes, or −1. */
export function lastRecordEnd(text: string): number {
  if (text.indexOf('"') < 0) return text.lastIndexOf('\n');
  let inQuotes = false;
  let last = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (c === NEWLINE && !inQuotes) last = i;
  }
  return last;
}

const QUOTE = 34;
const NEWLINE = 10;
const CR = 13;

/** Parses CSV text that holds complete records only, numbering lines from `firstLine`. */
export function parseCsvSegment(
  text: string,
  firstLine: number,
  name: string,
): CsvBatch & { nextLine: number } {
  return text.indexOf('"') < 0 ? splitPlain(text, firstLine) : parseQuoted(text, firstLine, name);
}

function splitPlain(text: string, firstLine: number): CsvBatch & { nextLine: number } {
  const rows: string[][] = [];
  const lines: number[] = [];
  let line = firstLine;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    const next = end < 0 ? text.length : end + 1;
    if (end < 0) end = text.length;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    if (end > start) {
      // Fields straight from the segment: no intermediate line string.
      const row: string[] = [];
      let from = start;
      for (let comma = text.indexOf(',', from); comma >= 0 && comma < end; comma = text.indexOf(',', from)) {
        row.push(text.slice(from, comma));
        from = comma + 1;
      }
      row.push(text.slice(from, end));
      rows.push(row);
      lines.push(line);
    }
    line++;
    start = next;
  }
  return { rows, lines, nextLine: line };
}

function parseQuoted(text: string, firstLine: number, name: string): CsvBatch & { nextLine: number } {
  let rows: string[][];
  try {
    rows = parse(text, {
      // As splitPlain: LF or CRLF ends a record, even mixed in one file (else a lone LF after
      // CRLF lines ends up inside the last field).
      record_delimiter: ['\r\n', '\n'],
      skip_empty_lines: true,
      relax_column_count: true,
    });
  } catch (error) {
    const code = errorCode(error);
    // csv-parse's errors carry the count of records parsed before the bad one.
    const parsed = error instanceof CsvError && typeof error.records === 'number' ? error.records : undefined;
    // An unclosed quote can only be in the file's last record, which starts this segment;
    // otherwise the bad record is the one after those parsed.
    const unclosed = code === 'CSV_QUOTE_NOT_CLOSED';
    const bad = unclosed || parsed === undefined ? undefined : recordStartLines(text, firstLine)[parsed];
    throw new DataDirError('invalid-data', [
      {
        file: name,
        line: bad ?? firstLine,
        field: '',
        message: unclosed
          ? 'has a quote that is never closed'
          : 'is not valid CSV (RFC 4180): check the quotes',
      },
    ]);
  }
  // csv-parse's own line count is off after a CRLF inside quotes (it counts it twice), so the
  // start lines come from our own scan, which skips empty lines exactly as csv-parse does.
  const starts = recordStartLines(text, firstLine);
  const lines = rows.map((_, i) => starts[i] ?? firstLine);
  // The segment ends with a newline (or the end of the file): the next segment starts after it.
  let newlines = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) newlines++;
  return { rows, lines, nextLine: firstLine + newlines };
}

/**
 * The line each non-empty record of `text` starts on: lines are counted on every LF, records
 * end only at an LF outside quotes, and empty lines (LF or CRLF alone) hold no record.
 */
function recordStartLines(text: string, firstLine: number): number[] {
  const starts: number[] = [];
  let line = firstLine;
  let inQuotes = false;
  let atStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (atStart) {
      if (c === NEWLINE) {
        line++;
        continue;
      }
      if (c === CR && text.charCodeAt(i + 1) === NEWLINE) continue;
      starts.push(line);
      atStart = false;
    }
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (c === NEWLINE) {
      line++;
      if (!inQuotes) atStart = true;
    }
  }
  return starts;
}
