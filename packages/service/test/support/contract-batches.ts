/**
 * Import batches for the fuzz and fault tests: valid rows of every record kind of the data
 * contract (fresh keys, references to rows already stored), and the same batches with one
 * defect planted somewhere in the middle — the batch as a whole must then be refused.
 */
import { RECORD_KINDS, type RecordKind } from '@evg/effects';
import fc from 'fast-check';
import { CPR_LIKE, hostileString, SCRIPT_FRAGMENTS, SQL_FRAGMENTS } from './hostile-values.ts';

// The contract's kinds, in load order, from the engine that defines them.
export { RECORD_KINDS, type RecordKind };

/** The stored table and key column of each kind (benefit periods always carry a period_id here). */
export const KEY_COLUMN: Record<RecordKind, { table: RecordKind; column: string }> = {
  benefit_types: { table: 'benefit_types', column: 'code' },
  target_groups: { table: 'target_groups', column: 'code' },
  industries: { table: 'industries', column: 'code' },
  providers: { table: 'providers', column: 'provider_id' },
  offers: { table: 'offers', column: 'offer_id' },
  persons: { table: 'persons', column: 'person_id' },
  benefit_periods: { table: 'benefit_periods', column: 'period_id' },
  enrollments: { table: 'enrollments', column: 'enrollment_id' },
  survey_responses: { table: 'survey_responses', column: 'response_id' },
  complaints: { table: 'complaints', column: 'complaint_id' },
  supervisions: { table: 'supervisions', column: 'supervision_id' },
};

/** Stored rows the new rows may refer to. */
export interface References {
  personId: string;
  offerId: string;
  providerId: string;
  targetGroup: string;
  industry: string;
  benefitType: string;
  enrollmentId: string;
}

type Row = Record<string, string | null>;

/** Free-text fields, where SQL and script fragments must be stored verbatim, not executed. */
export const TEXT_FIELDS: Partial<Record<RecordKind, string>> = {
  benefit_types: 'name',
  target_groups: 'name',
  industries: 'name',
  providers: 'name',
  offers: 'description',
  complaints: 'category',
  supervisions: 'note',
};

/** A valid row of `kind` with key `key`; `text` goes into the kind's free-text field. */
export function validRow(kind: RecordKind, key: string, refs: References, text: string): Row {
  switch (kind) {
    case 'benefit_types':
      return { code: key, public_support: 'true', name: text };
    case 'target_groups':
    case 'industries':
      return { code: key, name: text };
    case 'providers':
      return { provider_id: key, name: text || 'Leverandør', kind: 'external' };
    case 'offers':
      return {
        offer_id: key,
        provider_id: refs.providerId,
        name: 'Fuzz-tilbud',
        package: 'jobpakke',
        description: text,
        target_groups: refs.targetGroup,
        industries: refs.industry,
        price_dkk: '12000',
        hours_per_week: '20',
        duration_weeks: '8',
        accessible: 'true',
      };
    case 'persons':
      return { person_id: key, birth_date: '1990-05-17' };
    case 'benefit_periods':
      return {
        period_id: key,
        person_id: refs.personId,
        benefit_type: refs.benefitType,
        start_date: '2024-01-01',
        end_date: '2024-02-15',
      };
    case 'enrollments':
      return {
        enrollment_id: key,
        person_id: refs.personId,
        offer_id: refs.offerId,
        target_group: refs.targetGroup,
        start_date: '2024-03-01',
        end_date: '2024-04-30',
        company_oriented: 'false',
      };
    case 'survey_responses':
      return {
        response_id: key,
        enrollment_id: refs.enrollmentId,
        answered_on: '2024-05-02',
        satisfaction: '4',
      };
    case 'complaints':
      return { complaint_id: key, offer_id: refs.offerId, received_on: '2024-05-03', category: text };
    case 'supervisions':
      return {
        supervision_id: key,
        offer_id: refs.offerId,
        visited_on: '2024-05-04',
        smiley: 'happy',
        note: text,
      };
  }
}

const DATE_FIELD: Partial<Record<RecordKind, string>> = {
  persons: 'birth_date',
  benefit_periods: 'start_date',
  enrollments: 'start_date',
  survey_responses: 'answered_on',
  complaints: 'received_on',
  supervisions: 'visited_on',
};

/** A defect that makes the whole batch invalid, planted in one row. */
export type Defect =
  | 'unknown-column'
  | 'missing-required-column'
  | 'empty-required-field'
  | 'extra-field-in-row'
  | 'unbalanced-quote'
  | 'impossible-date'
  | 'end-before-start'
  | 'score-out-of-range'
  | 'cpr-like-person-id'
  | 'dangling-reference'
  | 'broken-ndjson-line'
  | 'ndjson-not-an-object';

/** A required field of `kind`: its key, except for benefit periods, whose period_id is optional. */
function firstField(kind: RecordKind): string {
  return kind === 'benefit_periods' ? 'person_id' : Object.keys(validRow(kind, 'k', dummyRefs, ''))[0]!;
}

