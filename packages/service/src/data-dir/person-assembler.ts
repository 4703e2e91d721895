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
    const [first, ...repeated] = rows.persons;
    for (const { line } of repeated) {
      this.issues.add({
        file: this.name('persons'),
        line,
        field: 'person_id',
        message: 'repeats an earlier person',
      });
    }
    const benefitPeriods: BenefitPeriod[] = [];
    for (const { record, line } of rows.benefitPeriods) {
      if (!this.benefitTypes.has(record.benefitType)) {
        this.issues.add({
          file: this.name('benefit_periods'),
          line,
          field: 'benefit_type',
          message: 'is not a code in benefit_types',
        });
      } else if (!first && this.hasPersonsFile) {
        this.missingPerson('benefit_periods', line);
      } else {
        benefitPeriods.push(record);
      }
    }
    const enrollments: Enrollment[] = [];
    const surveyResponses: SurveyResponse[] = [];
    for (const { record, line } of rows.enrollments) {
      const file = this.name('enrollments');
      let ok = true;
      if (!this.offers.has(record.offerId)) {
        this.issues.add({ file, line, field: 'offer_id', message: 'refers to an offer that does not exist' });
        ok = false;
      }
      if (this.targetGroups && !this.targetGroups.has(record.targetGroup)) {
        this.issues.add({ file, line, field: 'target_group', message: 'is not a code in target_groups' });
        ok = false;
      }
      if (!first && this.hasPersonsFile) {
        this.missingPerson('enrollments', line);
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

  private missingPerson(kind: 'benefit_periods' | 'enrollments', line: number): void {
    this.issues.add({
      file: this.name(kind),
      line,
      field: 'person_id',
      message: 'refers to a person not in persons',
    });
  }
}
