import type { RecordKind, RecordsByKind } from '@evg/effects';

/** SQL type of a staged column; staging receives one typed array per column (see staging.ts). */
export type ColumnType = 'text' | 'date' | 'boolean' | 'integer';

export interface ColumnSpec<R> {
  /** Column of both the staging table and the target table. */
  name: string;
  type: ColumnType;
  value: (record: R) => string | number | boolean | null;
}

/** A column that must name an existing row of another table (the contract's "references exist"). */
export interface ReferenceSpec {
  column: string;
  table: string;
  targetColumn: string;
  /** How the error names what is missing, e.g. 'person'. */
  noun: string;
  /** Whether the value may be shown in the error (never for person ids). */
  echo: boolean;
}

export interface KindSpec<K extends RecordKind> {
  table: string;
  columns: ColumnSpec<RecordsByKind[K]>[];
  /** The contract's key (conflict target). benefit_periods has two; see upsert.ts. */
  key: string[];
  references: ReferenceSpec[];
}

const col = <R>(name: string, type: ColumnType, value: ColumnSpec<R>['value']): ColumnSpec<R> => ({
  name,
  type,
  value,
});

const personRef: ReferenceSpec = {
  column: 'person_id',
  table: 'persons',
  targetColumn: 'person_id',
  noun: 'person',
  echo: false,
};
const offerRef: ReferenceSpec = {
  column: 'offer_id',
  table: 'offers',
  targetColumn: 'offer_id',
  noun: 'offer',
  echo: true,
};

/** How each record kind maps onto its table. Offers' target groups and industries are staged apart and replaced per offer (upsert.ts). */
export const kindSpecs: { [K in RecordKind]: KindSpec<K> } = {
  benefit_types: {
    table: 'benefit_types',
    columns: [
      col('code', 'text', (r) => r.code),
      col('public_support', 'boolean', (r) => r.publicSupport),
      col('name', 'text', (r) => r.name),
    ],
    key: ['code'],
    references: [],
  },
  target_groups: {
    table: 'target_groups',
    columns: [col('code', 'text', (r) => r.code), col('name', 'text', (r) => r.name)],
    key: ['code'],
    references: [],
  },
  industries: {
    table: 'industries',
    columns: [col('code', 'text', (r) => r.code), col('name', 'text', (r) => r.name)],
    key: ['code'],
    references: [],
  },
  providers: {
    table: 'providers',
    columns: [
      col('provider_id', 'text', (r) => r.providerId),
      col('name', 'text', (r) => r.name),
      col('kind', 'text', (r) => r.kind),
      col('framework_agreement', 'text', (r) => r.frameworkAgreement),
    ],
    key: ['provider_id'],
    references: [],
  },
  offers: {
    table: 'offers',
    columns: [
      col('offer_id', 'text', (r) => r.offerId),
      col('provider_id', 'text', (r) => r.providerId),
      col('name', 'text', (r) => r.name),
      col('package', 'text', (r) => r.package),
      col('description', 'text', (r) => r.description),
      col('price_dkk', 'integer', (r) => r.priceDkk),
      col('hours_per_week', 'integer', (r) => r.hoursPerWeek),
      col('duration_weeks', 'integer', (r) => r.durationWeeks),
      col('accessible', 'boolean', (r) => r.accessible),
      col('result_bonus_dkk', 'integer', (r) => r.resultBonusDkk),
      col('valid_from', 'date', (r) => r.validFrom),
      col('valid_to', 'date', (r) => r.validTo),
    ],
    key: ['offer_id'],
    references: [
      {
        column: 'provider_id',
        table: 'providers',
        targetColumn: 'provider_id',
        noun: 'provider',
        echo: true,
      },
    ],
  },
  persons: {
    table: 'persons',
    columns: [col('person_id', 'text', (r) => r.personId), col('birth_date', 'date', (r) => r.birthDate)],
    key: ['person_id'],
    references: [],
  },
  benefit_periods: {
    table: 'benefit_periods',
    columns: [
      col('period_id', 'text', (r) => r.periodId),
      col('person_id', 'text', (r) => r.personId),
      col('benefit_type', 'text', (r) => r.benefitType),
      col('start_date', 'date', (r) => r.startDate),
      col('end_date', 'date', (r) => r.endDate),
    ],
    key: ['person_id', 'benefit_type', 'start_date'],
    references: [
      personRef,
      {
        column: 'benefit_type',
        table: 'benefit_types',
        targetColumn: 'code',
        noun: 'benefit type',
        echo: true,
      },
    ],
  },
  enrollments: {
    table: 'enrollments',
    columns: [
      col('enrollment_id', 'text', (r) => r.enrollmentId),
      col('person_id', 'text', (r) => r.personId),
      col('offer_id', 'text', (r) => r.offerId),
      col('target_group', 'text', (r) => r.targetGroup),
      col('start_date', 'date', (r) => r.startDate),
      col('end_date', 'date', (r) => r.endDate),
      col('company_oriented', 'boolean', (r) => r.companyOriented),
      col('end_reason', 'text', (r) => r.endReason),
    ],
    key: ['enrollment_id'],
    references: [
      personRef,
      offerRef,
      {
        column: 'target_group',
        table: 'target_groups',
        targetColumn: 'code',
        noun: 'target group',
        echo: true,
      },
    ],
  },
  survey_responses: {
    table: 'survey_responses',
    columns: [
      col('response_id', 'text', (r) => r.responseId),
      col('enrollment_id', 'text', (r) => r.enrollmentId),
      col('answered_on', 'date', (r) => r.answeredOn),
      col('satisfaction', 'integer', (r) => r.satisfaction),
      col('closer_to_job', 'integer', (r) => r.closerToJob),
    ],
    key: ['response_id'],
    references: [
      {
        column: 'enrollment_id',
        table: 'enrollments',
        targetColumn: 'enrollment_id',
        noun: 'enrollment',
        echo: true,
      },
    ],
  },
  complaints: {
    table: 'complaints',
    columns: [
      col('complaint_id', 'text', (r) => r.complaintId),
      col('offer_id', 'text', (r) => r.offerId),
      col('received_on', 'date', (r) => r.receivedOn),
      col('category', 'text', (r) => r.category),
    ],
    key: ['complaint_id'],
    references: [offerRef],
  },
  supervisions: {
    table: 'supervisions',
    columns: [
      col('supervision_id', 'text', (r) => r.supervisionId),
      col('offer_id', 'text', (r) => r.offerId),
      col('visited_on', 'date', (r) => r.visitedOn),
      col('smiley', 'text', (r) => r.smiley),
      col('note', 'text', (r) => r.note),
    ],
    key: ['supervision_id'],
    references: [offerRef],
  },
};

/** Record kinds whose `person_id` is pseudonymised when an import asks for it. */
export const PERSON_ID_KINDS: ReadonlySet<RecordKind> = new Set([
  'persons',
  'benefit_periods',
  'enrollments',
]);
