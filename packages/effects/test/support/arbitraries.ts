// fast-check generators of random but valid person records (offers O1–O3 of builders.catalog).
import fc from 'fast-check';
import type { BenefitPeriod, Enrollment, PersonRecords, SurveyResponse } from '../../src/index.ts';

const DAY_MS = 86_400_000;
const EPOCH_2022 = Date.UTC(2022, 0, 1);

/** ISO date `offset` days after 2022-01-01 (built with UTC Date math, independent of src/). */
export function isoAfter2022(offset: number): string {
  return new Date(EPOCH_2022 + offset * DAY_MS).toISOString().slice(0, 10);
}

const dayOffset = (min: number, max: number) => fc.integer({ min, max });
// 2022-01-01 … 2027-02 covers asOf 2026-10-31 (offset 1764) and some days after it.
const LAST = 1860;

const benefitPeriod: fc.Arbitrary<BenefitPeriod> = fc
  .record({
    start: dayOffset(0, LAST),
    length: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null, freq: 6 }),
    type: fc.constantFrom('kontanthjaelp', 'dagpenge', 'su'),
  })
  .map(({ start, length, type }) => ({
    personId: 'p',
    benefitType: type,
    startDate: isoAfter2022(start),
    endDate: length === null ? null : isoAfter2022(start + length),
    periodId: null,
  }));

const enrollmentShape = fc.record({
  start: dayOffset(300, LAST),
  length: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null, freq: 5 }),
  offerId: fc.constantFrom('O1', 'O2', 'O3'),
  targetGroup: fc.constantFrom('kontanthjaelp', 'dagpenge'),
  companyOriented: fc.boolean(),
  answers: fc.array(
    fc.record({
      after: fc.integer({ min: 0, max: 200 }),
      satisfaction: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
      closerToJob: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    }),
    { maxLength: 2 },
  ),
});

export const personRecords: fc.Arbitrary<PersonRecords> = fc
  .record({
    birth: fc.option(dayOffset(-26_000, -6_000), { nil: null, freq: 8 }),
    periods: fc.array(benefitPeriod, { maxLength: 5 }),
    enrollments: fc.array(enrollmentShape, { maxLength: 3 }),
  })
  .map(({ birth, periods, enrollments }) => {
    const records: Enrollment[] = [];
    const responses: SurveyResponse[] = [];
    enrollments.forEach((shape, i) => {
      const enrollmentId = `e${i}`;
      records.push({
        enrollmentId,
        personId: 'p',
        offerId: shape.offerId,
        targetGroup: shape.targetGroup,
        startDate: isoAfter2022(shape.start),
        endDate: shape.length === null ? null : isoAfter2022(shape.start + shape.length),
        companyOriented: shape.companyOriented,
        endReason: null,
      });
      shape.answers.forEach((answer, j) =>
        responses.push({
          responseId: `r${i}-${j}`,
          enrollmentId,
          answeredOn: isoAfter2022(shape.start + answer.after),
          satisfaction: answer.satisfaction,
          closerToJob: answer.closerToJob,
        }),
      );
    });
    return {
      person: birth === null ? null : { personId: 'p', birthDate: isoAfter2022(birth) },
      benefitPeriods: periods,
      enrollments: records,
      surveyResponses: responses,
    };
  });

export const persons = fc.array(personRecords, { maxLength: 40 });
