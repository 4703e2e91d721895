/**
 * A table as every spreadsheet export writes it (CSV in both dialects, xlsx): typed columns with
 * a machine name (the CSV header) and a Danish heading (the xlsx header), and rows of values
 * already rounded. Writers only format; what a column holds is decided once, here.
 */

/**
 * What a column holds, which decides rounding and the xlsx number format:
 * `text` ids, codes and names (the only kind a formula guard applies to); `integer` counts;
 * `share` a proportion 0–1 shown as a percentage; `ratio` observed/expected; `score` a mean
 * survey score; `dkk` an amount in kroner; `decimal` any other number; `boolean` a flag.
 */
export type ColumnKind = 'text' | 'integer' | 'share' | 'ratio' | 'score' | 'dkk' | 'decimal' | 'boolean';

export type TableValue = string | number | boolean | null;

export interface TableColumn {
  /** The CSV header: stable, machine-readable (`offerId`, `effect3m_rate`). */
  key: string;
  /** The xlsx header, Danish. */
  heading: string;
  kind: ColumnKind;
}

export interface Table {
  columns: readonly TableColumn[];
  /** One value per column, in column order. */
  rows: Iterable<readonly TableValue[]>;
}

/** Decimals kept per kind: shares to 0.01 percentage points, kroner whole, counts exact. */
const DECIMALS: Record<ColumnKind, number | undefined> = {
  text: undefined,
  boolean: undefined,
  integer: 0,
  share: 4,
  ratio: 3,
  score: 2,
  dkk: 0,
  decimal: 2,
};

/**
 * A value as the column kind wants it: numbers rounded to the kind's decimals (half away from
 * zero, no `-0`), anything else unchanged.
 * @example roundFor('share', 0.628349) // 0.6283
 */
export function roundFor(kind: ColumnKind, value: TableValue): TableValue {
  const decimals = DECIMALS[kind];
  if (typeof value !== 'number' || decimals === undefined || !Number.isFinite(value)) return value;
  // Shifting by exponent notation rounds the decimal the value prints as (0.67785 → 0.6779),
  // where multiplying by 10^d would round 6778.4999… down.
  const shifted = Math.round(Number(`${Math.abs(value)}e${decimals}`));
  const rounded = Math.sign(value) * Number(`${shifted}e-${decimals}`);
  return rounded === 0 ? 0 : rounded;
}
