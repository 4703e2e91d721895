import type { BenefitType, IsoDate, Offer, Provider } from './records.ts';

/**
 * An outcome measure as data (measures.md §3): months [fromMonth, toMonth) after the anchor,
 * success when at least `minSelfSufficientMonths` of them are self-sufficient.
 */
export interface MeasureDefinition {
  key: string;
  /** Danish label shown to users, e.g. "3 mdr. effekt". */
  label: string;
  anchor: 'start' | 'end';
  fromMonth: number;
  /** Exclusive. */
  toMonth: number;
  minSelfSufficientMonths: number;
}

/** The dimensions a table can be grouped on. `period` groups by the `periodUnit`. */
export const GROUP_KEYS = [
  'offer',
  'provider',
  'package',
  'providerKind',
  'targetGroup',
  'industry',
  'period',
] as const;
export type GroupKey = (typeof GROUP_KEYS)[number];

export type PeriodUnit = 'halfYear' | 'quarter' | 'year';

export interface DateRange {
  /** Inclusive. */
  from: IsoDate;
  /** Inclusive. */
  to: IsoDate;
}

/** Reference data the engine looks up while it streams persons. */
export interface Catalog {
  benefitTypes: readonly BenefitType[];
  offers: readonly Offer[];
  providers: readonly Provider[];
}

export interface EngineConfig {
  /** Data cut-off; benefit data are complete up to and including this day. Never "today". */
  asOf: IsoDate;
  catalog: Catalog;
  /** Defaults to DEFAULT_MEASURES. */
  measures?: readonly MeasureDefinition[];
  /** Defaults to no grouping: one cell for everything. */
  groupBy?: readonly GroupKey[];
  /** Only records attributed to a day in this range count; absent = all time. */
  period?: DateRange;
  /** Unit of the `period` grouping key; defaults to halfYear. */
  periodUnit?: PeriodUnit;
  /** Cells with exact n below this are suppressed; default 5. */
  minCellSize?: number;
  /**
   * The installation's disclosure secret (at least 16 characters): record keys of the cell key
   * method are derived from it, so published counts can be perturbed (measures.md §4). Needed
   * to publish figures from persons; fine cells computed without it give exact figures only.
   */
  disclosureKey?: string;
  /**
   * Exact figures, for the data owner only: no suppression and no perturbation. Default false:
   * small cells suppressed, every count perturbed by its cell key.
   */
  exact?: boolean;
}
