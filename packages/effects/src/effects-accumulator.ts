/**
 * The streaming, mergeable core (measures.md §5): feed one person at a time, keep only fine
 * cells of additive counters, merge partial accumulators from workers or shards.
 */
import type { Complaint, Enrollment, PersonRecords } from './records.ts';
import type { EngineConfig, MeasureDefinition } from './engine-config.ts';
import type { EffectCell } from './effect-cell.ts';
import {
  addMonthsSeries,
  ageInYears,
  formatMonthIndex,
  monthIndexOfDay,
  parseDay,
  parseMonth,
  type Day,
} from './day.ts';
import { resolveConfig } from './resolved-config.ts';
import { SupportedIntervals } from './supported-intervals.ts';
import { ageBandIndex, durationBandIndex, stratumIndex } from './strata.ts';
import {
  addFineCell,
  emptyFineCell,
  type FineCell,
  type OutcomeCounters,
  type ScoreCounters,
} from './fine-cell.ts';
import { aggregateFineCells } from './aggregate-cells.ts';
import { EffectsError } from './errors.ts';
import { addKey } from './disclosure/cell-key.ts';
import { recordKeyer, type RecordKeyer } from './disclosure/record-key.ts';
import { emptyPersonDays, type PersonDays } from './columnar/person-days.ts';

/** A fine cell with its outcome counters in measure order, for the hot loop. */
interface CellSlot {
  cell: FineCell;
  outcomes: OutcomeCounters[];
}

/**
 * @example
 * const acc = new EffectsAccumulator({ asOf: '2026-10-31', catalog, groupBy: ['offer'] });
 * for (const person of persons) acc.addPerson(person);
 * for (const complaint of complaints) acc.addComplaint(complaint);
 * const cells = acc.finish(); // or acc.fineCells() to store and re-aggregate later
 */
export class EffectsAccumulator {
  private readonly config: EngineConfig;
  private readonly measures: readonly MeasureDefinition[];
  private readonly asOf: Day;
  private readonly periodFrom: Day;
  private readonly periodTo: Day;
  private readonly publicSupport: Map<string, boolean>;
  private readonly offerIds: Set<string>;
  /** Fine cells by offer id, target group and month index. */
  private readonly slots = new Map<string, Map<string, Map<number, CellSlot>>>();
  private readonly monthNames = new Map<number, string>();
  private readonly intervals = new SupportedIntervals();
  /** addMonths(anchor, k) for k = 0 … the largest toMonth, reused per enrollment. */
  private readonly firstDays: number[] = [];
  /** The current person as numbers, reused from person to person. */
  private readonly days: PersonDays = emptyPersonDays();
  private readonly maxMonth: number;
  private readonly hasEndMeasure: boolean;
  /** Record keys under the disclosure secret; null without one (exact figures only). */
  private readonly recordKey: RecordKeyer | null;

  constructor(config: EngineConfig) {
    this.config = config;
    this.measures = resolveConfig(config).measures;
    this.asOf = parseDay(config.asOf, 'asOf');
    this.periodFrom = config.period ? parseDay(config.period.from, 'period from') : -Infinity;
    this.periodTo = config.period ? parseDay(config.period.to, 'period to') : Infinity;
    if (this.periodFrom > this.periodTo) {
      throw new EffectsError('invalid-period', 'period from is after period to');
    }
    this.publicSupport = new Map(config.catalog.benefitTypes.map((t) => [t.code, t.publicSupport]));
    this.offerIds = new Set(config.catalog.offers.map((o) => o.offerId));
    this.maxMonth = Math.max(0, ...this.measures.map((m) => m.toMonth));
    this.hasEndMeasure = this.measures.some((m) => m.anchor === 'end');
    this.recordKey = config.disclosureKey === undefined ? null : recordKeyer(config.disclosureKey);
  }

  /**
   * Rebuilds an accumulator from the fine cells of accumulators with the same config (worker
   * threads, shards, a stored pass). The cells are taken as they are: they were already filtered
   * by `config.period` day by day. To answer another grouping or whole-month period from stored
   * cells, use `aggregateCells`.
   */
  static fromFineCells(config: EngineConfig, cells: Iterable<FineCell>): EffectsAccumulator {
    const accumulator = new EffectsAccumulator(config);
    for (const cell of cells) accumulator.addFineCell(cell);
    return accumulator;
  }

