import { toCsvRecord, type EffectRow, type MeasureDefinition, type Offer, type Provider } from '@evg/effects';
import type { CatalogNames } from './catalog-names.ts';
import { figureColumns, mapIterable, PROVIDER_KIND_NAMES } from './effect-table.ts';
import { roundFor, type ColumnKind, type Table, type TableColumn, type TableValue } from './table.ts';

/** One offer of a search result: the catalogue entry, its provider and its effect row. */
export interface OfferLine {
  offer: Offer;
  provider: Provider | undefined;
  row: EffectRow;
}

type Describe = (line: OfferLine, names: CatalogNames) => TableValue;

const listOf = (codes: readonly string[], name: (code: string) => string | null): string =>
  codes.map((code) => name(code) ?? code).join('; ');

/** The catalogue columns of an offer, in the order the web page shows them. */
const OFFER_COLUMNS: [key: string, heading: string, kind: ColumnKind, value: Describe][] = [
  ['offerId', 'Tilbud-id', 'text', ({ offer }) => offer.offerId],
  ['offerName', 'Tilbud', 'text', ({ offer }) => offer.name],
  ['providerId', 'Leverandør-id', 'text', ({ offer }) => offer.providerId],
  ['providerName', 'Leverandør', 'text', ({ provider }) => provider?.name ?? null],
  [
    'providerKind',
    'Leverandørtype',
    'text',
    ({ provider }) => (provider ? (PROVIDER_KIND_NAMES[provider.kind] ?? provider.kind) : null),
  ],
  ['package', 'Pakke (kode)', 'text', ({ offer }) => offer.package],
  ['packageName', 'Pakke', 'text', ({ offer }, names) => names.package(offer.package)],
  ['targetGroups', 'Målgrupper', 'text', ({ offer }, names) => listOf(offer.targetGroups, names.targetGroup)],
  ['industries', 'Brancher', 'text', ({ offer }, names) => listOf(offer.industries, names.industry)],
  ['priceDkk', 'Pris for hele forløbet (kr.)', 'dkk', ({ offer }) => offer.priceDkk],
  ['hoursPerWeek', 'Timer pr. uge', 'decimal', ({ offer }) => offer.hoursPerWeek],
  ['durationWeeks', 'Varighed (uger)', 'decimal', ({ offer }) => offer.durationWeeks],
  ['accessible', 'Tilgængeligt', 'boolean', ({ offer }) => offer.accessible],
  ['resultBonusDkk', 'Resultatbonus (kr.)', 'dkk', ({ offer }) => offer.resultBonusDkk],
  ['validFrom', 'Gyldig fra', 'text', ({ offer }) => offer.validFrom],
  ['validTo', 'Gyldig til', 'text', ({ offer }) => offer.validTo],
];

/**
 * Offers of a search as a table: the catalogue entry with names for every code, then the
 * offer's effect figures (the same columns and rounding as the effect tables).
 * @example offerTable(result.items, model.measures, namesOf(model)).columns[1].heading // 'Tilbud'
 */
export function offerTable(
  lines: Iterable<OfferLine>,
  measures: readonly MeasureDefinition[],
  names: CatalogNames,
): Table {
  const figures = figureColumns(measures);
  const columns: TableColumn[] = [
    ...OFFER_COLUMNS.map(([key, heading, kind]) => ({ key, heading, kind })),
    ...figures,
  ];
  return {
    columns,
    rows: mapIterable(lines, (line) => {
      const record = toCsvRecord(line.row);
      return [
        ...OFFER_COLUMNS.map(([, , kind, value]) => roundFor(kind, value(line, names))),
        ...figures.map((column) => roundFor(column.kind, record[column.key] ?? null)),
      ];
    }),
  };
}