const dummyRefs: References = {
  personId: 'p',
  offerId: 'o',
  providerId: 'v',
  targetGroup: 't',
  industry: 'i',
  benefitType: 'b',
  enrollmentId: 'e',
};

/** The defects that apply to `kind` in `format`. */
export function defectsFor(kind: RecordKind, format: 'csv' | 'ndjson'): Defect[] {
  const defects: Defect[] = ['unknown-column', 'missing-required-column', 'empty-required-field'];
  if (format === 'csv') defects.push('extra-field-in-row', 'unbalanced-quote');
  else defects.push('broken-ndjson-line', 'ndjson-not-an-object');
  if (DATE_FIELD[kind]) defects.push('impossible-date');
  if (kind === 'benefit_periods' || kind === 'enrollments') defects.push('end-before-start');
  if (kind === 'survey_responses') defects.push('score-out-of-range');
  if (kind === 'persons') defects.push('cpr-like-person-id');
  if (
    ['offers', 'benefit_periods', 'enrollments', 'survey_responses', 'complaints', 'supervisions'].includes(
      kind,
    )
  ) {
    defects.push('dangling-reference');
  }
  return defects;
}

function csvField(value: string | null): string {
  if (value === null) return '';
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export interface Batch {
  kind: RecordKind;
  format: 'csv' | 'ndjson';
  contentType: string;
  payload: string;
  /** Keys of the rows in the batch, none of which was stored before. */
  keys: string[];
  defect: Defect | undefined;
}

/**
 * A batch of `keys.length` rows; with a defect, row `defectAt` carries it.
 *
 * @example
 *   const batch = buildBatch('persons', 'csv', ['fz-1', 'fz-2'], refs, ['x', 'y'], 'impossible-date', 1);
 */
export function buildBatch(
  kind: RecordKind,
  format: 'csv' | 'ndjson',
  keys: string[],
  refs: References,
  texts: string[],
  defect: Defect | undefined,
  defectAt: number,
): Batch {
  const rows = keys.map((key, i) => validRow(kind, key, refs, texts[i % texts.length] ?? ''));
  let columns = Object.keys(rows[0]!);
  const target = rows[defectAt % rows.length]!;
  switch (defect) {
    case 'unknown-column':
      columns = [...columns, 'colour'];
      for (const row of rows) row.colour = 'blå';
      break;
    case 'missing-required-column': {
      const field = firstField(kind);
      columns = columns.filter((c) => c !== field);
      for (const row of rows) delete row[field];
      break;
    }
    case 'empty-required-field':
      target[firstField(kind)] = null;
      break;
    case 'impossible-date':
      target[DATE_FIELD[kind]!] = '2026-02-30';
      break;
    case 'end-before-start':
      target.end_date = '2023-12-31';
      break;
    case 'score-out-of-range':
      target.satisfaction = '6';
      break;
    case 'cpr-like-person-id':
      target.person_id = CPR_LIKE[defectAt % CPR_LIKE.length]!;
      break;
    case 'dangling-reference': {
      const field = ['offer_id', 'person_id', 'enrollment_id', 'provider_id'].find(
        (f) => f in target && f !== KEY_COLUMN[kind].column,
      )!;
      target[field] = 'findes-ikke-42';
      break;
    }
    default:
      break;
  }

  let lines: string[];
  if (format === 'csv') {
    lines = [columns.join(','), ...rows.map((row) => columns.map((c) => csvField(row[c] ?? null)).join(','))];
    const at = (defectAt % rows.length) + 1;
    if (defect === 'extra-field-in-row') lines[at] += ',overskydende';
    if (defect === 'unbalanced-quote') lines[at] = `"${lines[at]}`;
  } else {
    lines = rows.map((row) =>
      JSON.stringify(Object.fromEntries(columns.filter((c) => c in row).map((c) => [c, row[c]]))),
    );
    const at = defectAt % rows.length;
    if (defect === 'broken-ndjson-line') lines[at] = lines[at]!.slice(0, Math.max(1, lines[at]!.length - 7));
    if (defect === 'ndjson-not-an-object') lines[at] = '[1,2,3]';
  }
  return {
    kind,
    format,
    contentType: format === 'csv' ? 'text/csv' : 'application/x-ndjson',
    payload: lines.join(format === 'csv' && defectAt % 2 === 0 ? '\r\n' : '\n') + '\n',
    keys,
    defect,
  };
}

let serial = 0;

/** Fresh keys no other batch of this process uses. */
export function freshKeys(count: number, prefix = 'fz'): string[] {
  serial++;
  return Array.from({ length: count }, (_, i) => `${prefix}-${process.pid}-${serial}-${i}`);
}

/** Text for free-text fields: ordinary Danish words, or the hostile catalogue. */
export const fieldText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('Rengøring og service', 'Mentor, "erfaren"', 'Linje 1\nLinje 2', 'æøå'),
  fc.constantFrom(...SQL_FRAGMENTS, ...SCRIPT_FRAGMENTS),
  hostileString.filter((s) => !s.includes('\u0000') && s.length < 200),
);
