import {
  ByteInterner,
  EffectsError,
  emptyPersonDays,
  isAsciiBytes,
  parseDay,
  recordKeyer,
  type EffectsAccumulator,
  type EngineConfig,
} from '@evg/effects';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { COPY_NULL, forEachCopyRow } from '../db/copy-text-rows.ts';
import { groupRows, IntColumn } from '../data-dir/int-column.ts';
import type { PersonRange } from './accumulate-range.ts';

/** Stand-in for NULL in an integer column (no day number or score comes near it). */
const NONE = -2147483648;

/**
 * The refresh's person pass at file speed: streams the person-level tables out of PostgreSQL
 * with `COPY … TO STDOUT` (text format, dates already as day numbers) into typed columns, the
 * same way `evg effects` reads its files (data-dir/person-columns.ts): person ids interned to
 * integers, rows grouped by a counting sort on them, every person handed to the engine as
 * numbers (`addPersonDays`). The four COPYs run in one read-only repeatable-read transaction
 * on `client`, so they see one snapshot. The stored rows passed the import's checks and the
 * foreign keys; a benefit type or offer missing from `config.catalog` still fails, as
 * `addPerson` fails on the row path. Returns the number of persons.
 *
 * @example
 * const persons = await accumulateByCopy(client, accumulator, config, { after: null, upTo: null });
 */
