// Small builders for engine tests: records with only the fields a test cares about.
import type {
  BenefitPeriod,
  Catalog,
  Complaint,
  EngineConfig,
  Enrollment,
  Offer,
  PersonRecords,
  SurveyResponse,
} from '../../src/index.ts';

export const AS_OF = '2026-10-31';

export function offer(offerId: string, overrides: Partial<Offer> = {}): Offer {
  return {
    offerId,
    providerId: 'P1',
    name: `Tilbud ${offerId}`,
    package: 'jobpakke',
    description: null,
    targetGroups: ['kontanthjaelp'],
    industries: [],
    priceDkk: null,
    hoursPerWeek: null,
    durationWeeks: null,
    accessible: null,
    resultBonusDkk: null,
    validFrom: null,
    validTo: null,
    ...overrides,
  };
}

export function catalog(offers: Offer[] = [offer('O1'), offer('O2')]): Catalog {
  return {
    benefitTypes: [
      { code: 'kontanthjaelp', publicSupport: true, name: 'Kontanthjælp' },
      { code: 'dagpenge', publicSupport: true, name: 'Dagpenge' },
      { code: 'su', publicSupport: false, name: 'SU' },
    ],
    offers,
    providers: [
      { providerId: 'P1', name: 'Leverandør 1', kind: 'external', frameworkAgreement: null },
      { providerId: 'P2', name: 'Jobcenter', kind: 'internal', frameworkAgreement: null },
    ],
  };
}

/** A disclosure secret for tests of published figures. */
export const TEST_DISCLOSURE_KEY = 'evg-test-disclosure-key-0001';

/** Exact figures (the arithmetic of measures.md, no disclosure control). */
export function config(overrides: Partial<EngineConfig> = {}): EngineConfig {
  return { asOf: AS_OF, catalog: catalog(), exact: true, ...overrides };
}

/** Published figures: suppression and cell key perturbation under TEST_DISCLOSURE_KEY. */
export function publishedConfig(overrides: Partial<EngineConfig> = {}): EngineConfig {
  return { asOf: AS_OF, catalog: catalog(), disclosureKey: TEST_DISCLOSURE_KEY, ...overrides };
}

let sequence = 0;

export function period(
  startDate: string,
  endDate: string | null,
  benefitType = 'kontanthjaelp',
): BenefitPeriod {
  return { personId: 'p', benefitType, startDate, endDate, periodId: null };
}

export function enrollment(
  startDate: string,
  endDate: string | null,
  overrides: Partial<Enrollment> = {},
): Enrollment {
  sequence++;
  return {
    enrollmentId: `e${sequence}`,
    personId: 'p',
    offerId: 'O1',
    targetGroup: 'kontanthjaelp',
    startDate,
    endDate,
    companyOriented: false,
    endReason: null,
    ...overrides,
  };
}

export function person(
  enrollments: Enrollment[],
  benefitPeriods: BenefitPeriod[] = [],
  options: { birthDate?: string | null; surveyResponses?: SurveyResponse[] } = {},
): PersonRecords {
  const birthDate = options.birthDate === undefined ? '1990-06-15' : options.birthDate;
  return {
    person: birthDate === null ? null : { personId: 'p', birthDate },
    benefitPeriods,
    enrollments,
    surveyResponses: options.surveyResponses ?? [],
  };
}

export function response(
  enrollmentId: string,
  answeredOn: string,
  satisfaction: number | null,
  closerToJob: number | null,
): SurveyResponse {
  sequence++;
  return { responseId: `r${sequence}`, enrollmentId, answeredOn, satisfaction, closerToJob };
}

export function complaint(offerId: string, receivedOn: string): Complaint {
  sequence++;
  return { complaintId: `c${sequence}`, offerId, receivedOn, category: null };
}

/** `count` copies of a person (fresh enrollment ids), to get past the disclosure rule. */
export function copies(count: number, make: () => PersonRecords): PersonRecords[] {
  return Array.from({ length: count }, make);
}
