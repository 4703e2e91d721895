import { StringDecoder } from 'node:string_decoder';
import { compileCsvParser, recordFields, type RecordKind } from '@evg/effects';
import { readCsvRows } from '../data-dir/csv-rows.ts';
import { DataDirError } from '../data-dir/data-dir-error.ts';
import type { RowIssue } from '../data-dir/data-dir-error.ts';

export type ImportFormat = 'csv' | 'ndjson';

/**
 * Rows of a batch: CSV rows the fast path (`compileCsvParser`, which agrees with the zod
 * schemas) accepted as records, and raw rows (field name → value, not yet validated: NDJSON,
 * and CSV rows the fast path left to zod), each with the line it starts on.
 */
export interface RawBatch {
  /** Valid records already (their person ids are not CPR-like, so need no pseudonym). */
  records: unknown[];
  recordLines: number[];
  raws: Record<string, unknown>[];
  lines: number[];
  /** Rows that could not even be read as rows (bad JSON, wrong field count, bad header). */
  issues: RowIssue[];
}

const BATCH_ROWS = 5000;

/** Any byte or text stream: a file stream, an HTTP request body, an array of strings in tests. */
export type ByteSource = AsyncIterable<Buffer | Uint8Array | string>;

/**
 * Reads a CSV or NDJSON body of one record kind into raw rows in batches, streaming: memory
 * stays flat however large the body. Row-shape problems are reported, never thrown; what
 * follows a broken JSON line or a bad header is skipped, since it cannot be trusted.
 *
 * @example
 * for await (const { raws, lines, issues } of readRawRows(createReadStream(p), 'csv', 'persons', 'persons.csv')) {}
 */
export function readRawRows(
  input: ByteSource,
  format: ImportFormat,
  kind: RecordKind,
  file: string,
): AsyncGenerator<RawBatch> {
  return format === 'csv' ? csvRows(input, kind, file) : ndjsonRows(input, kind, file);
}

async function* csvRows(input: ByteSource, kind: RecordKind, file: string): AsyncGenerator<RawBatch> {
  let header: string[] | null = null;
  let fast: ((values: readonly string[]) => unknown) | null = null;
  let batch = emptyBatch();
  try {
    // The data-dir reader: hand-split where there are no quotes, csv-parse where there are.
    for await (const { rows, lines } of readCsvRows(decodeText(input), file)) {
      for (let r = 0; r < rows.length; r++) {
        const record = rows[r] as string[];
        const line = lines[r] as number;
        if (header === null) {
          header = record;
          const issues = checkHeader(kind, file, header);
          if (issues.length > 0) {
            yield { ...emptyBatch(), issues };
            return;
          }
          fast = compileCsvParser(kind, header);
          continue;
        }
        if (record.length !== header.length) {
          const message = `has ${record.length} fields but the header has ${header.length}`;
          batch.issues.push({ file, line, field: '', message });
          continue;
        }
        const parsed = (fast as (values: readonly string[]) => unknown)(record);
        if (parsed !== undefined) {
          batch.records.push(parsed);
          batch.recordLines.push(line);
          continue;
        }
        const raw: Record<string, unknown> = {};
        for (let i = 0; i < header.length; i++) raw[header[i] as string] = record[i];
        batch.raws.push(raw);
        batch.lines.push(line);
      }
      if (batch.raws.length + batch.records.length >= BATCH_ROWS) {
        yield batch;
        batch = emptyBatch();
      }
    }
  } catch (error) {
    if (!(error instanceof DataDirError)) throw error;
    batch.issues.push(...error.issues);
  }
  yield batch;
}

/** UTF-8 text of a byte stream, characters never split across chunks, BOM removed. */
async function* decodeText(input: ByteSource): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let first = true;
  for await (const chunk of input) {
    let text =
      typeof chunk === 'string'
        ? chunk
        : decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if (first && text !== '') {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (text !== '') yield text;
  }
  const rest = decoder.end();
  if (rest !== '') yield rest;
}

function emptyBatch(): RawBatch {
  return { records: [], recordLines: [], raws: [], lines: [], issues: [] };
}

function checkHeader(kind: RecordKind, file: string, header: string[]): RowIssue[] {
  const known = new Set(recordFields[kind]);
  const seen = new Set<string>();
  const issues: RowIssue[] = [];
  for (const column of header) {
    if (!known.has(column))
      issues.push({ file, line: 1, field: column, message: `is not a column of ${kind}` });
    else if (seen.has(column))
      issues.push({ file, line: 1, field: column, message: 'appears twice in the header' });
    seen.add(column);
  }
  return issues;
}

async function* ndjsonRows(input: ByteSource, _kind: RecordKind, file: string): AsyncGenerator<RawBatch> {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let line = 0;
  let batch = emptyBatch();
  // Returns false when a line is broken: the rest of the body is not read.
  const take = (text: string): boolean => {
    line++;
    const trimmed = text.trim();
    if (trimmed === '') return true;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      batch.issues.push({ file, line, field: '', message: 'is not valid JSON' });
      return false;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      batch.issues.push({ file, line, field: '', message: 'must be a JSON object with named fields' });
    } else {
      batch.raws.push(value as Record<string, unknown>);
      batch.lines.push(line);
    }
    return true;
  };
  for await (const chunk of input) {
    const text = carry + (typeof chunk === 'string' ? chunk : decoder.write(Buffer.from(chunk)));
    const parts = text.split('\n');
    carry = parts.pop() ?? '';
    for (const part of parts) {
      if (!take(part)) {
        yield batch;
        return;
      }
    }
    if (batch.raws.length >= BATCH_ROWS) {
      yield batch;
      batch = emptyBatch();
    }
  }
  take(carry + decoder.end());
  yield batch;
}