export async function accumulateByCopy(
  client: pg.PoolClient,
  accumulator: EffectsAccumulator,
  config: EngineConfig,
  range: PersonRange,
): Promise<number> {
  const recordKey = config.disclosureKey === undefined ? null : recordKeyer(config.disclosureKey);
  const asOf = parseDay(config.asOf, 'asOf');
  const inRange = (column: string) => {
    const conditions: string[] = [];
    if (range.after !== null) conditions.push(`${column} > ${client.escapeLiteral(range.after)}`);
    if (range.upTo !== null) conditions.push(`${column} <= ${client.escapeLiteral(range.upTo)}`);
    return conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
  };
  const copy = (query: string, fields: number, onRow: Parameters<typeof forEachCopyRow>[2]) =>
    forEachCopyRow(client.query(copyTo(`COPY (${query}) TO STDOUT`)), fields, onRow);
  const day = (column: string) => `${column} - DATE '1970-01-01'`;
  const text = (b: Buffer, s: number, e: number) =>
    b.toString(isAsciiBytes(b, s, e) ? 'latin1' : 'utf8', s, e);

  const benefitTypes = internAll(config.catalog.benefitTypes.map((t) => t.code));
  const isPublic = config.catalog.benefitTypes.map((t) => t.publicSupport);
  const offerIds = config.catalog.offers.map((o) => o.offerId);
  const offers = internAll(offerIds);
  const targetGroups = new ByteInterner();
  const targetGroupNames: string[] = [];
  const personIds = new ByteInterner();

  const surveyIds = new ByteInterner();
  const rEnrollment = new IntColumn();
  const rDay = new IntColumn();
  const rSatisfaction = new IntColumn();
  const rCloser = new IntColumn();
  const rKey = new IntColumn();
  const pPerson = new IntColumn();
  const pBirth = new IntColumn();
  const bPerson = new IntColumn();
  const bStart = new IntColumn();
  const bEnd = new IntColumn();
  const ePerson = new IntColumn();
  const eOffer = new IntColumn();
  const eGroup = new IntColumn();
  const eStart = new IntColumn();
  const eEnd = new IntColumn();
  const eCompany = new IntColumn();
  const eKey = new IntColumn();
  const eSurvey = new IntColumn();

  // A failure inside a COPY leaves the connection mid-stream: the caller discards the client.
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  const responseRange = inRange('e.person_id');
  await copy(
    `SELECT s.enrollment_id, s.response_id, ${day('s.answered_on')}, s.satisfaction, s.closer_to_job
       FROM survey_responses s${responseRange === '' ? '' : ` JOIN enrollments e USING (enrollment_id) ${responseRange}`}`,
    5,
    (b, s, e) => {
      rEnrollment.push(surveyIds.intern(b, s[0]!, e[0]!));
      rDay.push(integer(b, s[2]!, e[2]!));
      rSatisfaction.push(integer(b, s[3]!, e[3]!));
      rCloser.push(integer(b, s[4]!, e[4]!));
      rKey.push(recordKey === null ? 0 : recordKey('surveyResponse', text(b, s[1]!, e[1]!)) | 0);
    },
  );
  await copy(`SELECT person_id, ${day('birth_date')} FROM persons ${inRange('person_id')}`, 2, (b, s, e) => {
    pPerson.push(personIds.intern(b, s[0]!, e[0]!));
    pBirth.push(integer(b, s[1]!, e[1]!));
  });
  await copy(
    `SELECT person_id, benefit_type, ${day('start_date')}, ${day('end_date')}
       FROM benefit_periods ${inRange('person_id')}`,
    4,
    (b, s, e) => {
      const type = benefitTypes.lookup(b, s[1]!, e[1]!);
      if (type < 0) {
        throw new EffectsError(
          'unknown-benefit-type',
          `a benefit period has benefit type "${text(b, s[1]!, e[1]!)}", which is not in benefit_types`,
        );
      }
      if (!isPublic[type]) return;
      bPerson.push(personIds.intern(b, s[0]!, e[0]!));
      bStart.push(integer(b, s[2]!, e[2]!));
      bEnd.push(integer(b, s[3]!, e[3]!));
    },
  );
  await copy(
    `SELECT person_id, enrollment_id, offer_id, target_group, ${day('start_date')}, ${day('end_date')},
         company_oriented
       FROM enrollments ${inRange('person_id')}`,
    7,
    (b, s, e) => {
      const offer = offers.lookup(b, s[2]!, e[2]!);
      if (offer < 0) {
        throw new EffectsError(
          'unknown-offer',
          `an enrollment refers to offer "${text(b, s[2]!, e[2]!)}", which is not in offers`,
        );
      }
      let group = targetGroups.lookup(b, s[3]!, e[3]!);
      if (group < 0) {
        group = targetGroups.intern(b, s[3]!, e[3]!);
        targetGroupNames.push(b.toString('utf8', s[3]!, e[3]!));
      }
      const start = integer(b, s[4]!, e[4]!);
      ePerson.push(personIds.intern(b, s[0]!, e[0]!));
      eOffer.push(offer);
      eGroup.push(group);
      eStart.push(start);
      eEnd.push(integer(b, s[5]!, e[5]!));
      eCompany.push(b[s[6]!] === 116 /* t */ ? 1 : 0);
      // The key hashes the id's text: a string only when figures are published and counted.
      eKey.push(recordKey === null || start > asOf ? 0 : recordKey('enrollment', text(b, s[1]!, e[1]!)) | 0);
      eSurvey.push(surveyIds.lookup(b, s[1]!, e[1]!));
    },
  );
  await client.query('COMMIT');

  const personCount = personIds.size;
  const personRows = groupRows(pPerson, personCount);
  const periodRows = groupRows(bPerson, personCount);
  const enrollmentRows = groupRows(ePerson, personCount);
  const responseRows = groupRows(rEnrollment, surveyIds.size);

  const days = emptyPersonDays();
  let persons = 0;
  for (let p = 0; p < personCount; p++) {
    const pFrom = personRows.offsets[p]!;
    const bFrom = periodRows.offsets[p]!;
    const bTo = periodRows.offsets[p + 1]!;
    const eFrom = enrollmentRows.offsets[p]!;
    const eTo = enrollmentRows.offsets[p + 1]!;
    // The foreign keys give every period and enrollment its person row.
    if (pFrom === personRows.offsets[p + 1]) continue;
    persons++;
    days.birth = pBirth.data[personRows.order[pFrom]!]!;
    let periods = 0;
    for (let i = bFrom; i < bTo; i++) {
      const row = periodRows.order[i]!;
      days.periodStarts[periods] = bStart.data[row]!;
      const end = bEnd.data[row]!;
      days.periodEnds[periods] = end === NONE ? Infinity : end;
      periods++;
    }
    days.periodCount = periods;
    let count = 0;
    let responses = 0;
    for (let i = eFrom; i < eTo; i++) {
      const row = enrollmentRows.order[i]!;
      const end = eEnd.data[row]!;
      days.offerIds[count] = offerIds[eOffer.data[row]!]!;
      days.targetGroups[count] = targetGroupNames[eGroup.data[row]!]!;
      days.enrollmentStarts[count] = eStart.data[row]!;
      days.enrollmentEnds[count] = end === NONE ? NaN : end;
      days.companyOriented[count] = eCompany.data[row] === 1;
      days.enrollmentKeys[count] = eKey.data[row]! >>> 0;
      const survey = eSurvey.data[row]!;
      if (survey >= 0) {
        for (let r = responseRows.offsets[survey]!; r < responseRows.offsets[survey + 1]!; r++) {
          const answer = responseRows.order[r]!;
          const satisfaction = rSatisfaction.data[answer]!;
          const closer = rCloser.data[answer]!;
          days.responseEnrollments[responses] = count;
          days.responseDays[responses] = rDay.data[answer]!;
          days.satisfaction[responses] = satisfaction === NONE ? NaN : satisfaction;
          days.closerToJob[responses] = closer === NONE ? NaN : closer;
          days.responseKeys[responses] = rKey.data[answer]! >>> 0;
          responses++;
        }
      }
      count++;
    }
    days.enrollmentCount = count;
    days.responseCount = responses;
    accumulator.addPersonDays(days);
  }
  return persons;
}

/** A whole number in text (a day number or a score), NONE for NULL. */
function integer(b: Buffer, start: number, end: number): number {
  if (end === COPY_NULL) return NONE;
  let i = start;
  const negative = b[i] === 45; /* - */
  if (negative) i++;
  let value = 0;
  for (; i < end; i++) value = value * 10 + (b[i]! - 48);
  return negative ? -value : value;
}

function internAll(values: readonly string[]): ByteInterner {
  const interner = new ByteInterner();
  for (const value of values) {
    const bytes = Buffer.from(value, 'utf8');
    interner.intern(bytes, 0, bytes.length);
  }
  return interner;
}
