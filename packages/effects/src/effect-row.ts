/**
 * The shapes of an effect cell outside the engine: the typed row (`toEffectRow`), its public
 * JSON (`effectRowJson`) and flat CSV records (`toCsvRecord`).
 *
 * CSV naming rule: `<object>_<field>` with the object and field names exactly as in the JSON
 * row (camelCase), one more `_<band>` level for duration bands: `effect3m_ciLow`,
 * `satisfiedShare_mean`, `unemploymentDuration_median`, `unemploymentDuration_bands_<3m`.
 * Grouping keys and plain counts keep their JSON name (`offerId`, `started`). Numbers are not
 * rounded: CSV and JSON carry the same doubles.
 */
import type { CellKeys, EffectCell, EffectFigures, OutcomeCell } from './effect-cell.ts';
import { DURATION_BANDS } from './effect-cell.ts';
import type { GroupKey, MeasureDefinition } from './engine-config.ts';
import { GROUP_KEYS } from './engine-config.ts';
import { CELL_KEY_OF } from './cell-grouping.ts';
import { EffectsError } from './errors.ts';

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

/**
 * One row of an effect table, typed: grouping keys, one public outcome object per measure in
 * `outcomes`, then the other figures. The public JSON lifts each outcome to a top-level key
 * (`effectRowJson`); everything else reads the typed row.
 * @example row.outcomes.effect3m?.adjustedRate // case-mix adjusted 3-month effect, or null
 */
export interface EffectRow extends EffectFigures {
  /** Outcome measures by key, in the order of the measures: effect3m, effect7m, status1m, status3m, custom ones. */
  outcomes: Record<string, OutcomeCell>;
}

/**
 * A row as the public JSON (`GET /v1/effects`, `evg effects`) carries it: keys first, one object
 * per outcome measure at the top level, then the other figures. Measures are data, so the
 * measure keys are open here; this is the serialisation boundary, not a shape to compute on.
 */
export type EffectRowJson = EffectFigures & { readonly [measureKey: string]: unknown };

export type CsvValue = string | number | boolean | null;

function pick<T extends object, K extends keyof T>(source: T, fields: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const field of fields) out[field] = source[field];
  return out;
}

function copyKey<K extends keyof CellKeys>(target: CellKeys, source: CellKeys, field: K): void {
  if (field in source) target[field] = source[field];
}

/** The grouping keys a cell carries, in the canonical order of `GROUP_KEYS`. */
function keysOf(cell: CellKeys): CellKeys {
  const keys: CellKeys = {};
  for (const key of GROUP_KEYS) copyKey(keys, cell, CELL_KEY_OF[key]);
  return keys;
}

/**
 * The typed row of a cell: its public fields only, keys in a fixed order, one outcome per
 * measure of `measures` (in their order).
 * Throws `invalid-measure` when the cell carries no counters for one of `measures`.
 * @example toEffectRow(cell, DEFAULT_MEASURES).outcomes.effect3m // { n: 356, x: 100, rate: 0.2809, ... }
 */
export function toEffectRow(cell: EffectCell, measures: readonly MeasureDefinition[]): EffectRow {
  const outcomes: Record<string, OutcomeCell> = {};
  for (const measure of measures) {
    const outcome = cell.outcomes[measure.key];
    if (outcome === undefined) {
      throw new EffectsError('invalid-measure', `the cell carries no figures for measure "${measure.key}"`);
    }
    outcomes[measure.key] = pick(outcome, OUTCOME_FIELDS);
  }
  const duration = cell.unemploymentDuration;
  return {
    ...keysOf(cell),
    outcomes,
    companyShare: pick(cell.companyShare, RATE_FIELDS),
    satisfiedShare: pick(cell.satisfiedShare, SCORE_FIELDS),
    closerShare: pick(cell.closerShare, SCORE_FIELDS),
    ageUnder30Share: pick(cell.ageUnder30Share, RATE_FIELDS),
    unemploymentDuration: {
      n: duration.n,
      median: duration.median,
      bands: pick(duration.bands, DURATION_BANDS),
      suppressed: duration.suppressed,
    },
    ...pick(cell, COUNTS),
  };
}

/**
 * The public JSON of a row: grouping keys first in canonical order, then one object per
 * outcome measure under its key, then the other figures (the objects are shared, not copied).
 * @example Object.keys(effectRowJson(row)).slice(0, 3) // ['offerId', 'effect3m', 'effect7m']
 */
export function effectRowJson(row: EffectRow): EffectRowJson {
  return {
    ...keysOf(row),
    ...row.outcomes,
    companyShare: row.companyShare,
    satisfiedShare: row.satisfiedShare,
    closerShare: row.closerShare,
    ageUnder30Share: row.ageUnder30Share,
    unemploymentDuration: row.unemploymentDuration,
    ...pick(row, COUNTS),
  };
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
 * @example toCsvRecord(row).effect3m_ciLow // same number as row.outcomes.effect3m.ciLow
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
  for (const [key, value] of Object.entries(effectRowJson(row))) flatten(key, value);
  return record;
}
