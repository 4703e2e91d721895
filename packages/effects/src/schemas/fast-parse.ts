import type { RecordKind, RecordsByKind } from '../records.ts';
import { PACKAGES, PROVIDER_KINDS, SMILEYS } from '../records.ts';
import { looksLikeCpr } from './cpr.ts';
import { isIsoDate } from './iso-date.ts';
import { recordFields as FIELDS, TEXT_LIMITS, VALUE_RANGES } from './record-schemas.ts';

/**
 * The fast path for CSV rows: turns a row's strings straight into a record when the row is
 * valid, or returns undefined when it is not (or when the fast path is unsure). Callers then
 * run `parseRecord` on the row, which is the definition of validity and gives the issues.
 * The rule: whenever a fast parser returns a record, `parseRecord` returns the same record
 * (`fast-parse.test.ts` checks it on generated good and bad rows). It exists because the zod
 * schemas cost about 0.5 µs and several allocations per row, which dominated reading ten
 * million rows.
 *
 * @example
 * const parse = compileCsvParser('persons', ['person_id', 'birth_date']);
 * parse(['P0000001', '1990-04-01']); // { personId: 'P0000001', birthDate: '1990-04-01' }
 * parse(['P0000001', '1990-02-30']); // undefined: ask parseRecord why
 */
export function compileCsvParser<K extends RecordKind>(
  kind: K,
  header: readonly string[],
): (values: readonly string[]) => RecordsByKind[K] | undefined {
  const known = FIELDS[kind];
  // Unknown or repeated columns: let zod report them on every row.
  if (header.some((column, i) => !known.includes(column) || header.indexOf(column) !== i))
    return () => undefined;
  const at = (field: string) => header.indexOf(field);
  return BUILDERS[kind](at) as (values: readonly string[]) => RecordsByKind[K] | undefined;
}

/** Signals an invalid or unusual value inside a builder. */
class Reject extends Error {}
const REJECT = new Reject();

type Builder = (at: (field: string) => number) => (values: readonly string[]) => unknown;

const { id: ID, name: NAME, text: TEXT } = TEXT_LIMITS;
const { hoursPerWeek: HOURS, durationWeeks: WEEKS, surveyAnswer: ANSWER } = VALUE_RANGES;

// `max` counts UTF-16 code units, as zod's `.max` on a string does.
function text(values: readonly string[], i: number, max = Infinity): string {
  const value = i < 0 ? '' : (values[i] as string);
  if (value === '' || value.length > max) throw REJECT;
  return value;
}

function optionalText(values: readonly string[], i: number, max = Infinity): string | null {
  const value = i < 0 ? '' : (values[i] as string);
  if (value.length > max) throw REJECT;
  return value === '' ? null : value;
}

function personId(values: readonly string[], i: number): string {
  const value = text(values, i, ID);
  if (looksLikeCpr(value)) throw REJECT;
  return value;
}

function date(values: readonly string[], i: number): string {
  const value = text(values, i);
  if (!isIsoDate(value)) throw REJECT;
  return value;
}

function optionalDate(values: readonly string[], i: number): string | null {
  const value = optionalText(values, i);
  if (value !== null && !isIsoDate(value)) throw REJECT;
  return value;
}

function optionalBoolean(values: readonly string[], i: number): boolean | null {
  const value = optionalText(values, i);
  if (value === null) return null;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw REJECT;
}

function optionalInteger(values: readonly string[], i: number, min: number, max: number): number | null {
  const value = optionalText(values, i);
  if (value === null) return null;
  // Same text as the zod schema takes (a sign is allowed; `-0` is 0), range checked below.
  if (!/^-?\d{1,15}$/.test(value)) throw REJECT;
  const n = Number(value) + 0;
  if (n < min || n > max) throw REJECT;
  return n;
}

function codes(values: readonly string[], i: number): string[] {
  const value = optionalText(values, i);
  if (value === null) return [];
  const list = value
    .split(';')
    .map((code) => code.trim())
    .filter((code) => code !== '');
  if (list.some((code) => code.length > ID)) throw REJECT;
  return list;
}

function oneOf<T extends string>(values: readonly string[], i: number, allowed: readonly T[]): T {
  const value = text(values, i);
  if (!(allowed as readonly string[]).includes(value)) throw REJECT;
  return value as T;
}

function guarded<T>(build: (values: readonly string[]) => T): (values: readonly string[]) => T | undefined {
  return (values) => {
    try {
      return build(values);
    } catch (error) {
      if (error === REJECT) return undefined;
      throw error;
    }
  };
}

const MAX = Number.MAX_SAFE_INTEGER;

