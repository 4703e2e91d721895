import type { DateRange } from '@evg/effects';
import type { DataVersion } from '../read-model/snapshot.ts';
import type { AboutLine } from './xlsx-writer.ts';

export interface FiguresContext {
  version: DataVersion | null;
  minCellSize: number;
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
  const { version, minCellSize, period, request, scope } = context;
  return [
    { label: 'Data til og med', value: version ? new Date(`${version.asOf}T00:00:00Z`) : 'ingen data endnu' },
    { label: 'Dataversion', value: version?.id ?? null },
    { label: 'Beregnet', value: version?.createdAt.toISOString() ?? null },
    { label: 'Periode', value: period ? `${period.from} – ${period.to}` : 'hele perioden' },
    ...(scope && scope.length > 0
      ? [{ label: 'Målgrupper (tallene gælder kun dem)', value: scope.join(', ') }]
      : []),
    { label: 'Diskretionsgrænse', value: minCellSize },
    {
      label: 'Diskretionering',
      value:
        `Tal bag færre end ${minCellSize} borgere er skjult (tomt felt, "skjult" = SAND). Enkelte ` +
        'andre tal er også skjult (sekundær diskretionering), så et skjult tal ikke kan regnes ' +
        'tilbage fra totaler eller andre tabeller.',
    },
    { label: 'Andele', value: 'Andele er vist i procent; 95 %-intervaller er Wilson-intervaller.' },
    { label: 'Udtræk', value: request },
  ];
}
