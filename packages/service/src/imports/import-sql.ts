import { sql, type RawBuilder } from 'kysely';
import type { ColumnSpec, ReferenceSpec } from './kind-specs.ts';

/** What a statement needs of a staged column. */
type StagedColumn = Pick<ColumnSpec<unknown>, 'name' | 'type'>;

/*
 * The SQL an import runs (staging, reference checks, upsert, and the foreign keys and indexes
 * of a bulk upsert), one named unit per statement. Each unit only builds its statement (run
 * with `.execute(trx)`); test/imports/import-sql.test.ts writes the text of every unit for
 * every record kind to snapshots under __sql__/, so a change to a query shows in review.
 * Table and column names come from the kind specs, the import's own staging names and the
 * catalogue, never from input, so they are spliced in as they are; values are parameters.
 */

/** The lines of a statement, leaving out the parts that do not apply. */
const lines = (...parts: (string | false | null | undefined)[]): string =>
  parts.filter((part) => typeof part === 'string' && part !== '').join('\n');

/** A staging table (dropped at commit): the source line of each row, then the kind's columns. */
export function createStagingTable(name: string, columns: readonly StagedColumn[]): RawBuilder<unknown> {
  const definitions = columns.map((c) => `${c.name} ${c.type}`).join(', ');
  return sql.raw(`CREATE TEMP TABLE ${name} (line integer NOT NULL, ${definitions}) ON COMMIT DROP`);
}

/** The COPY that streams rows in text format into a staging table (run through pg-copy-streams). */
export function copyIntoStagingTable(name: string, columns: readonly StagedColumn[]): string {
  const names = ['line', ...columns.map((c) => c.name)].join(', ');
  return `COPY ${name} (${names}) FROM STDIN`;
}

/** Inserts staged rows given as one typed array per column (where COPY is not available). */
export function insertStagedRows(
  name: string,
  columns: readonly StagedColumn[],
  lineNumbers: readonly number[],
  values: readonly (readonly unknown[])[],
): RawBuilder<unknown> {
  const casts = columns.map((c, i) => sql`${values[i]}::${sql.raw(c.type)}[]`);
  const names = sql.raw(['line', ...columns.map((c) => c.name)].join(', '));
  return sql`INSERT INTO ${sql.raw(name)} (${names})
SELECT * FROM unnest(${lineNumbers}::integer[], ${sql.join(casts)})`;
}

/** Fresh statistics after staging, so the joins of the checks and the upsert plan well. */
export function analyzeStagingTable(name: string): RawBuilder<unknown> {
  return sql.raw(`ANALYZE ${name}`);
}

/** The greatest value of one staged column; null when all are null. */
export function latestStaged(name: string, column: string): RawBuilder<{ latest: string | null }> {
  return sql.raw(`SELECT max(${column}) AS latest FROM ${name}`);
}

/** One reference to check: staged rows whose column must name an existing row. */
export interface StagedReference {
  /** Staging table and column holding the references. */
  stage: string;
  column: string;
  reference: ReferenceSpec;
  /** The staging table of the referenced kind in this same import, if any. */
  targetStage: string | null;
  /** Only the staged offer codes of this list (offers' target groups or industries). */
  list?: string;
}

/**
 * Staged rows whose reference resolves neither to a stored row nor to a row of the same
 * import, by line, at most `limit`, each with the count of all of them.
 */
export function missingReferences(
  check: StagedReference,
  limit: number,
): RawBuilder<{ line: number; value: string; total: number }> {
  const { reference: ref, stage, column } = check;
  return sql.raw(
    lines(
      `SELECT s.line, s.${column} AS value, count(*) OVER ()::integer AS total`,
      `FROM ${stage} s`,
      `WHERE s.${column} IS NOT NULL`,
      check.list !== undefined && `  AND s.list = '${check.list}'`,
      `  AND NOT EXISTS (SELECT 1 FROM ${ref.table} t WHERE t.${ref.targetColumn} = s.${column})`,
      check.targetStage &&
        `  AND NOT EXISTS (SELECT 1 FROM ${check.targetStage} x WHERE x.${ref.targetColumn} = s.${column})`,
      `ORDER BY s.line`,
      `LIMIT ${Math.max(1, Math.floor(limit))}`,
    ),
  );
}

