import type { MeasureDefinition, ProviderKind, Smiley } from '@evg/effects';
import type { ColumnType, Generated, Insertable, Kysely, Selectable } from 'kysely';

/**
 * Kysely's view of the EVG schema (migrations/). Dates are ISO `YYYY-MM-DD` strings and
 * numerics are numbers: `create-db.ts` installs type parsers to that effect.
 */

/** A column PostgreSQL fills in (default or identity) but that may also be given. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;
/** timestamptz: read as Date, written as Date or ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface BenefitTypesTable {
  code: string;
  public_support: boolean;
  name: string | null;
}

export interface CodeListTable {
  code: string;
  name: string | null;
}

export interface ProvidersTable {
  provider_id: string;
  name: string;
  kind: ProviderKind;
  framework_agreement: string | null;
}

export interface OffersTable {
  offer_id: string;
  provider_id: string;
  name: string;
  package: string;
  description: string | null;
  price_dkk: number | null;
  hours_per_week: number | null;
  duration_weeks: number | null;
  accessible: boolean | null;
  result_bonus_dkk: number | null;
  valid_from: string | null;
  valid_to: string | null;
  /** Generated Danish full-text vector over name and description; never written. */
  /** Generated from the texts (migrations); PostgreSQL reports generated columns as nullable. */
  search: ColumnType<string | null, never, never>;
}

export interface OfferTargetGroupsTable {
  offer_id: string;
  target_group: string;
  position: number;
}

export interface OfferIndustriesTable {
  offer_id: string;
  industry: string;
  position: number;
}

export interface PersonsTable {
  person_id: string;
  birth_date: string;
}

export interface BenefitPeriodsTable {
  id: Generated<number>;
  period_id: string | null;
  person_id: string;
  benefit_type: string;
  start_date: string;
  end_date: string | null;
}

export interface EnrollmentsTable {
  enrollment_id: string;
  person_id: string;
  offer_id: string;
  target_group: string;
  start_date: string;
  end_date: string | null;
  company_oriented: Defaulted<boolean>;
  end_reason: string | null;
}

export interface SurveyResponsesTable {
  response_id: string;
  enrollment_id: string;
  answered_on: string;
  satisfaction: number | null;
  closer_to_job: number | null;
}

export interface ComplaintsTable {
  complaint_id: string;
  offer_id: string;
  received_on: string;
  category: string | null;
}

export interface SupervisionsTable {
  supervision_id: string;
  offer_id: string;
  visited_on: string;
  smiley: Smiley;
  note: string | null;
}

export type ImportOutcome = 'ok' | 'rejected' | 'failed';

export interface ImportBatchesTable {
  id: Generated<number>;
  kind: string;
  source: string;
  key_id: string | null;
  started_at: Timestamp;
  finished_at: Timestamp;
  rows_received: number;
  rows_stored: number;
  outcome: ImportOutcome;
  errors: ColumnType<unknown[], string, string>;
  /** The extract's cut-off: declared with the import, or assumed (see `as_of_source`); null without either. */
  as_of: Defaulted<string | null>;
  as_of_source: Defaulted<AsOfSource | null>;
  /** Whether the batch carried benefit periods: only their cut-offs date a refresh. */
  benefit_periods: Defaulted<boolean>;
}

/** How an import's cut-off was set: given with the import, or the latest start date of its benefit periods. */
export type AsOfSource = 'declared' | 'assumed';
/** Where a refresh took its cut-off from: an import's (declared or assumed), or EVG_AS_OF / `--as-of`. */
export type RefreshAsOfSource = AsOfSource | 'override';

export type ApiKeyRole = 'caseworker' | 'bi' | 'ingest' | 'analyst' | 'admin';

export interface ApiKeysTable {
  id: Generated<string>;
  name: string;
  /** Lower-case hex SHA-256 of the secret; the secret itself is never stored. */
  key_hash: string;
  role: ApiKeyRole;
  created_at: Generated<Date>;
  revoked_at: Timestamp | null;
}

