import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import type { ColumnSpec } from './kind-specs.ts';

const FLUSH_ROWS = 10_000;

/**
 * A temporary table (dropped at commit) that receives validated rows in bulk: each flush sends
 * one typed array per column and inserts them with `unnest`, one statement for ten thousand
 * rows. It works the same over a PostgreSQL server and over pglite-socket, which has no COPY
 * FROM STDIN. Every row keeps its source line, so later set-based checks can name it.
 */
export class StagingTable<R> {
  private lines: number[] = [];
  private values: unknown[][];
  /** The insert in flight: parsing the next rows overlaps with the server storing these. */
  private pending: Promise<void> = Promise.resolve();
  rows = 0;

  private constructor(
    private readonly trx: Kysely<Database>,
    readonly name: string,
    private readonly columns: readonly ColumnSpec<R>[],
  ) {
    this.values = columns.map(() => []);
  }

  static async create<R>(
    trx: Transaction<Database>,
    name: string,
    columns: readonly ColumnSpec<R>[],
  ): Promise<StagingTable<R>> {
    const definitions = columns.map((c) => `${c.name} ${c.type}`).join(', ');
    await sql
      .raw(`CREATE TEMP TABLE ${name} (line integer NOT NULL, ${definitions}) ON COMMIT DROP`)
      .execute(trx);
    return new StagingTable(trx, name, columns);
  }

  async add(line: number, record: R): Promise<void> {
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
    await this.pending;
    this.pending = Promise.resolve();
    await this.send();
    if (final) await sql.raw(`ANALYZE ${this.name}`).execute(this.trx);
  }

  /** The greatest value of a staged column (after the final flush), null when all are null. */
  async latest(column: string): Promise<string | null> {
    if (!this.columns.some((c) => c.name === column)) throw new Error(`no staged column ${column}`);
    const { rows } = await sql
      .raw<{ latest: string | null }>(`SELECT max(${column}) AS latest FROM ${this.name}`)
      .execute(this.trx);
    return rows[0]?.latest ?? null;
  }

  private async send(): Promise<void> {
    if (this.lines.length === 0) return;
    const lines = this.lines;
    const values = this.values;
    this.lines = [];
    this.values = this.columns.map(() => []);
    const casts = this.columns.map((c, i) => sql`${values[i]}::${sql.raw(c.type)}[]`);
    const names = sql.raw(['line', ...this.columns.map((c) => c.name)].join(', '));
    await sql`INSERT INTO ${sql.raw(this.name)} (${names})
      SELECT * FROM unnest(${lines}::integer[], ${sql.join(casts)})`.execute(this.trx);
    this.rows += lines.length;
  }
}
