import { sql, type Kysely } from 'kysely';
import type { Complaint, PersonRecords } from '@evg/effects';
import type { Database } from '../db/database.ts';

export interface PersonStreamOptions {
  /** Persons per round trip; memory holds one chunk at a time. Default 2000. */
  chunkSize?: number;
  /** Only persons with person_id > after (exclusive), for splitting the work. */
  after?: string | null;
  /** Only persons with person_id <= upTo (inclusive). */
  upTo?: string | null;
}

/**
 * Streams every person with their benefit periods, enrollments and survey answers, in
 * person_id order, one chunk at a time (keyset pagination: never all rows at once).
 *
 * @example
 * for await (const chunk of streamPersonRecords(db)) for (const person of chunk) acc.addPerson(person);
 */
export async function* streamPersonRecords(
  db: Kysely<Database>,
  options: PersonStreamOptions = {},
): AsyncGenerator<PersonRecords[]> {
  const chunkSize = options.chunkSize ?? 2000;
  let after = options.after ?? null;
  for (;;) {
    let query = db
      .selectFrom('persons')
      .select(['person_id', 'birth_date'])
      .orderBy('person_id')
      .limit(chunkSize);
    if (after !== null) query = query.where('person_id', '>', after);
    if (options.upTo != null) query = query.where('person_id', '<=', options.upTo);
    const persons = await query.execute();
    const firstPerson = persons[0];
    const lastPerson = persons.at(-1);
    if (firstPerson === undefined || lastPerson === undefined) return;
    const first = firstPerson.person_id;
    const last = lastPerson.person_id;
    const [periods, enrollments, responses] = await Promise.all([
      db
        .selectFrom('benefit_periods')
        .select(['person_id', 'benefit_type', 'start_date', 'end_date', 'period_id'])
        .where('person_id', '>=', first)
        .where('person_id', '<=', last)
        .execute(),
      db
        .selectFrom('enrollments')
        .selectAll()
        .where('person_id', '>=', first)
        .where('person_id', '<=', last)
        .orderBy('start_date')
        .orderBy('enrollment_id')
        .execute(),
      db
        .selectFrom('survey_responses as s')
        .innerJoin('enrollments as e', 'e.enrollment_id', 's.enrollment_id')
        .select([
          'e.person_id',
          's.response_id',
          's.enrollment_id',
          's.answered_on',
          's.satisfaction',
          's.closer_to_job',
        ])
        .where('e.person_id', '>=', first)
        .where('e.person_id', '<=', last)
        .execute(),
    ]);
    const byPerson = new Map<string, PersonRecords>();
    const chunk: PersonRecords[] = persons.map((p) => {
      const records: PersonRecords = {
        person: { personId: p.person_id, birthDate: p.birth_date },
        benefitPeriods: [],
        enrollments: [],
        surveyResponses: [],
      };
      byPerson.set(p.person_id, records);
      return records;
    });
    for (const r of periods) {
      byPerson.get(r.person_id)?.benefitPeriods.push({
        personId: r.person_id,
        benefitType: r.benefit_type,
        startDate: r.start_date,
        endDate: r.end_date,
        periodId: r.period_id,
      });
    }
    for (const r of enrollments) {
      byPerson.get(r.person_id)?.enrollments.push({
        enrollmentId: r.enrollment_id,
        personId: r.person_id,
        offerId: r.offer_id,
        targetGroup: r.target_group,
        startDate: r.start_date,
        endDate: r.end_date,
        companyOriented: r.company_oriented,
        endReason: r.end_reason,
      });
    }
    for (const r of responses) {
      byPerson.get(r.person_id)?.surveyResponses.push({
        responseId: r.response_id,
        enrollmentId: r.enrollment_id,
        answeredOn: r.answered_on,
        satisfaction: r.satisfaction,
        closerToJob: r.closer_to_job,
      });
    }
    yield chunk;
    if (persons.length < chunkSize) return;
    after = last;
  }
}

/**
 * Person-id boundaries splitting the persons into `parts` ranges of about equal size: the
 * last id of every part but the final one (use as `upTo` of one range and `after` of the next).
 */
export async function personIdBoundaries(db: Kysely<Database>, parts: number): Promise<string[]> {
  if (parts <= 1) return [];
  const { rows } = await sql<{ last_id: string }>`
    SELECT max(person_id) AS last_id
    FROM (SELECT person_id, ntile(${parts}) OVER (ORDER BY person_id) AS part FROM persons) p
    GROUP BY part ORDER BY part`.execute(db);
  return rows.slice(0, -1).map((r) => r.last_id);
}

export async function countPersons(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('persons')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every complaint, for the accumulator (complaints are few: one query). */
export async function listComplaints(db: Kysely<Database>): Promise<Complaint[]> {
  const rows = await db.selectFrom('complaints').selectAll().orderBy('complaint_id').execute();
  return rows.map((r) => ({
    complaintId: r.complaint_id,
    offerId: r.offer_id,
    receivedOn: r.received_on,
    category: r.category,
  }));
}

/**
 * The latest start date of any stored benefit period: benefits are recorded when they start, so
 * this never lies beyond the extract (end dates may: a benefit can be granted until a later day).
 */
export async function latestBenefitStart(db: Kysely<Database>): Promise<string | null> {
  const { rows } = await sql<{ day: string | null }>`
    SELECT max(start_date) AS day FROM benefit_periods`.execute(db);
  return rows[0]?.day ?? null;
}