  /**
   * Adds one person's records. Throws unknown-benefit-type, unknown-offer, unknown-enrollment or
   * invalid-date; on a throw, nothing of this person has been counted.
   */
  addPerson(records: PersonRecords): void {
    // Parse and check every record before counting anything, so a bad one leaves no half person.
    const days = this.days;
    let periods = 0;
    for (const period of records.benefitPeriods) {
      const isPublic = this.publicSupport.get(period.benefitType);
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
      days.periodStarts[periods] = start;
      days.periodEnds[periods] = end;
      periods++;
    }
    days.periodCount = periods;
    days.birth = records.person ? parseDay(records.person.birthDate, 'person birth_date') : NaN;
    const enrollments = records.enrollments;
    for (let e = 0; e < enrollments.length; e++) {
      const enrollment = enrollments[e] as Enrollment;
      this.checkOffer(enrollment.offerId, 'an enrollment');
      const start = parseDay(enrollment.startDate, 'enrollment start_date');
      const end = enrollment.endDate === null ? NaN : parseDay(enrollment.endDate, 'enrollment end_date');
      if (end < start) {
        throw new EffectsError(
          'invalid-date',
          `an enrollment of offer "${enrollment.offerId}" has end_date before start_date`,
        );
      }
      days.offerIds[e] = enrollment.offerId;
      days.targetGroups[e] = enrollment.targetGroup;
      days.enrollmentStarts[e] = start;
      days.enrollmentEnds[e] = end;
      days.companyOriented[e] = enrollment.companyOriented;
      days.enrollmentKeys[e] =
        this.recordKey === null || start > this.asOf
          ? 0
          : this.recordKey('enrollment', enrollment.enrollmentId);
    }
    days.enrollmentCount = enrollments.length;
    days.responseCount = records.surveyResponses.length === 0 ? 0 : this.loadResponses(records);
    this.addPersonDays(days);
  }

  /**
   * Adds one person given as numbers (see PersonDays): the hot path of the columnar reader,
   * which has checked every record already. Same counts as `addPerson` on the same records.
   * @example
   * const days = emptyPersonDays();
   * days.enrollmentCount = 1; // … and the other arrays
   * acc.addPersonDays(days);
   */
  addPersonDays(days: PersonDays): void {
    const intervals = this.intervals.loadDays(days.periodStarts, days.periodEnds, days.periodCount);
    const birth = Number.isNaN(days.birth) ? null : days.birth;
    const starts = days.enrollmentStarts;
    const ends = days.enrollmentEnds;
    for (let e = 0; e < days.enrollmentCount; e++) {
      const start = starts[e] as number;
      if (start > this.asOf) continue;
      const endDay = ends[e] as number;
      const end = Number.isNaN(endDay) ? null : endDay;
      const age = birth === null ? null : ageInYears(birth, start);
      const duration = intervals.runEndingOn(start - 1);
      const band = durationBandIndex(duration);
      const stratum = stratumIndex(ageBandIndex(age), band);
      const offerId = days.offerIds[e] as string;
      const targetGroup = days.targetGroups[e] as string;
      const key = days.enrollmentKeys[e] as number;
      // Each enrollment touches at most two fine cells: its start month and its end month.
      const startSlot = this.inPeriod(start) ? this.slot(offerId, targetGroup, start) : null;
      const endSlot =
        end !== null && this.inPeriod(end) && (end <= this.asOf || this.hasEndMeasure)
          ? this.slot(offerId, targetGroup, end)
          : null;

      if (startSlot) {
        const cell = startSlot.cell;
        cell.started++;
        cell.startedKey = addKey(cell.startedKey, key);
        if (days.companyOriented[e]) {
          cell.companyOriented++;
          cell.companyOrientedKey = addKey(cell.companyOrientedKey, key);
        }
        if (age !== null) {
          cell.ageKnown++;
          cell.ageKnownKey = addKey(cell.ageKnownKey, key);
          if (age < 30) {
            cell.ageUnder30++;
            cell.ageUnder30Key = addKey(cell.ageUnder30Key, key);
          }
        }
        cell.durationBands[band] = (cell.durationBands[band] as number) + 1;
        cell.durationBandKeys[band] = addKey(cell.durationBandKeys[band] as number, key);
        cell.durationHistogram[duration] = (cell.durationHistogram[duration] ?? 0) + 1;
        if (end === null || end >= this.asOf) {
          cell.active++;
          cell.activeKey = addKey(cell.activeKey, key);
        }
      }
      if (endSlot && (end as Day) <= this.asOf) {
        endSlot.cell.completed++;
        endSlot.cell.completedKey = addKey(endSlot.cell.completedKey, key);
      }
      this.addOutcomes(start, end, startSlot, endSlot, stratum, key);
    }
    if (days.responseCount > 0) this.addResponses(days);
  }

