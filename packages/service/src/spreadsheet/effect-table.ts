import {
  effectCsvColumns,
  toCsvRecord,
  type EffectRow,
  type GroupKey,
  type MeasureDefinition,
  type ProviderKind,
} from '@evg/effects';
import type { CatalogNames } from './catalog-names.ts';
import { roundFor, type ColumnKind, type Table, type TableColumn, type TableValue } from './table.ts';

/** Provider kinds as the web page names them (every kind of the contract has a name). */
export const PROVIDER_KIND_NAMES: Readonly<Record<string, string>> = {
  external: 'Ekstern leverandør',
  internal: 'Kommunalt beskæftigelsescenter',
  other_actor: 'Anden aktør',
} satisfies Record<ProviderKind, string>;

/** A grouping key column, the name column put beside it, and where the name comes from. */
const NAMED_KEYS: Record<
  string,
  {
    heading: string;
    nameKey?: string;
    nameHeading?: string;
    name?: (names: CatalogNames, value: string) => string | null;
  }
> = {
  offerId: { heading: 'Tilbud-id', nameKey: 'offerName', nameHeading: 'Tilbud', name: (n, v) => n.offer(v) },
  providerId: {
    heading: 'Leverandør-id',
    nameKey: 'providerName',
    nameHeading: 'Leverandør',
    name: (n, v) => n.provider(v),
  },
  package: {
    heading: 'Pakke (kode)',
    nameKey: 'packageName',
    nameHeading: 'Pakke',
    name: (n, v) => n.package(v),
  },
  providerKind: {
    heading: 'Leverandørtype (kode)',
    nameKey: 'providerKindName',
    nameHeading: 'Leverandørtype',
    name: (_n, v) => PROVIDER_KIND_NAMES[v] ?? null,
  },
  targetGroup: {
    heading: 'Målgruppe (kode)',
    nameKey: 'targetGroupName',
    nameHeading: 'Målgruppe',
    name: (n, v) => n.targetGroup(v),
  },
  industry: {
    heading: 'Branche (kode)',
    nameKey: 'industryName',
    nameHeading: 'Branche',
    name: (n, v) => n.industry(v),
  },
  period: { heading: 'Periode' },
};

const OBJECT_HEADINGS: Record<string, string> = {
  companyShare: 'Virksomhedsrettet',
  satisfiedShare: 'Tilfredshed (4–5)',
  closerShare: 'Tættere på job (4–5)',
  ageUnder30Share: 'Under 30 år',
  unemploymentDuration: 'Ledighed før start',
};

const FIELD_HEADINGS: Record<string, string> = {
  n: 'n',
  x: 'antal med udfald',
  rate: 'andel',
  ciLow: '95 %-interval, nedre',
  ciHigh: '95 %-interval, øvre',
  suppressed: 'skjult',
  pending: 'afventer',
  expectedRate: 'forventet andel',
  oe: 'observeret/forventet',
  adjustedRate: 'justeret andel',
  mean: 'gennemsnit (1–5)',
  median: 'median (dage)',
  '<3m': 'under 3 mdr.',
  '3-6m': '3–6 mdr.',
  '6-12m': '6–12 mdr.',
  '>12m': 'over 12 mdr.',
};

const COUNT_HEADINGS: Record<string, string> = {
  started: 'Påbegyndt',
  completed: 'Afsluttet',
  active: 'Aktive',
  complaints: 'Klager',
  complaintsPer100: 'Klager pr. 100 forløb',
  costPerOutcome: 'Pris pr. effekt (kr.)',
};

const INTEGER_FIELDS = new Set(['n', 'x', 'pending', 'started', 'completed', 'active', 'complaints']);
const SHARE_FIELDS = new Set(['rate', 'ciLow', 'ciHigh', 'expectedRate', 'adjustedRate']);

