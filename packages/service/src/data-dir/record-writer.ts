import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { recordFields, type RecordKind } from '@evg/effects';
import type { DataFormat } from './record-files.ts';

/** A field value as written: codes lists become `a;b` in CSV and arrays in NDJSON. */
export type RawValue = string | number | boolean | null | readonly string[];
export type RawRow = Readonly<Record<string, RawValue>>;

/**
 * Writes one record kind's file of a data directory (`<kind>.csv` with a header row, or
 * `<kind>.ndjson`), buffered and with backpressure, so a million-person file never sits in
 * memory. Columns are the contract's fields in contract order; a missing field is empty/null.
 *
 * @example
 * const out = createRecordWriter('/tmp/d', 'persons', 'csv');
 * await out.write({ person_id: 'P0000001', birth_date: '1990-04-01' });
 * await out.close();
 */
export function createRecordWriter(dir: string, kind: RecordKind, format: DataFormat): RecordWriter {
  return new RecordWriter(join(dir, `${kind}.${format}`), recordFields[kind], format);
}

export class RecordWriter {
  private readonly stream: WriteStream;
  private buffer = '';
  rows = 0;

  constructor(
    path: string,
    private readonly fields: readonly string[],
    private readonly format: DataFormat,
  ) {
    this.stream = createWriteStream(path);
    if (format === 'csv') this.buffer = fields.join(',') + '\n';
  }

  /** Appends a row; the returned promise resolves at once unless the disk is behind. */
  write(row: RawRow): Promise<void> | undefined {
    this.buffer += this.format === 'csv' ? csvLine(this.fields, row) : ndjsonLine(this.fields, row);
    this.rows++;
    return this.buffer.length >= FLUSH_AT ? this.flush() : undefined;
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'close');
  }

  private async flush(): Promise<void> {
    const text = this.buffer;
    this.buffer = '';
    if (text !== '' && !this.stream.write(text)) await once(this.stream, 'drain');
  }
}

const FLUSH_AT = 1 << 18;

/** One CSV record (RFC 4180): fields with a comma, quote or line break are quoted, quotes doubled. */
export function csvLine(fields: readonly string[], row: RawRow): string {
  let line = '';
  let separator = '';
  for (const field of fields) {
    line += separator + csvField(row[field]);
    separator = ',';
  }
  return line + '\n';
}

function csvField(value: RawValue | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : Array.isArray(value) ? value.join(';') : String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const NEEDS_QUOTES = /[",\r\n]/;

function ndjsonLine(fields: readonly string[], row: RawRow): string {
  const out: Record<string, RawValue> = {};
  for (const field of fields) out[field] = row[field] ?? null;
  return JSON.stringify(out) + '\n';
}
