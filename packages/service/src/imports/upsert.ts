import { sql, type Kysely } from 'kysely';
import type { RecordKind } from '@evg/effects';
import type { Database } from '../db/database.ts';
import type { KindSpec } from './kind-specs.ts';

/**
 * Moves one staging table into its target table in one set-based statement: the last row of a
 * key wins inside the batch, an existing row is replaced only when something changed (so
 * re-importing the same rows writes nothing), and returns the number of rows inserted or
 * changed.
 */
export async function upsertFromStage(
  trx: Kysely<Database>,
  spec: KindSpec<RecordKind>,
  stage: string,
  /** A table (column `key`) to receive the first key column of every row inserted or changed. */
  changedInto: string | null = null,
): Promise<number> {
  if (spec.table === 'benefit_periods') {
    // Two keys (data contract): period_id when given, else (person_id, benefit_type, start_date).
    const withId = await upsert(trx, spec, stage, ['period_id'], 'period_id IS NOT NULL');
    const withoutId = await upsert(trx, spec, stage, spec.key, 'period_id IS NULL');
    return withId + withoutId;
  }
  return upsert(trx, spec, stage, spec.key, null, changedInto);
}

async function upsert(
  trx: Kysely<Database>,
  spec: KindSpec<RecordKind>,
  stage: string,
  key: readonly string[],
  partial: string | null,
  changedInto: string | null = null,
): Promise<number> {
  const columns = spec.columns.map((c) => c.name);
  const list = columns.join(', ');
  const keyList = key.join(', ');
  const updated = columns.filter((c) => !key.includes(c));
  const target = partial ? `(${keyList}) WHERE ${partial}` : `(${keyList})`;
  const action =
    updated.length === 0
      ? 'DO NOTHING'
      : `DO UPDATE SET ${updated.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
         WHERE (${updated.map((c) => `t.${c}`).join(', ')}) IS DISTINCT FROM (${updated.map((c) => `EXCLUDED.${c}`).join(', ')})`;
  const statement = `INSERT INTO ${spec.table} AS t (${list})
       SELECT DISTINCT ON (${keyList}) ${list} FROM ${stage}
       ${partial ? `WHERE ${partial}` : ''}
       ORDER BY ${keyList}, line DESC
       ON CONFLICT ${target} ${action}`;
  const result = await sql
    .raw(
      changedInto
        ? `WITH changed AS (${statement} RETURNING ${key[0]}) INSERT INTO ${changedInto} (key) SELECT ${key[0]} FROM changed`
        : statement,
    )
    .execute(trx);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Upserts the offers, then replaces the target-group and industry lists of every offer in the
 * batch by the lists of its last row. Returns the number of offers whose row or lists changed.
 */
export async function upsertOffers(
  trx: Kysely<Database>,
  spec: KindSpec<RecordKind>,
  offersStage: string,
  codesStage: string,
): Promise<number> {
  const changedOffers = `${offersStage}_changed`;
  await sql.raw(`CREATE TEMP TABLE ${changedOffers} (key text) ON COMMIT DROP`).execute(trx);
  await upsertFromStage(trx, spec, offersStage, changedOffers);
  for (const [table, column, list] of [
    ['offer_target_groups', 'target_group', 'target_groups'],
    ['offer_industries', 'industry', 'industries'],
  ] as const) {
    const latest = `SELECT offer_id, max(line) AS line FROM ${offersStage} GROUP BY offer_id`;
    const incoming = `SELECT c.offer_id, c.code, c.position FROM ${codesStage} c
      JOIN (${latest}) l ON l.offer_id = c.offer_id AND l.line = c.line WHERE c.list = '${list}'`;
    // Only offers whose list differs are rewritten, so a re-import changes nothing.
    const differing = `SELECT offer_id FROM (
        SELECT o.offer_id,
          coalesce((SELECT array_agg(${column} ORDER BY position) FROM ${table} x WHERE x.offer_id = o.offer_id), '{}') AS old,
          coalesce((SELECT array_agg(code ORDER BY position) FROM (${incoming}) i WHERE i.offer_id = o.offer_id), '{}') AS new
        FROM (SELECT DISTINCT offer_id FROM ${offersStage}) o) d
      WHERE old IS DISTINCT FROM new`;
    await sql
      .raw(`CREATE TEMP TABLE ${codesStage}_${list}_changed ON COMMIT DROP AS ${differing}`)
      .execute(trx);
    const deleted = `${codesStage}_${list}_changed`;
    await sql.raw(`DELETE FROM ${table} WHERE offer_id IN (SELECT offer_id FROM ${deleted})`).execute(trx);
    await sql
      .raw(
        `INSERT INTO ${table} (offer_id, ${column}, position)
         SELECT DISTINCT ON (offer_id, code) offer_id, code, position FROM (${incoming}) i
         WHERE offer_id IN (SELECT offer_id FROM ${deleted}) ORDER BY offer_id, code, position`,
      )
      .execute(trx);
    await sql.raw(`INSERT INTO ${changedOffers} (key) SELECT offer_id FROM ${deleted}`).execute(trx);
  }
  const { rows } = await sql
    .raw<{ n: number }>(`SELECT count(DISTINCT key)::integer AS n FROM ${changedOffers}`)
    .execute(trx);
  return rows[0]?.n ?? 0;
}