/**
 * What a flattened figure column holds, from its name (`effect3m_ciLow` → share). Fields the
 * row gains later fall back to `decimal`; a writer still writes each value by its own type.
 * @example figureKind('unemploymentDuration_bands_<3m') // 'share'
 */
export function figureKind(column: string): ColumnKind {
  const parts = column.split('_');
  const field = parts.at(-1)!;
  if (parts.at(-2) === 'bands') return 'share';
  if (field === 'suppressed') return 'boolean';
  if (INTEGER_FIELDS.has(field)) return 'integer';
  if (SHARE_FIELDS.has(field)) return 'share';
  if (field === 'oe') return 'ratio';
  if (field === 'mean') return 'score';
  if (field === 'costPerOutcome') return 'dkk';
  return 'decimal';
}

/** The Danish heading of a flattened figure column. */
function figureHeading(column: string, measures: readonly MeasureDefinition[]): string {
  if (COUNT_HEADINGS[column] !== undefined) return COUNT_HEADINGS[column];
  const [object = column, ...rest] = column.split('_');
  const objectHeading = measures.find((m) => m.key === object)?.label ?? OBJECT_HEADINGS[object] ?? object;
  const field = rest.at(-1);
  if (field === undefined) return objectHeading;
  const fieldHeading = FIELD_HEADINGS[field] ?? field;
  return `${objectHeading}: ${rest.at(-2) === 'bands' ? `andel ${fieldHeading}` : fieldHeading}`;
}

/**
 * The columns of the figures of an effect row (no grouping keys), generic over the row: the
 * flattened names of `toCsvRecord`, each with its kind and Danish heading.
 */
export function figureColumns(measures: readonly MeasureDefinition[]): TableColumn[] {
  return effectCsvColumns([], measures).map((key) => ({
    key,
    heading: figureHeading(key, measures),
    kind: figureKind(key),
  }));
}

/**
 * An effect table for export: the columns of `effectCsvColumns` with a name column beside each
 * id or code (`offerId`, `offerName`, …), figures rounded by kind (shares to 4 decimals, counts
 * exact, kroner whole).
 *
 * @example
 *   const table = effectTable(rows, ['offer'], DEFAULT_MEASURES, catalogNames(catalog));
 *   table.columns.slice(0, 3).map((c) => c.key); // ['offerId', 'offerName', 'effect3m_n']
 */
export function effectTable(
  rows: Iterable<EffectRow>,
  groupBy: readonly GroupKey[],
  measures: readonly MeasureDefinition[],
  names: CatalogNames,
): Table {
  const figures = figureColumns(measures);
  const figureKeys = new Set(figures.map((column) => column.key));
  const keyColumns = effectCsvColumns(groupBy, measures).filter((key) => !figureKeys.has(key));
  const columns: TableColumn[] = [];
  const cells: ((record: Record<string, TableValue>) => TableValue)[] = [];
  for (const key of keyColumns) {
    const named = NAMED_KEYS[key];
    columns.push({ key, heading: named?.heading ?? key, kind: 'text' });
    cells.push((record) => record[key] ?? null);
    if (named?.nameKey !== undefined && named.name !== undefined) {
      const name = named.name;
      columns.push({ key: named.nameKey, heading: named.nameHeading ?? named.nameKey, kind: 'text' });
      cells.push((record) => {
        const value = record[key];
        return typeof value === 'string' ? name(names, value) : null;
      });
    }
  }
  for (const column of figures) cells.push((record) => roundFor(column.kind, record[column.key] ?? null));
  columns.push(...figures);
  return {
    columns,
    rows: mapIterable(rows, (row) => {
      const record = toCsvRecord(row);
      return cells.map((cell) => cell(record));
    }),
  };
}

/** Lazily mapped, so a large table is flattened row by row as the writer pulls it. */
export function mapIterable<T, U>(source: Iterable<T>, map: (item: T) => U): Iterable<U> {
  return {
    *[Symbol.iterator]() {
      for (const item of source) yield map(item);
    },
  };
}
