import type {
  BenefitType,
  BonusRule,
  CodeListEntry,
  FineCell,
  MeasureDefinition,
  IsoDate,
  Offer,
  Provider,
  Supervision,
} from '@evg/effects';

/** The stored data version the read model was built from (one row of `data_versions`). */
export interface DataVersion {
  id: number;
  /** When the refresh that produced it completed; the `Last-Modified` of every effect table. */
  createdAt: Date;
  /** The data cut-off the effect tables were computed with. */
  asOf: IsoDate;
  /**
   * The outcome measures its fine cells carry counters for (the defaults and the custom ones
   * defined when the refresh ran); null for versions stored before measures were data.
   */
  measures?: readonly MeasureDefinition[] | null;
}

/**
 * Everything the read model holds, as loaded from the stored tables in one go: the fine cells
 * of the current data version and the catalogue around them. No person-level data.
 */
export interface Snapshot {
  /** Null while no refresh has completed yet: every effect figure is then empty. */
  dataVersion: DataVersion | null;
  fineCells: readonly FineCell[];
  offers: readonly Offer[];
  providers: readonly Provider[];
  targetGroups: readonly CodeListEntry[];
  industries: readonly CodeListEntry[];
  packages: readonly CodeListEntry[];
  benefitTypes: readonly BenefitType[];
  /** The latest supervision of each offer that has one. */
  latestSupervisions: readonly Supervision[];
  /**
   * The offers' own result bonus triggers (offers without one: effect3m); absent in fixtures
   * that have none.
   */
  bonusRules?: readonly BonusRule[];
  /**
   * How many catalogue changes the catalogue above includes (repositories/catalog-revision.ts);
   * absent where the source has no such count (fixtures).
   */
  catalogRevision?: number;
}

/** Where snapshots come from: the database in the service, a fixture in unit tests. */
export interface SnapshotSource {
  /** The id of the current data version, cheap to ask often; null when none yet. */
  currentVersionId(): Promise<number | null>;
  /** The current catalogue revision, as cheap; absent = catalogue changes are not watched. */
  currentCatalogRevision?(): Promise<number>;
  /** Loads the current data version and catalogue together, as of one moment. */
  load(): Promise<Snapshot>;
  /**
   * The same from where this process writes (the primary), when reads come from a replica that
   * may lag; absent = `load`. For the rebuild right after this process's own write.
   */
  loadLatest?(): Promise<Snapshot>;
}
