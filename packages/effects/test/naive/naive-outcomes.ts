/**
 * A deliberately naive second implementation of the outcome measures (measures.md §2–3), for
 * the differential test: every day of every month window is checked against every benefit
 * period, months come from date-fns addMonths on local dates. Shares nothing with src/ but the
 * record types.
 */
import { addDays, addMonths } from 'date-fns';
import type { BenefitType, MeasureDefinition, PersonRecords } from '../../src/index.ts';

export interface NaiveCounts {
  n: number;
  x: number;
  pending: number;
}

function toDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

function toIso(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Per offer: started enrollments and the sum of their unemployment durations, walked back day by day. */
export function naiveDurations(
  persons: readonly PersonRecords[],
  benefitTypes: readonly BenefitType[],
  asOf: string,
): Map<string, { started: number; durationDays: number }> {
  const result = new Map<string, { started: number; durationDays: number }>();
  for (const person of persons) {
    const isSupported = (iso: string): boolean =>
      person.benefitPeriods.some(
        (period) =>
          benefitTypes.find((type) => type.code === period.benefitType)?.publicSupport === true &&
          period.startDate <= iso &&
          (period.endDate === null || iso <= period.endDate),
      );
    for (const enrollment of person.enrollments) {
      if (enrollment.startDate > asOf) continue;
      const counts = result.get(enrollment.offerId) ?? { started: 0, durationDays: 0 };
      result.set(enrollment.offerId, counts);
      counts.started++;
      for (
        let day = addDays(toDate(enrollment.startDate), -1);
        isSupported(toIso(day));
        day = addDays(day, -1)
      ) {
        counts.durationDays++;
      }
    }
  }
  return result;
}

/** Outcome counts by `${offerId} ${measureKey}`. */
export function naiveOutcomes(
  persons: readonly PersonRecords[],
  benefitTypes: readonly BenefitType[],
  measures: readonly MeasureDefinition[],
  asOf: string,
): Map<string, NaiveCounts> {
  const result = new Map<string, NaiveCounts>();
  for (const person of persons) {
    const isSupported = (iso: string): boolean =>
      person.benefitPeriods.some(
        (period) =>
          benefitTypes.find((type) => type.code === period.benefitType)?.publicSupport === true &&
          period.startDate <= iso &&
          (period.endDate === null || iso <= period.endDate),
      );
    for (const enrollment of person.enrollments) {
      if (enrollment.startDate > asOf) continue;
      for (const measure of measures) {
        let anchor: Date;
        if (measure.anchor === 'start') {
          anchor = toDate(enrollment.startDate);
        } else {
          if (enrollment.endDate === null) continue;
          anchor = addDays(toDate(enrollment.endDate), 1);
        }
        const key = `${enrollment.offerId} ${measure.key}`;
        const counts = result.get(key) ?? { n: 0, x: 0, pending: 0 };
        result.set(key, counts);
        const windowLast = toIso(addDays(addMonths(anchor, measure.toMonth), -1));
        if (windowLast > asOf) {
          counts.pending++;
          continue;
        }
        let selfSufficient = 0;
        for (let k = measure.fromMonth; k < measure.toMonth; k++) {
          const last = toIso(addDays(addMonths(anchor, k + 1), -1));
          let supported = false;
          for (let day = addMonths(anchor, k); toIso(day) <= last; day = addDays(day, 1)) {
            if (isSupported(toIso(day))) supported = true;
          }
          if (!supported) selfSufficient++;
        }
        counts.n++;
        if (selfSufficient >= measure.minSelfSufficientMonths) counts.x++;
      }
    }
  }
  return result;
}
