/**
 * A small deterministic data set for the API tests: four offers with hand-made enrollments so
 * that some cells are shown and some are suppressed (n < 5), stored the way a refresh stores
 * them (catalogue tables, one current data version, the engine's fine cells).
 */
import { sql, type Kysely } from 'kysely';
import {
  EffectsAccumulator,
  type MeasureDefinition,
  type BenefitPeriod,
  type BenefitType,
  type Complaint,
  type Enrollment,
  type Offer,
  type PersonRecords,
  type Provider,
  type SurveyResponse,
} from '@evg/effects';
import type { Database } from '../../src/db/database.ts';
import { engineMeasures } from '../../src/measures/measure-definition.ts';
import { publishDataVersion } from '../../src/repositories/effect-versions.ts';
import { versionDigest } from '../../src/refresh/version-digest.ts';
import { listCustomMeasures } from '../../src/repositories/measures.ts';
import { TEST_DISCLOSURE_KEY } from '../support/disclosure-key.ts';

export const AS_OF = '2026-10-31';

export const benefitTypes: BenefitType[] = [
  { code: 'kontanthjaelp', publicSupport: true, name: 'Kontanthjælp' },
  { code: 'su', publicSupport: false, name: 'SU' },
];

export const providers: Provider[] = [
  { providerId: 'P1', name: 'Jobhuset ApS', kind: 'external', frameworkAgreement: 'RA-1' },
  { providerId: 'P2', name: 'Jobcenter København', kind: 'internal', frameworkAgreement: null },
];

const offer = (
  fields: Partial<Offer> & Pick<Offer, 'offerId' | 'providerId' | 'name' | 'package'>,
): Offer => ({
  description: null,
  targetGroups: [],
  industries: [],
  priceDkk: null,
  hoursPerWeek: null,
  durationWeeks: null,
  accessible: null,
  resultBonusDkk: null,
  validFrom: null,
  validTo: null,
  ...fields,
});

export const offers: Offer[] = [
  offer({
    offerId: 'T1',
    providerId: 'P1',
    name: 'Rengøring og service',
    package: 'jobpakke',
    description: 'Kursus i professionel rengøring med praktik i virksomheder.',
    targetGroups: ['jobparat'],
    industries: ['rengoering'],
    priceDkk: 10000,
    hoursPerWeek: 30,
    durationWeeks: 8,
    accessible: true,
  }),
  offer({
    offerId: 'T2',
    providerId: 'P1',
    name: 'Lager og truckcertifikat',
    package: 'jobpakke',
    description: 'Truckcertifikat og lagerarbejde.',
    targetGroups: ['jobparat', 'aktivitetsparat'],
    industries: ['transport'],
    priceDkk: 20000,
    hoursPerWeek: 37,
    durationWeeks: 12,
    accessible: false,
  }),
  offer({
    offerId: 'T3',
    providerId: 'P2',
    name: 'Mentorforløb',
    package: 'mentorpakke',
    description: 'Personlig mentor.',
    targetGroups: ['aktivitetsparat'],
    priceDkk: 5000,
    hoursPerWeek: 10,
    durationWeeks: 4,
    accessible: true,
  }),
  offer({
    offerId: 'T4',
    providerId: 'P2',
    name: 'IT-opkvalificering',
    package: 'uddannelsespakke',
    targetGroups: ['jobparat'],
    industries: ['it'],
  }),
];

interface Cohort {
  offerId: string;
  targetGroup: string;
  count: number;
  successes: number;
  start: string;
  end: string;
  companyOriented?: number;
  satisfied?: number;
}

/**
 * T1: 20 jobparat (12 self-sufficient after the end), 10 in 2024H2 and 10 in 2025H1.
 * T2: 6 jobparat (2 successes), 4 aktivitetsparat and 1 sygedagpenge (suppressed cells).
 * T3: 3 aktivitetsparat (everything suppressed). T4: 4 sygedagpenge (everything suppressed).
 * Every small cell has a small sibling in each line of each table (T3 and T4; T2's two small
 * target groups; T2's and T4's complaints), so secondary suppression (which hides a cell whose
 * line total minus the shown cells would give it back) leaves T1, T2, T2 jobparat and P1 shown.
 */
