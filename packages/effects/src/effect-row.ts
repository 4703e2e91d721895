/**
 * The public shapes of an effect cell: JSON rows (`toEffectRow`) and flat CSV records.
 *
 * CSV naming rule: `<object>_<field>` with the object and field names exactly as in the JSON
 * row (camelCase), one more `_<band>` level for duration bands: `effect3m_ciLow`,
 * `satisfiedShare_mean`, `unemploymentDuration_median`, `unemploymentDuration_bands_<3m`.
 * Grouping keys and plain counts keep their JSON name (`offerId`, `started`). Numbers are not
 * rounded: CSV and JSON carry the same doubles.
 */
import type { EffectCell, EffectFigures, OutcomeCell } from './effect-cell.ts';
import { DURATION_BANDS } from './effect-cell.ts';
import type { GroupKey, MeasureDefinition } from './engine-config.ts';
import { GROUP_KEYS } from './engine-config.ts';
import { CELL_KEY_OF } from './cell-grouping.ts';

const RATE_FIELDS = ['n', 'x', 'rate', 'ciLow', 'ciHigh', 'suppressed'] as const;
const OUTCOME_FIELDS = [...RATE_FIELDS, 'pending', 'expectedRate', 'oe', 'adjustedRate'] as const;
const SCORE_FIELDS = [...RATE_FIELDS, 'mean'] as const;
const SCORE_OBJECTS = ['satisfiedShare', 'closerShare'] as const;
const COUNTS = [
  'started',
  'completed',
  'active',
  'complaints',
  'complaintsPer100',
  'costPerOutcome',
] as const;

/**
 * The names of a row's fields other than its outcome measures (grouping keys, figure objects,
 * counts): a measure key must not take one of them.
 * @example EFFECT_FIGURE_FIELDS.includes('started') // true
 */
export const EFFECT_FIGURE_FIELDS: readonly (keyof EffectFigures)[] = [
  ...GROUP_KEYS.map((key) => CELL_KEY_OF[key]),
  'companyShare',
  ...SCORE_OBJECTS,
  'ageUnder30Share',
  'unemploymentDuration',
  ...COUNTS,
];

/** One row of the public JSON: keys, one object per outcome measure, then the other figures. */
export interface EffectRow extends EffectFigures {
  /** Outcome measures by key: effect3m, effect7m, status1m, status3m, custom ones. */
  [measureKey: string]: unknown;
}

export type CsvValue = string | number | boolean | null;

function pick<T extends object, K extends keyof T>(source: T, fields: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const field of fields) out[field] = source[field];
  return out;
}

/**
 * The public JSON shape of a cell, with keys in a fixed order.
 * @example toEffectRow(cell, DEFAULT_MEASURES) // { offerId: 'T1', effect3m: { n: 356, ... }, ..., costPerOutcome: 12000 }
 */
export function toEffectRow(cell: EffectCell, measures: readonly MeasureDefinition[]): EffectRow {
  const row: Record<string, unknown> = {};
  for (const key of GROUP_KEYS) {
    const field = CELL_KEY_OF[key];
    if (field in cell) row[field] = cell[field] ?? null;
  }
  for (const measure of measures) {
    const outcome = cell.outcomes[measure.key] as OutcomeCell;
    row[measure.key] = pick(outcome, OUTCOME_FIELDS);
  }
  row.companyShare = pick(cell.companyShare, RATE_FIELDS);
  row.satisfiedShare = pick(cell.satisfiedShare, SCORE_FIELDS);
  row.closerShare = pick(cell.closerShare, SCORE_FIELDS);
  row.ageUnder30Share = pick(cell.ageUnder30Share, RATE_FIELDS);
  const duration = cell.unemploymentDuration;
  row.unemploymentDuration = {
    n: duration.n,
    median: duration.median,
    bands: pick(duration.bands, DURATION_BANDS),
    suppressed: duration.suppressed,
  };
  for (const count of COUNTS) row[count] = cell[count];
  return row as EffectRow;
}

/**
 * The CSV header for a grouping and set of measures, in the order of `toCsvRecord`.
 * @example effectCsvColumns(['offer'], DEFAULT_MEASURES).slice(0, 3) // ['offerId', 'effect3m_n', 'effect3m_x']
 */
export function effectCsvColumns(
  groupBy: readonly GroupKey[],
  measures: readonly MeasureDefinition[],
): string[] {
  const columns: string[] = GROUP_KEYS.filter((key) => groupBy.includes(key)).map((key) => CELL_KEY_OF[key]);
  for (const measure of measures) columns.push(...OUTCOME_FIELDS.map((f) => `${measure.key}_${f}`));
  columns.push(...RATE_FIELDS.map((f) => `companyShare_${f}`));
  for (const object of SCORE_OBJECTS) columns.push(...SCORE_FIELDS.map((f) => `${object}_${f}`));
  columns.push(...RATE_FIELDS.map((f) => `ageUnder30Share_${f}`));
  columns.push(
    'unemploymentDuration_n',
    'unemploymentDuration_median',
    ...DURATION_BANDS.map((band) => `unemploymentDuration_bands_${band}`),
    'unemploymentDuration_suppressed',
  );
  columns.push(...COUNTS);
  return columns;
}

/**
 * Flattens a row into one value per CSV column (see the naming rule above).
 * @example toCsvRecord(row).effect3m_ciLow // same number as row.effect3m.ciLow
 */
export function toCsvRecord(row: EffectRow): Record<string, CsvValue> {
  const record: Record<string, CsvValue> = {};
  const flatten = (prefix: string, value: unknown): void => {
    if (value !== null && typeof value === 'object') {
      for (const [field, inner] of Object.entries(value)) flatten(`${prefix}_${field}`, inner);
    } else {
      record[prefix] = value as CsvValue;
    }
  };
  for (const [key, value] of Object.entries(row)) flatten(key, value);
  return record;
}
