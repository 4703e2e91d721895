import type { GroupKey, PeriodUnit } from '@evg/effects';

/** A materialised effect table: its name (the BI view `bi.<name>`) and engine grouping. */
export interface StandardGrouping {
  name: string;
  groupBy: readonly GroupKey[];
  periodUnit?: PeriodUnit;
}

/**
 * The groupings stored at every refresh, one per BI view of the initial migration. Any other
 * grouping is computed from the stored fine cells on request (read model), never here.
 */
export const STANDARD_GROUPINGS: readonly StandardGrouping[] = [
  { name: 'effects_by_offer', groupBy: ['offer'] },
  { name: 'effects_by_offer_target_group', groupBy: ['offer', 'targetGroup'] },
  { name: 'effects_by_offer_half_year', groupBy: ['offer', 'period'], periodUnit: 'halfYear' },
  { name: 'effects_by_provider', groupBy: ['provider'] },
  { name: 'effects_by_target_group', groupBy: ['targetGroup'] },
  { name: 'effects_by_industry', groupBy: ['industry'] },
  { name: 'effects_by_package', groupBy: ['package'] },
];
