import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { DEFAULT_DEFINED_MEASURES, type DefinedMeasure } from '../measures/measure-definition.ts';

type Row = Database['measures'];

const toMeasure = (row: Omit<Row, 'updated_at'>): DefinedMeasure => ({
  key: row.key,
  label: row.label_da,
  labelEn: row.label_en,
  anchor: row.anchor,
  fromMonth: row.from_month,
  toMonth: row.to_month,
  minSelfSufficientMonths: row.min_self_sufficient_months,
});

/** The measures a municipality defined, by key (the defaults are not stored). */
export async function listCustomMeasures(db: Kysely<Database>): Promise<DefinedMeasure[]> {
  const rows = await db
    .selectFrom('measures')
    .select(['key', 'label_da', 'label_en', 'anchor', 'from_month', 'to_month', 'min_self_sufficient_months'])
    .orderBy('key')
    .execute();
  return rows.map(toMeasure);
}

/** Creates or replaces a custom measure; true when it was created. */
export async function saveCustomMeasure(db: Kysely<Database>, measure: DefinedMeasure): Promise<boolean> {
  const values = {
    label_da: measure.label,
    label_en: measure.labelEn,
    anchor: measure.anchor,
    from_month: measure.fromMonth,
    to_month: measure.toMonth,
    min_self_sufficient_months: measure.minSelfSufficientMonths,
  };
  const row = await db
    .insertInto('measures')
    .values({ key: measure.key, ...values })
    .onConflict((oc) => oc.column('key').doUpdateSet({ ...values, updated_at: new Date() }))
    // xmax = 0 only for a freshly inserted row: tells created from replaced in one statement.
    .returning(sql<boolean>`(xmax = 0)`.as('created'))
    .executeTakeFirstOrThrow();
  return row.created;
}

/** Deletes a custom measure; false when there was none. */
export async function deleteCustomMeasure(db: Kysely<Database>, key: string): Promise<boolean> {
  const result = await db.deleteFrom('measures').where('key', '=', key).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Every measure key a bonus rule or a filter may name: the four defaults, then the custom ones. */
export async function knownMeasureKeys(db: Kysely<Database>): Promise<string[]> {
  return [...DEFAULT_DEFINED_MEASURES.map((m) => m.key), ...(await listCustomMeasures(db)).map((m) => m.key)];
}
