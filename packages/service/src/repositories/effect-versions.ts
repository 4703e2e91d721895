import { finished } from 'node:stream/promises';
import { once } from 'node:events';
import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EffectCell, FineCell, MeasureDefinition } from '@evg/effects';
import type { Database } from '../db/database.ts';
import { copyText } from '../imports/staging.ts';

/** One materialised grouping's cells (suppression already applied by the engine). */
export interface MaterialisedTable {
  grouping: string;
  cells: readonly EffectCell[];
}

const INSERT_ROWS = 5000;

/**
 * Writes a complete new data version inside the caller's transaction and makes it current:
 * its fine cells, its materialised tables, then the swap. Readers see the old version until
 * the transaction commits. The version it replaces is kept (superseded) so a reader that
 * looked up the old version a moment ago can still finish; older ones are deleted. With
 * `copy` (the client the transaction runs on, db/copy-transaction.ts) the cells are written
 * with COPY FROM STDIN; without it (embedded PGlite) with `INSERT … SELECT FROM unnest`.
 */
export async function publishDataVersion(
  trx: Kysely<Database>,
  input: {
    asOf: string;
    /** The measures the fine cells carry counters for. */
    measures: readonly MeasureDefinition[];
    fineCells: readonly FineCell[];
    tables: readonly MaterialisedTable[];
    /** refresh/version-digest.ts of the above. */
    digest: string;
  },
  copy: pg.PoolClient | null = null,
): Promise<number> {
  const { rows } = await sql<{ version: number }>`SELECT nextval('data_version_seq') AS version`.execute(trx);
  const version = Number(rows[0]?.version);
  await trx
    .updateTable('data_versions')
    .set({ status: 'superseded' })
    .where('status', '=', 'current')
    .execute();
  await trx
    .insertInto('data_versions')
    .values({
      version,
      as_of: input.asOf,
      status: 'current',
      measures: JSON.stringify(input.measures),
      content_digest: input.digest,
    })
    .execute();

  if (copy) {
    await copyRows(
      copy,
      'effect_fine_cells (data_version, offer_id, target_group, month, counters)',
      input.fineCells.map((c) => [version, c.offerId, c.targetGroup, c.month, JSON.stringify(c)]),
    );
  } else {
    for (let i = 0; i < input.fineCells.length; i += INSERT_ROWS) {
      const part = input.fineCells.slice(i, i + INSERT_ROWS);
      await sql`INSERT INTO effect_fine_cells (data_version, offer_id, target_group, month, counters)
        SELECT ${version}, * FROM unnest(${part.map((c) => c.offerId)}::text[], ${part.map((c) => c.targetGroup)}::text[],
          ${part.map((c) => c.month)}::text[], ${part.map((c) => JSON.stringify(c))}::jsonb[])`.execute(trx);
    }
  }

  const cells = input.tables.flatMap((t) => t.cells.map((cell) => ({ grouping: t.grouping, cell })));
  if (copy) {
    await copyRows(
      copy,
      'effect_cells (data_version, grouping, offer_id, provider_id, package, provider_kind, target_group, industry, period, cell)',
      cells.map(({ grouping, cell }) => [
        version,
        grouping,
        cell.offerId ?? null,
        cell.providerId ?? null,
        cell.package ?? null,
        cell.providerKind ?? null,
        cell.targetGroup ?? null,
        cell.industry ?? null,
        cell.period ?? null,
        JSON.stringify(cell),
      ]),
    );
  } else {
    for (let i = 0; i < cells.length; i += INSERT_ROWS) {
      const part = cells.slice(i, i + INSERT_ROWS);
      const key = (pick: (c: EffectCell) => string | null | undefined) =>
        part.map(({ cell }) => pick(cell) ?? null);
      await sql`INSERT INTO effect_cells (data_version, grouping, offer_id, provider_id, package, provider_kind,
          target_group, industry, period, cell)
        SELECT ${version}, * FROM unnest(${part.map((c) => c.grouping)}::text[], ${key((c) => c.offerId)}::text[],
          ${key((c) => c.providerId)}::text[], ${key((c) => c.package)}::text[], ${key((c) => c.providerKind)}::text[],
          ${key((c) => c.targetGroup)}::text[], ${key((c) => c.industry)}::text[], ${key((c) => c.period)}::text[],
          ${part.map((c) => JSON.stringify(c.cell))}::jsonb[])`.execute(trx);
    }
  }

  await trx
    .deleteFrom('data_versions')
    .where('status', '=', 'superseded')
    .where('version', '<', (eb) =>
      eb
        .selectFrom('data_versions')
        .select((e) => e.fn.max('version').as('v'))
        .where('status', '=', 'superseded'),
    )
    .execute();
  return version;
}

/**
 * The current data version and the digest of its content (null for versions made before
 * digests were recorded), or undefined before the first refresh.
 *
 * @example
 * const current = await currentVersionDigest(db); // { version: 7, digest: '9f2c…' }
 */
export async function currentVersionDigest(
  db: Kysely<Database>,
): Promise<{ version: number; digest: string | null } | undefined> {
  const row = await db
    .selectFrom('data_versions')
    .select(['version', 'content_digest'])
    .where('status', '=', 'current')
    .executeTakeFirst();
  return row && { version: row.version, digest: row.content_digest };
}

/** COPY chunks of about this many characters. */
const COPY_CHUNK_CHARS = 256 * 1024;

/** Streams rows into `target` (`table (columns)`) with COPY FROM STDIN in text format. */
async function copyRows(
  copy: pg.PoolClient,
  target: string,
  rows: readonly (readonly (string | number | null)[])[],
): Promise<void> {
  const stream = copy.query(copyFrom(`COPY ${target} FROM STDIN`));
  let text = '';
  for (const row of rows) {
    text += row.map(copyText).join('\t') + '\n';
    if (text.length >= COPY_CHUNK_CHARS) {
      const chunk = text;
      text = '';
      // `once` rejects if the COPY fails while the server is behind.
      if (!stream.write(chunk)) await once(stream, 'drain');
    }
  }
  stream.end(text);
  await finished(stream);
}