  /**
   * The person's survey answers into this.days, checked against its enrollments; returns their
   * number. An answer to an enrollment that starts after asOf is kept with enrollment −1.
   */
  private loadResponses(records: PersonRecords): number {
    const days = this.days;
    const ids = new Set<string>();
    // The last enrollment with the id that counts (start on or before asOf) takes the answer.
    const counted = new Map<string, number>();
    records.enrollments.forEach((enrollment, e) => {
      ids.add(enrollment.enrollmentId);
      if ((days.enrollmentStarts[e] as number) <= this.asOf) counted.set(enrollment.enrollmentId, e);
    });
    records.surveyResponses.forEach((response, r) => {
      if (!ids.has(response.enrollmentId)) {
        throw new EffectsError(
          'unknown-enrollment',
          `survey response "${response.responseId}" refers to an enrollment not among its person's enrollments`,
        );
      }
      days.responseDays[r] = parseDay(response.answeredOn, 'survey response answered_on');
      days.responseEnrollments[r] = counted.get(response.enrollmentId) ?? -1;
      days.satisfaction[r] = response.satisfaction ?? NaN;
      days.closerToJob[r] = response.closerToJob ?? NaN;
      days.responseKeys[r] =
        this.recordKey === null ? 0 : this.recordKey('surveyResponse', response.responseId);
    });
    return records.surveyResponses.length;
  }

  /** Survey answers count for their enrollment's offer and target group, on the answer day. */
  private addResponses(days: PersonDays): void {
    for (let r = 0; r < days.responseCount; r++) {
      const e = days.responseEnrollments[r] as number;
      const day = days.responseDays[r] as number;
      if (e < 0 || (days.enrollmentStarts[e] as number) > this.asOf) continue;
      if (day > this.asOf || !this.inPeriod(day)) continue;
      const cell = this.slot(days.offerIds[e] as string, days.targetGroups[e] as string, day).cell;
      const key = days.responseKeys[r] as number;
      const satisfaction = days.satisfaction[r] as number;
      const closerToJob = days.closerToJob[r] as number;
      if (!Number.isNaN(satisfaction)) addScore(cell.satisfaction, satisfaction, key);
      if (!Number.isNaN(closerToJob)) addScore(cell.closeness, closerToJob, key);
    }
  }

  /** Counts a complaint against its offer in the month it was received (target group ''). */
  addComplaint(complaint: Complaint): void {
    this.checkOffer(complaint.offerId, 'a complaint');
    const day = parseDay(complaint.receivedOn, 'complaint received_on');
    if (day > this.asOf || !this.inPeriod(day)) return;
    const cell = this.slot(complaint.offerId, '', day).cell;
    cell.complaints++;
    if (this.recordKey !== null) {
      cell.complaintsKey = addKey(cell.complaintsKey, this.recordKey('complaint', complaint.complaintId));
    }
  }

  /** Adds every counter of `other` (built with the same config) into this accumulator. */
  merge(other: EffectsAccumulator): void {
    for (const { cell } of other.allSlots()) this.addFineCell(cell);
  }

  /** Copies of the fine cells, sorted by offer, target group and month. */
  fineCells(): FineCell[] {
    return this.sortedCells().map((cell) => {
      const copy = emptyFineCell(cell.offerId, cell.targetGroup, cell.month, this.measures, cell.keyed);
      addFineCell(copy, cell, this.measures);
      return copy;
    });
  }

  /** The effect table for `config.groupBy`; same as aggregateCells on fineCells(), filtered by day here. */
  finish(): EffectCell[] {
    // Aggregation only reads its input cells, so no copies are needed here.
    return aggregateFineCells(this.config, this.sortedCells(), false);
  }

  private sortedCells(): FineCell[] {
    return [...this.allSlots()]
      .map((slot) => slot.cell)
      .sort(
        (a, b) =>
          compare(a.offerId, b.offerId) || compare(a.targetGroup, b.targetGroup) || compare(a.month, b.month),
      );
  }