/** Which staged rows one upsert takes: a second key of benefit periods covers only some. */
export interface UpsertTarget {
  /** The conflict target: the kind's key, or the alternative key. */
  key: readonly string[];
  /** SQL condition on the staged rows (and the partial unique index) of this key, if any. */
  partial: string | null;
  /** A table (column `key`) to receive the first key column of every row inserted or changed. */
  changedInto: string | null;
  /**
   * The target table is known to be empty (a first load, with the table locked): the rows are
   * inserted without ON CONFLICT, whose probe of the unique index per row costs a third of a
   * bulk upsert.
   */
  intoEmpty?: boolean;
}

/**
 * Moves a staging table into the kind's table in one set-based statement: the last row of a
 * key wins inside the batch, and an existing row is replaced only when something changed (so
 * re-importing the same rows writes nothing); into a table known to be empty, a plain insert.
 * Affects the rows inserted or changed.
 */
export function upsertStaged(
  spec: { table: string; columns: readonly StagedColumn[] },
  stage: string,
  { key, partial, changedInto, intoEmpty = false }: UpsertTarget,
): RawBuilder<unknown> {
  const columns = spec.columns.map((c) => c.name);
  const list = columns.join(', ');
  const keyList = key.join(', ');
  // Last row per key by a sort in byte order: equality is the same in every deterministic
  // collation, and "C" sorts ids several times faster than a locale (abbreviated keys).
  const typeOf = (name: string) => spec.columns.find((c) => c.name === name)?.type;
  const sortKey = key.map((c) => (typeOf(c) === 'text' ? `${c} COLLATE "C"` : c)).join(', ');
  const updated = columns.filter((c) => !key.includes(c));
  const onConflict = intoEmpty
    ? null
    : lines(
        `ON CONFLICT (${keyList})${partial ? ` WHERE ${partial}` : ''}`,
        updated.length === 0
          ? 'DO NOTHING'
          : lines(
              `DO UPDATE SET ${updated.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`,
              `WHERE (${updated.map((c) => `t.${c}`).join(', ')})`,
              `  IS DISTINCT FROM (${updated.map((c) => `EXCLUDED.${c}`).join(', ')})`,
            ),
      );
  const statement = lines(
    `INSERT INTO ${spec.table} AS t (${list})`,
    `SELECT DISTINCT ON (${sortKey}) ${list}`,
    `FROM ${stage}`,
    partial && `WHERE ${partial}`,
    `ORDER BY ${sortKey}, line DESC`,
    onConflict,
  );
  return sql.raw(
    changedInto
      ? lines(
          `WITH changed AS (`,
          statement,
          `RETURNING ${key[0]}`,
          `)`,
          `INSERT INTO ${changedInto} (key) SELECT ${key[0]} FROM changed`,
        )
      : statement,
  );
}

/**
 * Locks a table against other writers until commit (readers go on), so that whether it is
 * empty stays true while a first load inserts into it; a second import of the same kind waits.
 */
export function lockForLoad(table: string): RawBuilder<unknown> {
  return sql.raw(`LOCK TABLE ${table} IN SHARE ROW EXCLUSIVE MODE`);
}

/** Whether a table holds no row. */
export function tableIsEmpty(table: string): RawBuilder<{ empty: boolean }> {
  return sql.raw(`SELECT NOT EXISTS (SELECT 1 FROM ${table}) AS empty`);
}

/** A table (dropped at commit) collecting the keys of changed rows, duplicates allowed. */
export function createChangedKeys(name: string): RawBuilder<unknown> {
  return sql.raw(`CREATE TEMP TABLE ${name} (key text) ON COMMIT DROP`);
}

/** How many distinct keys a changed-keys table holds. */
export function countChangedKeys(name: string): RawBuilder<{ n: number }> {
  return sql.raw(`SELECT count(DISTINCT key)::integer AS n FROM ${name}`);
}

/** One code list of offers: its table, that table's code column and the staged list's name. */
export interface OfferCodeList {
  table: string;
  column: string;
  list: string;
}

/** The staged codes of one list from the last staged row of each offer, with their positions. */
function incomingCodes(offersStage: string, codesStage: string, { list }: OfferCodeList): string {
  const latest = `SELECT offer_id, max(line) AS line FROM ${offersStage} GROUP BY offer_id`;
  return lines(
    `SELECT c.offer_id, c.code, c.position`,
    `FROM ${codesStage} c`,
    `JOIN (${latest}) l ON l.offer_id = c.offer_id AND l.line = c.line`,
    `WHERE c.list = '${list}'`,
  );
}

/**
 * A table `into` (dropped at commit) of the staged offers whose list differs from the stored
 * one, so a re-import rewrites nothing.
 */