export const cohorts: Cohort[] = [
  {
    offerId: 'T1',
    targetGroup: 'jobparat',
    count: 10,
    successes: 7,
    start: '2024-09-01',
    end: '2024-10-31',
    companyOriented: 6,
    satisfied: 8,
  },
  {
    offerId: 'T1',
    targetGroup: 'jobparat',
    count: 10,
    successes: 5,
    start: '2025-02-01',
    end: '2025-03-31',
    companyOriented: 2,
    satisfied: 4,
  },
  { offerId: 'T2', targetGroup: 'jobparat', count: 6, successes: 2, start: '2025-01-06', end: '2025-03-30' },
  {
    offerId: 'T2',
    targetGroup: 'aktivitetsparat',
    count: 4,
    successes: 1,
    start: '2025-01-06',
    end: '2025-03-30',
  },
  {
    offerId: 'T2',
    targetGroup: 'sygedagpenge',
    count: 1,
    successes: 0,
    start: '2025-01-06',
    end: '2025-03-30',
  },
  {
    offerId: 'T4',
    targetGroup: 'sygedagpenge',
    count: 4,
    successes: 2,
    start: '2025-01-06',
    end: '2025-03-30',
  },
  {
    offerId: 'T3',
    targetGroup: 'aktivitetsparat',
    count: 3,
    successes: 3,
    start: '2025-04-01',
    end: '2025-04-28',
  },
];

/** Five complaints about T1 (shown), one about T2 and four about T4 (counts below 5: suppressed). */
export const complaints: Complaint[] = [
  ...[1, 2, 3, 4, 5].map((i) => ({
    complaintId: `C${i}`,
    offerId: 'T1',
    receivedOn: `2025-03-0${i}`,
    category: 'kvalitet',
  })),
  { complaintId: 'C6', offerId: 'T2', receivedOn: '2025-03-01', category: null },
  ...[7, 8, 9, 10].map((i) => ({
    complaintId: `C${i}`,
    offerId: 'T4',
    receivedOn: '2025-03-02',
    category: null,
  })),
];

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** One person per enrollment; failures get kontanthjælp for a year after the end. */
export function fixturePersons(): PersonRecords[] {
  const persons: PersonRecords[] = [];
  let serial = 0;
  for (const cohort of cohorts) {
    for (let i = 0; i < cohort.count; i++) {
      serial++;
      const personId = `person-${serial}`;
      const enrollment: Enrollment = {
        enrollmentId: `E${serial}`,
        personId,
        offerId: cohort.offerId,
        targetGroup: cohort.targetGroup,
        startDate: cohort.start,
        endDate: cohort.end,
        companyOriented: i < (cohort.companyOriented ?? 0),
        endReason: null,
      };
      const before: BenefitPeriod = {
        personId,
        benefitType: 'kontanthjaelp',
        startDate: addDays(cohort.start, -100 - i * 30),
        endDate: addDays(cohort.start, -1),
        periodId: `B${serial}a`,
      };
      const after: BenefitPeriod = {
        personId,
        benefitType: 'kontanthjaelp',
        startDate: addDays(cohort.end, 1),
        endDate: addDays(cohort.end, 365),
        periodId: `B${serial}b`,
      };
      const surveys: SurveyResponse[] =
        cohort.satisfied === undefined
          ? []
          : [
              {
                responseId: `S${serial}`,
                enrollmentId: `E${serial}`,
                answeredOn: cohort.end,
                satisfaction: i < cohort.satisfied ? 5 : 2,
                closerToJob: 4,
              },
            ];
      persons.push({
        person: { personId, birthDate: i % 2 === 0 ? '1999-05-01' : '1970-05-01' },
        benefitPeriods: i < cohort.successes ? [before] : [before, after],
        enrollments: [enrollment],
        surveyResponses: surveys,
      });
    }
  }
  return persons;
}

/** The fine cells a refresh would store for the fixture (with the four defaults unless told). */
export function fixtureFineCells(measures?: readonly MeasureDefinition[]) {
  const accumulator = new EffectsAccumulator({
    asOf: AS_OF,
    catalog: { benefitTypes, offers, providers },
    disclosureKey: TEST_DISCLOSURE_KEY,
    ...(measures ? { measures } : {}),
  });
  for (const person of fixturePersons()) accumulator.addPerson(person);
  for (const complaint of complaints) accumulator.addComplaint(complaint);
  return accumulator.fineCells();
}