const BUILDERS: { [K in RecordKind]: Builder } = {
  benefit_types: (at) => {
    const [code, pub, name] = [at('code'), at('public_support'), at('name')];
    return guarded((v) => {
      const publicSupport = optionalBoolean(v, pub);
      if (publicSupport === null) throw REJECT;
      return { code: text(v, code, ID), publicSupport, name: optionalText(v, name, NAME) };
    });
  },
  target_groups: (at) => codeListEntry(at),
  industries: (at) => codeListEntry(at),
  providers: (at) => {
    const [id, name, kind, framework] = [
      at('provider_id'),
      at('name'),
      at('kind'),
      at('framework_agreement'),
    ];
    return guarded((v) => ({
      providerId: text(v, id, ID),
      name: text(v, name, NAME),
      kind: oneOf(v, kind, PROVIDER_KINDS),
      frameworkAgreement: optionalText(v, framework, NAME),
    }));
  },
  offers: (at) => {
    const i = Object.fromEntries(FIELDS.offers.map((field) => [field, at(field)])) as Record<string, number>;
    return guarded((v) => {
      const record = {
        offerId: text(v, i.offer_id!, ID),
        providerId: text(v, i.provider_id!, ID),
        name: text(v, i.name!, NAME),
        package: oneOf(v, i.package!, PACKAGES),
        description: optionalText(v, i.description!, TEXT),
        targetGroups: codes(v, i.target_groups!),
        industries: codes(v, i.industries!),
        priceDkk: optionalInteger(v, i.price_dkk!, 0, MAX),
        hoursPerWeek: optionalInteger(v, i.hours_per_week!, HOURS.min, HOURS.max),
        durationWeeks: optionalInteger(v, i.duration_weeks!, WEEKS.min, WEEKS.max),
        accessible: optionalBoolean(v, i.accessible!),
        resultBonusDkk: optionalInteger(v, i.result_bonus_dkk!, 0, MAX),
        validFrom: optionalDate(v, i.valid_from!),
        validTo: optionalDate(v, i.valid_to!),
      };
      if (record.validFrom !== null && record.validTo !== null && record.validTo < record.validFrom)
        throw REJECT;
      return record;
    });
  },
  persons: (at) => {
    const [id, birth] = [at('person_id'), at('birth_date')];
    return guarded((v) => ({ personId: personId(v, id), birthDate: date(v, birth) }));
  },
  benefit_periods: (at) => {
    const [id, type, start, end, period] = [
      at('person_id'),
      at('benefit_type'),
      at('start_date'),
      at('end_date'),
      at('period_id'),
    ];
    return guarded((v) => {
      const record = {
        personId: personId(v, id),
        benefitType: text(v, type, ID),
        startDate: date(v, start),
        endDate: optionalDate(v, end),
        periodId: optionalText(v, period, ID),
      };
      if (record.endDate !== null && record.endDate < record.startDate) throw REJECT;
      return record;
    });
  },
  enrollments: (at) => {
    const [id, person, offer, group, start, end, company, reason] = [
      at('enrollment_id'),
      at('person_id'),
      at('offer_id'),
      at('target_group'),
      at('start_date'),
      at('end_date'),
      at('company_oriented'),
      at('end_reason'),
    ];
    return guarded((v) => {
      const record = {
        enrollmentId: text(v, id, ID),
        personId: personId(v, person),
        offerId: text(v, offer, ID),
        targetGroup: text(v, group, ID),
        startDate: date(v, start),
        endDate: optionalDate(v, end),
        companyOriented: optionalBoolean(v, company) ?? false,
        endReason: optionalText(v, reason, NAME),
      };
      if (record.endDate !== null && record.endDate < record.startDate) throw REJECT;
      return record;
    });
  },
  survey_responses: (at) => {
    const [id, enrollment, answered, satisfaction, closer] = [
      at('response_id'),
      at('enrollment_id'),
      at('answered_on'),
      at('satisfaction'),
      at('closer_to_job'),
    ];
    return guarded((v) => ({
      responseId: text(v, id, ID),
      enrollmentId: text(v, enrollment, ID),
      answeredOn: date(v, answered),
      satisfaction: optionalInteger(v, satisfaction, ANSWER.min, ANSWER.max),
      closerToJob: optionalInteger(v, closer, ANSWER.min, ANSWER.max),
    }));
  },
  complaints: (at) => {
    const [id, offer, received, category] = [
      at('complaint_id'),
      at('offer_id'),
      at('received_on'),
      at('category'),
    ];
    return guarded((v) => ({
      complaintId: text(v, id, ID),
      offerId: text(v, offer, ID),
      receivedOn: date(v, received),
      category: optionalText(v, category, NAME),
    }));
  },
  supervisions: (at) => {
    const [id, offer, visited, smiley, note] = [
      at('supervision_id'),
      at('offer_id'),
      at('visited_on'),
      at('smiley'),
      at('note'),
    ];
    return guarded((v) => ({
      supervisionId: text(v, id, ID),
      offerId: text(v, offer, ID),
      visitedOn: date(v, visited),
      smiley: oneOf(v, smiley, SMILEYS),
      note: optionalText(v, note, TEXT),
    }));
  },
};

function codeListEntry(at: (field: string) => number) {
  const [code, name] = [at('code'), at('name')];
  return guarded((v) => ({ code: text(v, code, ID), name: optionalText(v, name, NAME) }));
}
