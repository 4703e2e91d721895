/**
 * One person's supported days (measures.md §2) as sorted, disjoint, non-touching intervals:
 * overlapping and touching public-support periods are merged, an open end is +∞. Questions
 * about a window are answered by binary search, never by walking days.
 *
 * The buffers are reused from person to person: the engine streams millions of persons.
 */
import type { BenefitPeriod } from './records.ts';
import { parseDay, type Day } from './day.ts';
import { EffectsError } from './errors.ts';

export class SupportedIntervals {
  /** Inclusive first days, ascending. */
  readonly starts: number[] = [];
  /** Inclusive last days (Infinity = still running), ascending. */
  readonly ends: number[] = [];
  length = 0;

  /**
   * Replaces the intervals by those of `periods` whose type is public support.
   * @param publicSupport benefit type code → public support flag; an absent code is an error.
   * @example
   * const s = new SupportedIntervals();
   * s.load(periods, new Map([['kontanthjaelp', true], ['su', false]]));
   */
  load(periods: readonly BenefitPeriod[], publicSupport: ReadonlyMap<string, boolean>): this {
    const starts = this.starts;
    const ends = this.ends;
    let count = 0;
    for (const period of periods) {
      const isPublic = publicSupport.get(period.benefitType);
      if (isPublic === undefined) {
        throw new EffectsError(
          'unknown-benefit-type',
          `a benefit period has benefit type "${period.benefitType}", which is not in benefit_types`,
        );
      }
      if (!isPublic) continue;
      const start = parseDay(period.startDate, 'benefit period start_date');
      const end = period.endDate === null ? Infinity : parseDay(period.endDate, 'benefit period end_date');
      if (end < start) {
        throw new EffectsError('invalid-date', 'a benefit period has end_date before start_date');
      }
      // Insertion by start: persons have few periods, usually already in order.
      let i = count;
      while (i > 0 && (starts[i - 1] as number) > start) {
        starts[i] = starts[i - 1] as number;
        ends[i] = ends[i - 1] as number;
        i--;
      }
      starts[i] = start;
      ends[i] = end;
      count++;
    }
    return this.sortAndMerge(count);
  }

  /**
   * Replaces the intervals by `count` public-support periods given as day numbers (last day
   * Infinity = still running), in any order; the arrays are read, not kept.
   * @example new SupportedIntervals().loadDays([19000, 18000], [19010, Infinity], 2);
   */
  loadDays(periodStarts: readonly number[], periodEnds: readonly number[], count: number): this {
    const starts = this.starts;
    const ends = this.ends;
    for (let n = 0; n < count; n++) {
      const start = periodStarts[n] as number;
      const end = periodEnds[n] as number;
      let i = n;
      while (i > 0 && (starts[i - 1] as number) > start) {
        starts[i] = starts[i - 1] as number;
        ends[i] = ends[i - 1] as number;
        i--;
      }
      starts[i] = start;
      ends[i] = end;
    }
    return this.sortAndMerge(count);
  }

  /** Merges the first `count` intervals, sorted by start, in place. */
  private sortAndMerge(count: number): this {
    const starts = this.starts;
    const ends = this.ends;
    // Merge in place: overlapping or touching (next start ≤ end + 1) intervals become one.
    let merged = 0;
    for (let i = 0; i < count; i++) {
      const start = starts[i] as number;
      const end = ends[i] as number;
      if (merged > 0 && start <= (ends[merged - 1] as number) + 1) {
        if (end > (ends[merged - 1] as number)) ends[merged - 1] = end;
      } else {
        starts[merged] = start;
        ends[merged] = end;
        merged++;
      }
    }
    this.length = merged;
    return this;
  }

  /** Index of the first interval whose end is ≥ `day` (`length` when none). */
  firstEndingOnOrAfter(day: Day): number {
    let low = 0;
    let high = this.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.ends[mid] as number) < day) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** True when some day in [first, last] is supported. */
  anySupported(first: Day, last: Day): boolean {
    const i = this.firstEndingOnOrAfter(first);
    return i < this.length && (this.starts[i] as number) <= last;
  }

  /**
   * Number of consecutive supported days ending on `day` (0 when `day` is not supported).
   * Intervals never touch, so the run is the part of one interval up to `day`.
   */
  runEndingOn(day: Day): number {
    const i = this.firstEndingOnOrAfter(day);
    if (i >= this.length) return 0;
    const start = this.starts[i] as number;
    return start <= day ? day - start + 1 : 0;
  }

  /**
   * Number of self-sufficient months k in [fromMonth, toMonth) after `anchor`, where month k is
   * [monthFirst(anchor, k), monthLast(anchor, k)]. Months ascend, so one cursor walks the intervals.
   * `firstDays[k]` must hold addMonths(anchor, k) for k in [fromMonth, toMonth].
   */
  countSelfSufficientMonths(firstDays: readonly number[], fromMonth: number, toMonth: number): number {
    let cursor = this.firstEndingOnOrAfter(firstDays[fromMonth] as number);
    let count = 0;
    for (let k = fromMonth; k < toMonth; k++) {
      const first = firstDays[k] as number;
      const last = (firstDays[k + 1] as number) - 1;
      while (cursor < this.length && (this.ends[cursor] as number) < first) cursor++;
      if (cursor >= this.length || (this.starts[cursor] as number) > last) count++;
    }
    return count;
  }
}
