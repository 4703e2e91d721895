import { z } from 'zod';
import { PACKAGES, PROVIDER_KINDS, SMILEYS, type RecordKind, type RecordsByKind } from '../records.ts';
import { looksLikeCpr } from './cpr.ts';
import {
  codeList,
  optionalBoolean,
  optionalDate,
  optionalInteger,
  optionalText,
  requiredBoolean,
  requiredDate,
  requiredEnum,
  requiredText,
} from './fields.ts';

/**
 * One zod schema per record kind of the data contract (`docs/data-contract.md`). Input:
 * a raw row with the contract's snake_case field names, from CSV (strings) or NDJSON (JSON
 * values). Output: the camelCase record of `records.ts`. Unknown fields are an error.
 * These schemas are the definition of validity; `fast-parse.ts` must agree with them.
 */

/**
 * The longest text each kind of field takes, in characters. Ids and codes are database keys
 * (a b-tree entry holds at most about 2,700 bytes, and a 9 KB id once answered 500); names are
 * shown in lists; descriptions and notes are free text. Generous for real registers.
 */
export const TEXT_LIMITS = { id: 100, name: 300, text: 10_000 } as const;

/**
 * The whole-number fields with a range, inclusive: an offer's hours a week and length in weeks
 * (the municipal packages' own bounds), and the survey's 1–5 answer scale. The fast CSV path,
 * the admin API and `evg synth` take the bounds from here.
 */
export const VALUE_RANGES = {
  hoursPerWeek: { min: 10, max: 37 },
  durationWeeks: { min: 1, max: 13 },
  surveyAnswer: { min: 1, max: 5 },
} as const;

const { hoursPerWeek, durationWeeks, surveyAnswer } = VALUE_RANGES;

const id = requiredText(TEXT_LIMITS.id);
const optionalId = optionalText(TEXT_LIMITS.id);
const name = requiredText(TEXT_LIMITS.name);
const optionalName = optionalText(TEXT_LIMITS.name);
const freeText = optionalText(TEXT_LIMITS.text);
const codes = codeList(TEXT_LIMITS.id);

const personId = id.refine((value) => !looksLikeCpr(value), {
  // Never echo the value: it may be a real CPR number.
  error: 'looks like a CPR number; import it with pseudonymisation instead',
});

/** end ≥ start, reported on the end field; only checked once both dates are valid. */
function checkEndNotBefore(
  ctx: z.RefinementCtx,
  start: string,
  end: string | null,
  endField: string,
  startField: string,
) {
  if (end !== null && end < start) {
    ctx.addIssue({ code: 'custom', path: [endField], message: `must not be before ${startField}` });
  }
}

const benefitTypes = z
  .strictObject({ code: id, public_support: requiredBoolean, name: optionalName.optional() })
  .transform((r) => ({ code: r.code, publicSupport: r.public_support, name: r.name ?? null }));

const codeListEntry = z
  .strictObject({ code: id, name: optionalName.optional() })
  .transform((r) => ({ code: r.code, name: r.name ?? null }));

const providers = z
  .strictObject({
    provider_id: id,
    name,
    kind: requiredEnum(PROVIDER_KINDS),
    framework_agreement: optionalName.optional(),
  })
  .transform((r) => ({
    providerId: r.provider_id,
    name: r.name,
    kind: r.kind,
    frameworkAgreement: r.framework_agreement ?? null,
  }));

const offers = z
  .strictObject({
    offer_id: id,
    provider_id: id,
    name,
    package: requiredEnum(PACKAGES),
    description: freeText.optional(),
    target_groups: codes.optional(),
    industries: codes.optional(),
    price_dkk: optionalInteger(0).optional(),
    hours_per_week: optionalInteger(hoursPerWeek.min, hoursPerWeek.max).optional(),
    duration_weeks: optionalInteger(durationWeeks.min, durationWeeks.max).optional(),
    accessible: optionalBoolean.optional(),
    result_bonus_dkk: optionalInteger(0).optional(),
    valid_from: optionalDate.optional(),
    valid_to: optionalDate.optional(),
  })
  .transform((r) => ({
    offerId: r.offer_id,
    providerId: r.provider_id,
    name: r.name,
    package: r.package,
    description: r.description ?? null,
    targetGroups: r.target_groups ?? [],
    industries: r.industries ?? [],
    priceDkk: r.price_dkk ?? null,
    hoursPerWeek: r.hours_per_week ?? null,
    durationWeeks: r.duration_weeks ?? null,
    accessible: r.accessible ?? null,
    resultBonusDkk: r.result_bonus_dkk ?? null,
    validFrom: r.valid_from ?? null,
    validTo: r.valid_to ?? null,
  }))
  .superRefine((r, ctx) => {
    if (r.validFrom !== null) checkEndNotBefore(ctx, r.validFrom, r.validTo, 'valid_to', 'valid_from');
  });