export function createDifferingCodeLists(
  into: string,
  offersStage: string,
  codesStage: string,
  codeList: OfferCodeList,
): RawBuilder<unknown> {
  const { table, column } = codeList;
  return sql.raw(
    lines(
      `CREATE TEMP TABLE ${into} ON COMMIT DROP AS`,
      `SELECT offer_id FROM (`,
      `  SELECT o.offer_id,`,
      `    coalesce((SELECT array_agg(${column} ORDER BY position) FROM ${table} x WHERE x.offer_id = o.offer_id), '{}') AS old,`,
      `    coalesce((SELECT array_agg(code ORDER BY position) FROM (`,
      incomingCodes(offersStage, codesStage, codeList),
      `    ) i WHERE i.offer_id = o.offer_id), '{}') AS new`,
      `  FROM (SELECT DISTINCT offer_id FROM ${offersStage}) o`,
      `) d`,
      `WHERE old IS DISTINCT FROM new`,
    ),
  );
}

/** Deletes the stored list of every offer in `differing`. */
export function deleteCodeLists(differing: string, { table }: OfferCodeList): RawBuilder<unknown> {
  return sql.raw(`DELETE FROM ${table} WHERE offer_id IN (SELECT offer_id FROM ${differing})`);
}

/** Stores the staged list of every offer in `differing`, each code once at its first position. */
export function insertCodeLists(
  differing: string,
  offersStage: string,
  codesStage: string,
  codeList: OfferCodeList,
): RawBuilder<unknown> {
  const { table, column } = codeList;
  return sql.raw(
    lines(
      `INSERT INTO ${table} (offer_id, ${column}, position)`,
      `SELECT DISTINCT ON (offer_id, code) offer_id, code, position`,
      `FROM (`,
      incomingCodes(offersStage, codesStage, codeList),
      `) i`,
      `WHERE offer_id IN (SELECT offer_id FROM ${differing})`,
      `ORDER BY offer_id, code, position`,
    ),
  );
}

/** Adds the offers of `differing` to the changed keys. */
export function noteChangedOffers(changed: string, differing: string): RawBuilder<unknown> {
  return sql.raw(`INSERT INTO ${changed} (key) SELECT offer_id FROM ${differing}`);
}

/** A constraint or index by name, with the SQL that defines it (from the catalogue). */
export interface Definition {
  name: string;
  definition: string;
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The foreign keys of a table, by name, with their definitions. */
export function foreignKeysOf(table: string): RawBuilder<Definition> {
  return sql`SELECT conname AS name, pg_get_constraintdef(oid) AS definition
FROM pg_constraint WHERE conrelid = ${table}::regclass AND contype = 'f' ORDER BY conname`;
}

/** Drops these constraints of a table in one statement. */
export function dropConstraints(table: string, keys: readonly Definition[]): RawBuilder<unknown> {
  return sql.raw(`ALTER TABLE ${table} ${keys.map((k) => `DROP CONSTRAINT ${quoted(k.name)}`).join(', ')}`);
}

/** Adds these constraints back unchecked, to be validated one by one after. */
export function addConstraintsNotValid(table: string, keys: readonly Definition[]): RawBuilder<unknown> {
  return sql.raw(
    `ALTER TABLE ${table} ${keys.map((k) => `ADD CONSTRAINT ${quoted(k.name)} ${k.definition} NOT VALID`).join(', ')}`,
  );
}

/** Checks every row against one constraint added NOT VALID. */
export function validateConstraint(table: string, key: Definition): RawBuilder<unknown> {
  return sql.raw(`ALTER TABLE ${table} VALIDATE CONSTRAINT ${quoted(key.name)}`);
}

/**
 * The indexes of a table that are not a constraint's (primary key, unique constraint), with
 * their definitions: the plain ones, and with `unique` also the unique indexes.
 */
export function plainIndexesOf(table: string, unique = false): RawBuilder<Definition> {
  return sql`SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
WHERE i.indrelid = ${table}::regclass AND (${unique} OR NOT i.indisunique) AND NOT i.indisprimary
  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
ORDER BY c.relname`;
}

/** Drops these indexes in one statement. */
export function dropIndexes(indexes: readonly Definition[]): RawBuilder<unknown> {
  return sql.raw(`DROP INDEX ${indexes.map((i) => quoted(i.name)).join(', ')}`);
}

/** Builds an index again from its definition (as `pg_get_indexdef` gave it). */
export function createIndex(index: Definition): RawBuilder<unknown> {
  return sql.raw(index.definition);
}
