import type { BenefitPeriod, Enrollment, Person, PersonRecords, SurveyResponse } from '@evg/effects';
import type { IssueCollector } from './data-dir-error.ts';
import type { DataDir, Located } from './open-data-dir.ts';

/** The records of one person as read, each with its line. */
export interface PersonRows {
  persons: Located<Person>[];
  benefitPeriods: Located<BenefitPeriod>[];
  enrollments: Located<Enrollment>[];
}

/**
 * Turns one person's rows into `PersonRecords`, checking every reference on the way: benefit
 * types, offers, target groups (when the directory has a target_groups file) and the person
 * row itself (when it has a persons file). Survey answers are attached from `surveys` (by
 * enrollment id) and removed from it, so what is left at the end refers to no enrollment.
 * Messages never contain the person id.
 */
export class PersonAssembler {
  private readonly benefitTypes: Set<string>;
  private readonly offers: Set<string>;
  private readonly targetGroups: Set<string> | null;
  private readonly hasPersonsFile: boolean;
  private readonly name: (kind: 'persons' | 'benefit_periods' | 'enrollments') => string;

  constructor(
    data: DataDir,
    private readonly surveys: Map<string, Located<SurveyResponse>[]>,
    private readonly issues: IssueCollector,
  ) {
    this.benefitTypes = new Set(data.catalog.benefitTypes.map((t) => t.code));
    this.offers = new Set(data.catalog.offers.map((o) => o.offerId));
    this.targetGroups = data.catalog.targetGroups && new Set(data.catalog.targetGroups.map((t) => t.code));
    this.hasPersonsFile = data.files.has('persons');
    this.name = (kind) => data.files.get(kind)?.name ?? `${kind}.csv`;
  }

  assemble(rows: PersonRows): PersonRecords {
    // Plain indexing: destructuring with a rest element costs an iterator per person.
    const first = rows.persons[0];
    for (let i = 1; i < rows.persons.length; i++) {
      this.issue('persons', rows.persons[i]!.line, 'person_id', 'repeats an earlier person');
    }
    const personMissing = first === undefined && this.hasPersonsFile;
    const benefitPeriods: BenefitPeriod[] = [];
    for (const { record, line } of rows.benefitPeriods) {
      if (!this.benefitTypes.has(record.benefitType)) {
        this.issue('benefit_periods', line, 'benefit_type', 'is not a code in benefit_types');
      } else if (personMissing) {
        this.issue('benefit_periods', line, 'person_id', 'refers to a person not in persons');
      } else {
        benefitPeriods.push(record);
      }
    }
    const enrollments: Enrollment[] = [];
    const surveyResponses: SurveyResponse[] = [];
    for (const { record, line } of rows.enrollments) {
      let ok = true;
      if (!this.offers.has(record.offerId)) {
        this.issue('enrollments', line, 'offer_id', 'refers to an offer that does not exist');
        ok = false;
      }
      if (this.targetGroups && !this.targetGroups.has(record.targetGroup)) {
        this.issue('enrollments', line, 'target_group', 'is not a code in target_groups');
        ok = false;
      }
      if (personMissing) {
        this.issue('enrollments', line, 'person_id', 'refers to a person not in persons');
        ok = false;
      }
      const answers = this.surveys.get(record.enrollmentId);
      if (answers !== undefined) {
        // The enrollment exists, so its answers are not orphans, even when the enrollment is bad.
        this.surveys.delete(record.enrollmentId);
        if (ok) for (const answer of answers) surveyResponses.push(answer.record);
      }
      if (ok) enrollments.push(record);
    }
    return { person: first?.record ?? null, benefitPeriods, enrollments, surveyResponses };
  }

  private issue(
    kind: 'persons' | 'benefit_periods' | 'enrollments',
    line: number,
    field: string,
    message: string,
  ) {
    this.issues.add({ file: this.name(kind), line, field, message });
  }
}
