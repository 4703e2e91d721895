/**
 * The records of the EVG data contract (`docs/data-contract.md`), as they are after
 * parsing: field names in camelCase, dates as ISO `YYYY-MM-DD` strings, empty fields as null.
 * Dates stay strings here; the engine turns them into day numbers (see `day.ts`).
 */

/** ISO calendar date `YYYY-MM-DD`. */
export type IsoDate = string;

/** Who runs an offer: an external provider, the municipality's own centre, or another actor. */
export const PROVIDER_KINDS = ['external', 'internal', 'other_actor'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** The grades of a supervision visit (tilsyn), best first. */
export const SMILEYS = ['happy', 'neutral', 'sad'] as const;
export type Smiley = (typeof SMILEYS)[number];

export const PACKAGES = [
  'jobpakke',
  'uddannelsespakke',
  'motivationspakke',
  'sygedagpengepakke',
  'mentorpakke',
  'aktiv_stoettepakke',
] as const;
export type OfferPackage = (typeof PACKAGES)[number];

export interface BenefitType {
  code: string;
  publicSupport: boolean;
  name: string | null;
}

export interface CodeListEntry {
  code: string;
  name: string | null;
}

export interface Provider {
  providerId: string;
  name: string;
  kind: ProviderKind;
  frameworkAgreement: string | null;
}

export interface Offer {
  offerId: string;
  providerId: string;
  name: string;
  package: OfferPackage;
  description: string | null;
  targetGroups: string[];
  industries: string[];
  priceDkk: number | null;
  hoursPerWeek: number | null;
  durationWeeks: number | null;
  accessible: boolean | null;
  resultBonusDkk: number | null;
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
}

export interface Person {
  personId: string;
  birthDate: IsoDate;
}

export interface BenefitPeriod {
  personId: string;
  benefitType: string;
  startDate: IsoDate;
  /** Inclusive; null = still running. */
  endDate: IsoDate | null;
  periodId: string | null;
}

export interface Enrollment {
  enrollmentId: string;
  personId: string;
  offerId: string;
  targetGroup: string;
  startDate: IsoDate;
  /** Inclusive last day in the offer; null = still in the offer. */
  endDate: IsoDate | null;
  companyOriented: boolean;
  endReason: string | null;
}

export interface SurveyResponse {
  responseId: string;
  enrollmentId: string;
  answeredOn: IsoDate;
  satisfaction: number | null;
  closerToJob: number | null;
}

export interface Complaint {
  complaintId: string;
  offerId: string;
  receivedOn: IsoDate;
  category: string | null;
}

export interface Supervision {
  supervisionId: string;
  offerId: string;
  visitedOn: IsoDate;
  smiley: Smiley;
  note: string | null;
}

/** Every record kind of the contract, by its file name (without extension). */
export interface RecordsByKind {
  benefit_types: BenefitType;
  target_groups: CodeListEntry;
  industries: CodeListEntry;
  providers: Provider;
  offers: Offer;
  persons: Person;
  benefit_periods: BenefitPeriod;
  enrollments: Enrollment;
  survey_responses: SurveyResponse;
  complaints: Complaint;
  supervisions: Supervision;
}
export type RecordKind = keyof RecordsByKind;

/** The order in which record kinds must be loaded so that every reference resolves. */
export const RECORD_KINDS: readonly RecordKind[] = [
  'benefit_types',
  'target_groups',
  'industries',
  'providers',
  'offers',
  'persons',
  'benefit_periods',
  'enrollments',
  'survey_responses',
  'complaints',
  'supervisions',
];

/**
 * Everything the engine needs to know about one person: the unit of streaming.
 * `surveyResponses` are the answers to any of this person's enrollments.
 */
export interface PersonRecords {
  person: Person | null;
  benefitPeriods: BenefitPeriod[];
  enrollments: Enrollment[];
  surveyResponses: SurveyResponse[];
}