export interface DataVersionsTable {
  version: number;
  created_at: Generated<Date>;
  as_of: string;
  status: 'current' | 'superseded';
  /** The measure definitions the version was computed with; null = the four defaults. */
  measures: ColumnType<MeasureDefinition[] | null, string | null | undefined, string | null>;
  /** SHA-256 of what the version publishes (refresh/version-digest.ts); null before 2026-12-03. */
  content_digest: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A measure a municipality defined (the defaults live in code, never here). */
export interface MeasuresTable {
  key: string;
  label_da: string;
  label_en: string;
  anchor: 'start' | 'end';
  from_month: number;
  to_month: number;
  min_self_sufficient_months: number;
  updated_at: Generated<Date>;
}

/** Which outcome measure triggers an offer's result bonus (none stored = effect3m). */
export interface BonusRulesTable {
  offer_id: string;
  measure_key: string;
  updated_at: Generated<Date>;
}

export interface EffectFineCellsTable {
  data_version: number;
  offer_id: string;
  target_group: string;
  month: string;
  counters: ColumnType<unknown, string, string>;
}

export interface EffectCellsTable {
  data_version: number;
  grouping: string;
  offer_id: string | null;
  provider_id: string | null;
  package: string | null;
  provider_kind: string | null;
  target_group: string | null;
  industry: string | null;
  period: string | null;
  cell: ColumnType<unknown, string, string>;
}

export type RefreshStatusValue = 'running' | 'succeeded' | 'failed';

export interface RefreshRunsTable {
  id: Generated<number>;
  status: RefreshStatusValue;
  started_at: Generated<Date>;
  finished_at: Timestamp | null;
  duration_ms: number | null;
  data_version: number | null;
  as_of: string | null;
  as_of_source: Defaulted<RefreshAsOfSource | null>;
  persons: number | null;
  error: string | null;
}

/**
 * One row per committed transaction that wrote the catalogue (a trigger writes it): readers
 * count them to notice a catalogue change made by another process (README "Scaling out").
 */
export interface CatalogChangesTable {
  xact: string;
  changed_at: Generated<Date>;
}

/** One read of exact figures (role analyst or admin), kept for the audit. */
export interface ExactReadsTable {
  id: Generated<string>;
  key_id: string;
  key_name: string;
  read_at: Generated<Date>;
  method: string;
  path: string;
  query: ColumnType<Record<string, unknown>, string, string>;
}

export interface Database {
  benefit_types: BenefitTypesTable;
  target_groups: CodeListTable;
  industries: CodeListTable;
  packages: CodeListTable;
  providers: ProvidersTable;
  offers: OffersTable;
  offer_target_groups: OfferTargetGroupsTable;
  offer_industries: OfferIndustriesTable;
  persons: PersonsTable;
  benefit_periods: BenefitPeriodsTable;
  enrollments: EnrollmentsTable;
  survey_responses: SurveyResponsesTable;
  complaints: ComplaintsTable;
  supervisions: SupervisionsTable;
  import_batches: ImportBatchesTable;
  api_keys: ApiKeysTable;
  exact_reads: ExactReadsTable;
  catalog_changes: CatalogChangesTable;
  data_versions: DataVersionsTable;
  measures: MeasuresTable;
  bonus_rules: BonusRulesTable;
  effect_fine_cells: EffectFineCellsTable;
  effect_cells: EffectCellsTable;
  refresh_runs: RefreshRunsTable;
}

/**
 * The EVG database as the layers above the data layer hold it: routes and `http/` pass a `Db`
 * to repositories without importing Kysely themselves (an ESLint rule keeps it so).
 */
export type Db = Kysely<Database>;

export type BenefitTypeRow = Selectable<BenefitTypesTable>;
export type CodeListRow = Selectable<CodeListTable>;
export type ProviderRow = Selectable<ProvidersTable>;
export type OfferRow = Selectable<OffersTable>;
export type PersonRow = Selectable<PersonsTable>;
export type BenefitPeriodRow = Selectable<BenefitPeriodsTable>;
export type EnrollmentRow = Selectable<EnrollmentsTable>;
export type SurveyResponseRow = Selectable<SurveyResponsesTable>;
export type ComplaintRow = Selectable<ComplaintsTable>;
export type SupervisionRow = Selectable<SupervisionsTable>;
export type ImportBatchRow = Selectable<ImportBatchesTable>;
export type NewImportBatch = Insertable<ImportBatchesTable>;
export type ApiKeyRow = Selectable<ApiKeysTable>;
export type NewApiKey = Insertable<ApiKeysTable>;
export type DataVersionRow = Selectable<DataVersionsTable>;
export type EffectCellRow = Selectable<EffectCellsTable>;
export type NewEffectCell = Insertable<EffectCellsTable>;
export type RefreshRunRow = Selectable<RefreshRunsTable>;
