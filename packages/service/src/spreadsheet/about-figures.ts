import type { DateRange } from '@evg/effects';
import type { DataVersion } from '../read-model/snapshot.ts';
import type { AboutLine } from './xlsx-writer.ts';

export interface FiguresContext {
  version: DataVersion | null;
  /** The data cut-off ("Data til og med"); null before the first refresh. */
  asOf: string | null;
  minCellSize: number;
  /** Every published count is within this of the exact one; 0 for exact figures. */
  maxPerturbation: number;
  period: DateRange | undefined;
  /** The request that produced the export (path and query), so it can be fetched again. */
  request: string;
  /** Target groups the figures are scoped to, if any. */
  scope?: readonly string[] | null;
}

/**
 * The "Om data" sheet of an export: cut-off date, data version, the disclosure rule the figures
 * were suppressed with, and the query, in Danish.
 * @example aboutFigures({ version, minCellSize: 5, period: undefined, request: '/v1/effects' })[0].label // 'Data til og med'
 */
export function aboutFigures(context: FiguresContext): AboutLine[] {
  const { version, asOf, minCellSize, maxPerturbation, period, request, scope } = context;
  return [
    { label: 'Data til og med', value: asOf ? new Date(`${asOf}T00:00:00Z`) : 'ingen data endnu' },
    { label: 'Dataversion', value: version?.id ?? null },
    { label: 'Beregnet', value: version?.createdAt.toISOString() ?? null },
    { label: 'Periode', value: period ? `${period.from} – ${period.to}` : 'hele perioden' },
    ...(scope && scope.length > 0
      ? [{ label: 'Målgrupper (tallene gælder kun dem)', value: scope.join(', ') }]
      : []),
    { label: 'Diskretionsgrænse', value: minCellSize },
    { label: 'Største afvigelse pr. antal', value: maxPerturbation },
    {
      label: 'Diskretionering',
      value:
        maxPerturbation === 0
          ? 'Eksakte tal til dataejeren: intet er skjult eller ændret. Må ikke offentliggøres.'
          : `Tal bag færre end ${minCellSize} borgere er skjult (tomt felt, "skjult" = SAND). Hvert ` +
            `antal er ændret med højst ${maxPerturbation} (cellenøglemetoden), så ingen kombination ` +
            'af tabeller giver et lille antal tilbage; andele og intervaller er regnet af de ændrede antal.',
    },
    { label: 'Andele', value: 'Andele er vist i procent; 95 %-intervaller er Wilson-intervaller.' },
    { label: 'Udtræk', value: request },
  ];
}
