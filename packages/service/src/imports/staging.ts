import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import { from as copyFrom, type CopyStreamQuery } from 'pg-copy-streams';
import type { Database } from '../db/database.ts';
import {
  analyzeStagingTable,
  copyIntoStagingTable,
  createStagingTable,
  insertStagedRows,
  latestStaged,
} from './import-sql.ts';
import { COPY_CHUNK_BYTES, CopyChunk } from './copy-chunk.ts';
import type { ColumnSpec } from './kind-specs.ts';

const FLUSH_ROWS = 10_000;

/**
 * A temporary table (dropped at commit) that receives validated rows in bulk. On a PostgreSQL
 * server (a `copy` client given) rows stream in with COPY FROM STDIN in text format, while
 * the next rows are parsed; otherwise (pglite-socket has no COPY) each flush sends one typed
 * array per column and inserts them with `unnest`, one statement for ten thousand rows. Every
 * row keeps its source line, so later set-based checks can name it.
 *
 * A COPY occupies its connection: nothing else may run on it until `flush(true)` ends it, so
 * one staging table at a time uses it (`copy` null for the others).
 */
export class StagingTable<R> {
  private lines: number[] = [];
  private values: unknown[][];
  /** The insert in flight: parsing the next rows overlaps with the server storing these. */
  private pending: Promise<void> = Promise.resolve();
  private stream: CopyStreamQuery | null = null;
  private chunk: CopyChunk | null = null;
  /** One row's field texts, reused from row to row. */
  private readonly fields: string[];
  private failure: Error | undefined;
  rows = 0;

  private constructor(
    private readonly trx: Kysely<Database>,
    readonly name: string,
    private readonly columns: readonly ColumnSpec<R>[],
    private readonly copy: pg.PoolClient | null,
  ) {
    this.values = columns.map(() => []);
    this.fields = columns.map(() => '');
  }

  static async create<R>(
    trx: Kysely<Database>,
    name: string,
    columns: readonly ColumnSpec<R>[],
    copy: pg.PoolClient | null = null,
  ): Promise<StagingTable<R>> {
    await createStagingTable(name, columns).execute(trx);
    return new StagingTable(trx, name, columns, copy);
  }

  async add(line: number, record: R): Promise<void> {
    if (this.copy) return this.addCopy(line, record);
    this.lines.push(line);
    for (let i = 0; i < this.columns.length; i++) {
      (this.values[i] as unknown[]).push((this.columns[i] as ColumnSpec<R>).value(record));
    }
    if (this.lines.length >= FLUSH_ROWS) {
      await this.pending;
      this.pending = this.send();
      // Awaited at the next flush; until then a failure must not count as unhandled.
      this.pending.catch(() => {});
    }
  }

  /** Sends the remaining rows and waits for every insert; analyzes so later joins plan well. */
  async flush(final = false): Promise<void> {
    if (this.copy) {
      if (final) await this.endCopy();
    } else {
      await this.pending;
      this.pending = Promise.resolve();
      await this.send();
    }
    if (final) await analyzeStagingTable(this.name).execute(this.trx);
  }

  /** The greatest value of a staged column (after the final flush), null when all are null. */
  async latest(column: string): Promise<string | null> {
    if (!this.columns.some((c) => c.name === column)) throw new Error(`no staged column ${column}`);
    const { rows } = await latestStaged(this.name, column).execute(this.trx);
    return rows[0]?.latest ?? null;
  }

  private async addCopy(line: number, record: R): Promise<void> {
    const chunk = (this.chunk ??= new CopyChunk());
    const fields = this.fields;
    for (let i = 0; i < fields.length; i++)
      fields[i] = copyText((this.columns[i] as ColumnSpec<R>).value(record));
    if (!chunk.add(line, fields)) {
      await this.write(chunk);
      chunk.add(line, fields);
    }
    this.rows++;
    if (chunk.size >= COPY_CHUNK_BYTES) await this.write(chunk);
  }

  /** Sends the rows of `chunk` written so far, opening the COPY with the first. */
  private async write(chunk: CopyChunk): Promise<void> {
    const copy = this.copy as pg.PoolClient;
    if (!this.stream) {
      this.stream = copy.query(copyFrom(copyIntoStagingTable(this.name, this.columns)));
      // Reported by the next write or by the end; never an unhandled 'error' event.
      this.stream.on('error', (error: Error) => (this.failure ??= error));
    }
    if (this.failure) throw this.failure;
    // Waits while the server is behind; `once` rejects if the COPY fails meanwhile.
    if (!this.stream.write(chunk.take())) await once(this.stream, 'drain');
  }

  private async endCopy(): Promise<void> {
    if (this.chunk && this.chunk.size > 0) await this.write(this.chunk);
    if (!this.stream) return;
    const stream = this.stream;
    this.stream = null;
    stream.end();
    await finished(stream);
  }

  /**
   * Ends a COPY in progress with CopyFail, so the connection can roll back (a ROLLBACK sent
   * while a COPY is open would wait behind it forever). For errors while staging.
   */
  async abort(): Promise<void> {
    const stream = this.stream;
    this.stream = null;
    this.chunk?.clear();
    if (!stream || stream.destroyed) return;
    const closed = once(stream, 'close').catch(() => {});
    stream.destroy(new Error('import aborted'));
    await closed;
  }

  private async send(): Promise<void> {
    if (this.lines.length === 0) return;
    const lines = this.lines;
    const values = this.values;
    this.lines = [];
    this.values = this.columns.map(() => []);
    await insertStagedRows(this.name, this.columns, lines, values).execute(this.trx);
    this.rows += lines.length;
  }
}

const SPECIAL = /[\\\t\n\r]/;

/** One value in COPY's text format: `\N` for null, backslash escapes for the delimiters. */
export function copyText(value: string | number | boolean | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  if (!SPECIAL.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}