/** Stores the catalogue, one current data version and its fine cells. */
export async function seedFixture(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto('benefit_types')
    .values(benefitTypes.map((b) => ({ code: b.code, public_support: b.publicSupport, name: b.name })))
    .execute();
  await db
    .insertInto('target_groups')
    .values([
      { code: 'jobparat', name: 'Jobparat' },
      { code: 'aktivitetsparat', name: 'Aktivitetsparat' },
      { code: 'sygedagpenge', name: 'Sygedagpengemodtager' },
    ])
    .execute();
  await db
    .insertInto('industries')
    .values([
      { code: 'rengoering', name: 'Rengøring' },
      { code: 'transport', name: 'Transport' },
      { code: 'it', name: 'IT' },
    ])
    .execute();
  const packages = [
    'jobpakke',
    'uddannelsespakke',
    'motivationspakke',
    'sygedagpengepakke',
    'mentorpakke',
    'aktiv_stoettepakke',
  ];
  await db
    .insertInto('packages')
    .values(packages.map((code) => ({ code, name: code })))
    .onConflict((conflict) => conflict.column('code').doNothing())
    .execute();
  await db
    .insertInto('providers')
    .values(
      providers.map((p) => ({
        provider_id: p.providerId,
        name: p.name,
        kind: p.kind,
        framework_agreement: p.frameworkAgreement,
      })),
    )
    .execute();
  for (const o of offers) {
    await db
      .insertInto('offers')
      .values({
        offer_id: o.offerId,
        provider_id: o.providerId,
        name: o.name,
        package: o.package,
        description: o.description,
        price_dkk: o.priceDkk,
        hours_per_week: o.hoursPerWeek,
        duration_weeks: o.durationWeeks,
        accessible: o.accessible,
        result_bonus_dkk: o.resultBonusDkk,
        valid_from: o.validFrom,
        valid_to: o.validTo,
      })
      .execute();
    if (o.targetGroups.length > 0) {
      await db
        .insertInto('offer_target_groups')
        .values(
          o.targetGroups.map((code, position) => ({ offer_id: o.offerId, target_group: code, position })),
        )
        .execute();
    }
    if (o.industries.length > 0) {
      await db
        .insertInto('offer_industries')
        .values(o.industries.map((code, position) => ({ offer_id: o.offerId, industry: code, position })))
        .execute();
    }
  }
  await db
    .insertInto('complaints')
    .values(
      complaints.map((c) => ({
        complaint_id: c.complaintId,
        offer_id: c.offerId,
        received_on: c.receivedOn,
        category: c.category,
      })),
    )
    .execute();
  await db
    .insertInto('supervisions')
    .values([
      { supervision_id: 'V1', offer_id: 'T1', visited_on: '2024-05-01', smiley: 'neutral', note: null },
      {
        supervision_id: 'V2',
        offer_id: 'T1',
        visited_on: '2025-05-01',
        smiley: 'happy',
        note: 'Fint forløb',
      },
    ])
    .execute();
  await db.insertInto('data_versions').values({ version: 1, as_of: AS_OF, status: 'current' }).execute();
  // As if a refresh had numbered it: the next one publishes version 2.
  await sql`SELECT setval('data_version_seq', 1)`.execute(db);
  const cells = fixtureFineCells();
  await db
    .insertInto('effect_fine_cells')
    .values(
      cells.map((cell) => ({
        data_version: 1,
        offer_id: cell.offerId,
        target_group: cell.targetGroup,
        month: cell.month,
        counters: JSON.stringify(cell),
      })),
    )
    .execute();
}

/**
 * What a refresh publishes for the fixture now: its fine cells computed with the four defaults
 * and the measures defined through the admin API (as stored), as the new current data version
 * (the fixture's persons live in memory, so `refreshEffects` itself has none to read).
 *
 * @example
 *   await app.inject({ method: 'PUT', url: '/v1/admin/measures/effect12m', ... });
 *   await refreshFixture(db); await app.readModel.reload();
 */
export async function refreshFixture(db: Kysely<Database>): Promise<number> {
  const measures = engineMeasures(await listCustomMeasures(db));
  const fineCells = fixtureFineCells(measures);
  const content = { asOf: AS_OF, measures, fineCells, tables: [] };
  return db
    .transaction()
    .execute((trx) => publishDataVersion(trx, { ...content, digest: versionDigest(content) }));
}