  private addOutcomes(
    start: Day,
    end: Day | null,
    startSlot: CellSlot | null,
    endSlot: CellSlot | null,
    stratum: number,
    key: number,
  ): void {
    const measures = this.measures;
    const firstDays = this.firstDays;
    let filledAnchor = NaN;
    for (let i = 0; i < measures.length; i++) {
      const measure = measures[i] as MeasureDefinition;
      const isStart = measure.anchor === 'start';
      // Outcomes are attributed to the start day (start anchor) or the end day (end anchor).
      const slot = isStart ? startSlot : endSlot;
      if (slot === null) continue;
      const anchor = isStart ? start : (end as Day) + 1;
      const counters = slot.outcomes[i] as OutcomeCounters;
      if (anchor !== filledAnchor) {
        addMonthsSeries(anchor, this.maxMonth + 1, firstDays);
        filledAnchor = anchor;
      }
      if ((firstDays[measure.toMonth] as number) - 1 > this.asOf) {
        counters.pending++;
        counters.pendingKey = addKey(counters.pendingKey, key);
        continue;
      }
      const selfSufficient = this.intervals.countSelfSufficientMonths(
        firstDays,
        measure.fromMonth,
        measure.toMonth,
      );
      counters.n++;
      counters.nKey = addKey(counters.nKey, key);
      counters.strataN[stratum] = (counters.strataN[stratum] as number) + 1;
      if (selfSufficient >= measure.minSelfSufficientMonths) {
        counters.x++;
        counters.xKey = addKey(counters.xKey, key);
        counters.strataX[stratum] = (counters.strataX[stratum] as number) + 1;
      }
    }
  }

  private inPeriod(day: Day): boolean {
    return day >= this.periodFrom && day <= this.periodTo;
  }

  private checkOffer(offerId: string, what: string): void {
    if (!this.offerIds.has(offerId)) {
      throw new EffectsError('unknown-offer', `${what} refers to offer "${offerId}", which is not in offers`);
    }
  }

  /** The fine cell of (offer, target group, month of `day`), created on first use. */
  private slot(offerId: string, targetGroup: string, day: Day): CellSlot {
    return this.slotOfMonth(offerId, targetGroup, monthIndexOfDay(day));
  }

  // Nested maps rather than one concatenated key: no string is built per lookup.
  private slotOfMonth(offerId: string, targetGroup: string, monthIndex: number): CellSlot {
    let byGroup = this.slots.get(offerId);
    if (!byGroup) {
      byGroup = new Map();
      this.slots.set(offerId, byGroup);
    }
    let byMonth = byGroup.get(targetGroup);
    if (!byMonth) {
      byMonth = new Map();
      byGroup.set(targetGroup, byMonth);
    }
    let slot = byMonth.get(monthIndex);
    if (!slot) {
      slot = this.createSlot(offerId, targetGroup, this.monthName(monthIndex));
      byMonth.set(monthIndex, slot);
    }
    return slot;
  }

  private monthName(monthIndex: number): string {
    let name = this.monthNames.get(monthIndex);
    if (name === undefined) {
      name = formatMonthIndex(monthIndex);
      this.monthNames.set(monthIndex, name);
    }
    return name;
  }

  private createSlot(offerId: string, targetGroup: string, month: string): CellSlot {
    const cell = emptyFineCell(offerId, targetGroup, month, this.measures, this.recordKey !== null);
    return { cell, outcomes: this.measures.map((m) => cell.outcomes[m.key] as OutcomeCounters) };
  }

  private addFineCell(source: FineCell): void {
    const monthIndex = parseMonth(source.month, 'fine cell month');
    addFineCell(this.slotOfMonth(source.offerId, source.targetGroup, monthIndex).cell, source, this.measures);
  }

  private *allSlots(): Iterable<CellSlot> {
    for (const byGroup of this.slots.values()) {
      for (const byMonth of byGroup.values()) yield* byMonth.values();
    }
  }
}

function addScore(counters: ScoreCounters, score: number, key: number): void {
  counters.n++;
  counters.nKey = addKey(counters.nKey, key);
  counters.sum += score;
  if (score >= 4) {
    counters.x++;
    counters.xKey = addKey(counters.xKey, key);
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