const persons = z
  .strictObject({ person_id: personId, birth_date: requiredDate })
  .transform((r) => ({ personId: r.person_id, birthDate: r.birth_date }));

const benefitPeriods = z
  .strictObject({
    person_id: personId,
    benefit_type: id,
    start_date: requiredDate,
    end_date: optionalDate.optional(),
    period_id: optionalId.optional(),
  })
  .transform((r) => ({
    personId: r.person_id,
    benefitType: r.benefit_type,
    startDate: r.start_date,
    endDate: r.end_date ?? null,
    periodId: r.period_id ?? null,
  }))
  .superRefine((r, ctx) => checkEndNotBefore(ctx, r.startDate, r.endDate, 'end_date', 'start_date'));

const enrollments = z
  .strictObject({
    enrollment_id: id,
    person_id: personId,
    offer_id: id,
    target_group: id,
    start_date: requiredDate,
    end_date: optionalDate.optional(),
    company_oriented: optionalBoolean.optional(),
    end_reason: optionalName.optional(),
  })
  .transform((r) => ({
    enrollmentId: r.enrollment_id,
    personId: r.person_id,
    offerId: r.offer_id,
    targetGroup: r.target_group,
    startDate: r.start_date,
    endDate: r.end_date ?? null,
    companyOriented: r.company_oriented ?? false,
    endReason: r.end_reason ?? null,
  }))
  .superRefine((r, ctx) => checkEndNotBefore(ctx, r.startDate, r.endDate, 'end_date', 'start_date'));

const surveyResponses = z
  .strictObject({
    response_id: id,
    enrollment_id: id,
    answered_on: requiredDate,
    satisfaction: optionalInteger(surveyAnswer.min, surveyAnswer.max).optional(),
    closer_to_job: optionalInteger(surveyAnswer.min, surveyAnswer.max).optional(),
  })
  .transform((r) => ({
    responseId: r.response_id,
    enrollmentId: r.enrollment_id,
    answeredOn: r.answered_on,
    satisfaction: r.satisfaction ?? null,
    closerToJob: r.closer_to_job ?? null,
  }));

const complaints = z
  .strictObject({
    complaint_id: id,
    offer_id: id,
    received_on: requiredDate,
    category: optionalName.optional(),
  })
  .transform((r) => ({
    complaintId: r.complaint_id,
    offerId: r.offer_id,
    receivedOn: r.received_on,
    category: r.category ?? null,
  }));

const supervisions = z
  .strictObject({
    supervision_id: id,
    offer_id: id,
    visited_on: requiredDate,
    smiley: requiredEnum(SMILEYS),
    note: freeText.optional(),
  })
  .transform((r) => ({
    supervisionId: r.supervision_id,
    offerId: r.offer_id,
    visitedOn: r.visited_on,
    smiley: r.smiley,
    note: r.note ?? null,
  }));

/**
 * The schema of every record kind, by file name.
 *
 * @example
 * recordSchemas.persons.parse({ person_id: 'P0000001', birth_date: '1990-04-01' });
 * // → { personId: 'P0000001', birthDate: '1990-04-01' }
 */
export const recordSchemas: { [K in RecordKind]: z.ZodType<RecordsByKind[K], unknown> } = {
  benefit_types: benefitTypes,
  target_groups: codeListEntry,
  industries: codeListEntry,
  providers,
  offers,
  persons,
  benefit_periods: benefitPeriods,
  enrollments,
  survey_responses: surveyResponses,
  complaints,
  supervisions,
};

/** The field names each record kind accepts, in contract order (CSV column order of `evg synth`). */
export const recordFields: { [K in RecordKind]: readonly string[] } = {
  benefit_types: ['code', 'public_support', 'name'],
  target_groups: ['code', 'name'],
  industries: ['code', 'name'],
  providers: ['provider_id', 'name', 'kind', 'framework_agreement'],
  offers: [
    'offer_id',
    'provider_id',
    'name',
    'package',
    'description',
    'target_groups',
    'industries',
    'price_dkk',
    'hours_per_week',
    'duration_weeks',
    'accessible',
    'result_bonus_dkk',
    'valid_from',
    'valid_to',
  ],
  persons: ['person_id', 'birth_date'],
  benefit_periods: ['person_id', 'benefit_type', 'start_date', 'end_date', 'period_id'],
  enrollments: [
    'enrollment_id',
    'person_id',
    'offer_id',
    'target_group',
    'start_date',
    'end_date',
    'company_oriented',
    'end_reason',
  ],
  survey_responses: ['response_id', 'enrollment_id', 'answered_on', 'satisfaction', 'closer_to_job'],
  complaints: ['complaint_id', 'offer_id', 'received_on', 'category'],
  supervisions: ['supervision_id', 'offer_id', 'visited_on', 'smiley', 'note'],
};
