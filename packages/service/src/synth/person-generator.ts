import { daysFromCivil, parseDay, type Day } from '@evg/effects';
import type { RawRow } from '../data-dir/record-writer.ts';
import {
  COMPANY_ORIENTED_SHARE,
  MATCH_GROUPS,
  REFORM_DATE,
  TARGET_GROUPS,
  type MatchGroup,
  type SynthOffer,
} from './catalog.ts';
import { isoOf } from './days.ts';
import { itemAt, type Prng } from './prng.ts';

/** Everything generated for one person; persons, periods and enrollments in that order on disk. */
export interface PersonOutput {
  person: RawRow;
  benefitPeriods: RawRow[];
  enrollments: RawRow[];
  surveyResponses: RawRow[];
  complaints: RawRow[];
}

const FIRST_ENROLLMENT_DAY = daysFromCivil(2012, 1, 1);
const EARLIEST_SUPPORT_DAY = daysFromCivil(2011, 6, 1);
const REFORM_DAY = parseDay(REFORM_DATE);
/** Spells before this day are history: fewer per year than in the recent years the EVG is used for. */
const RECENT_SUPPORT_DAY = daysFromCivil(2019, 6, 1);
const HISTORIC_SPELL_SHARE = 0.35;
const COMPLAINT_CATEGORIES = ['indhold', 'sagsbehandling', 'fysiske rammer', 'transport', 'andet'];
const TARGET_GROUP_SHARES = TARGET_GROUPS.map((group) => group.share);

interface SupportInterval {
  start: Day;
  /** Inclusive; null = still running at asOf. */
  end: Day | null;
  benefit: string;
}

/**
 * Draws one citizen's life on public support: a target group, an age, spells of support, up to
 * three offers and what came of them. The chance of becoming self-sufficient after an offer
 * rises with the offer's true quality and the target group's ease, and falls with age and with
 * unemployment duration before the start; which offer a citizen gets depends on the offer's
 * selectivity, so raw effects mix quality with case-mix, as in the real EVG.
 */
export class PersonGenerator {
  private periods = 0;
  private enrollments = 0;
  private responses = 0;
  private complaints = 0;
  private readonly offersByGroup = new Map<string, SynthOffer[]>();

  constructor(
    private readonly rng: Prng,
    offers: readonly SynthOffer[],
    private readonly asOf: Day,
  ) {
    for (const { code } of [...TARGET_GROUPS, ...MATCH_GROUPS]) {
      this.offersByGroup.set(
        code,
        offers.filter((offer) => offer.targetGroups.includes(code)),
      );
    }
  }

  generate(personId: string): PersonOutput {
    const rng = this.rng;
    const group = itemAt(TARGET_GROUPS, rng.weighted(TARGET_GROUP_SHARES));
    const matchGroup = this.drawMatchGroup(group.code);
    const ease = matchGroup?.ease ?? group.ease;
    let spellStart = this.drawFirstSpellStart(group.code);
    const ageAtSpell =
      group.code === 'uddannelseshjaelp'
        ? rng.int(18, 29)
        : group.code === 'sygedagpenge'
          ? rng.int(25, 64)
          : rng.int(19, 64);
    const birth = spellStart - Math.round(ageAtSpell * 365.25) - rng.int(0, 364);
    const ageOn = (day: Day) => (day - birth) / 365.25;
    const frailty = rng.normal() * 0.6;
    const out: PersonOutput = {
      person: { person_id: personId, birth_date: isoOf(birth) },
      benefitPeriods: [],
      enrollments: [],
      surveyResponses: [],
      complaints: [],
    };
    const intervals: SupportInterval[] = [];
    let benefit: string = group.benefit;
    let cursor = spellStart;
    let spellOpen = true;
    const offerCount = rng.weighted([0.2, 0.5, 0.22, 0.08]);

    for (let n = 0; n < offerCount && cursor <= this.asOf; n++) {
      if (!spellOpen) {
        spellStart = cursor;
        spellOpen = true;
        if (rng.chance(0.3)) benefit = 'dagpenge';
      }
      let start = cursor + Math.round(this.waitDays(ageOn(cursor), frailty, n));
      if (start < FIRST_ENROLLMENT_DAY) start = FIRST_ENROLLMENT_DAY + rng.int(0, 90);
      if (start > this.asOf) break;
      const unemployed = start - spellStart;
      const age = ageOn(start);
      // Referred before the reform, a kontanthjælp recipient was in a match group.
      const targetGroup = start < REFORM_DAY && matchGroup ? matchGroup.code : group.code;
      const offer = this.chooseOffer(targetGroup, start, age, unemployed);
      if (offer === undefined) break;

      let length = Math.max(3, offer.durationWeeks * 7 + rng.int(-3, 3));
      let endReason = rng.chance(0.5) ? 'gennemfoert' : 'job_eller_uddannelse';
      if (rng.chance(0.12)) {
        length = Math.max(1, Math.round(length * (0.1 + rng.float() * 0.7)));
        endReason = 'afbrudt';
      }
      const end = start + length - 1;
      const ongoing = end > this.asOf;
      const band = unemployed < 91 ? 0 : unemployed < 183 ? 1 : unemployed < 366 ? 2 : 3;
      const logit = -0.3 + offer.quality + ease - 0.025 * (age - 35) - 0.45 * band - frailty;
      const success = !ongoing && rng.chance(1 / (1 + Math.exp(-logit)));
      const enrollmentId = `E${String(++this.enrollments).padStart(8, '0')}`;
      out.enrollments.push({
        enrollment_id: enrollmentId,
        person_id: personId,
        offer_id: offer.offerId,
        target_group: targetGroup,
        start_date: isoOf(start),
        end_date: ongoing ? null : isoOf(end),
        company_oriented: rng.chance(COMPANY_ORIENTED_SHARE[offer.package]),
        end_reason: ongoing ? null : endReason,
      });
      this.maybeComplain(out, offer, start, Math.min(end, this.asOf));
      if (ongoing) break;
      this.maybeAnswer(out, enrollmentId, offer, end, success);

      if (success) {
        const exit = Math.max(start + 1, end + rng.int(-21, 3));
        intervals.push({ start: spellStart, end: exit - 1, benefit });
        spellOpen = false;
        if (age < 30 && rng.chance(0.3)) {
          const suStart = exit + rng.int(0, 60);
          intervals.push({ start: suStart, end: suStart + rng.int(120, 700), benefit: 'su' });
        }
        cursor = exit + 30 + Math.round(rng.exponential(450));
      } else if (rng.chance(0.35)) {
        // A short job or a sanction: support pauses for a few weeks, then the spell goes on.
        const pause = end + rng.int(0, 40);
        intervals.push({ start: spellStart, end: pause, benefit });
        spellStart = pause + rng.int(20, 70);
        cursor = spellStart;
      } else {
        cursor = end + 1;
      }
    }
    if (spellOpen && spellStart <= this.asOf) {
      const end = rng.chance(0.6) ? null : cursor + Math.round(rng.exponential(250));
      intervals.push({ start: spellStart, end, benefit });
    }
    for (const interval of intervals) this.emitPeriods(out, personId, interval);
    return out;
  }

  /** The match group a kontanthjælp recipient had before the reform; none for other groups. */
  private drawMatchGroup(group: string): MatchGroup | undefined {
    const matches = MATCH_GROUPS.filter((match) => match.successor === group);
    if (matches.length === 0) return undefined;
    return matches[this.rng.weighted(matches.map((match) => match.share))];
  }

  /**
   * Start of the first spell on support: a share in the historic years (back to before the
   * reform), the rest recent. Uddannelseshjælp exists only since the reform.
   */
  private drawFirstSpellStart(group: string): Day {
    const rng = this.rng;
    const earliest = group === 'uddannelseshjaelp' ? REFORM_DAY : EARLIEST_SUPPORT_DAY;
    return rng.chance(HISTORIC_SPELL_SHARE)
      ? rng.int(earliest, RECENT_SUPPORT_DAY - 1)
      : rng.int(RECENT_SUPPORT_DAY, this.asOf - 30);
  }

  /** Days on support before an offer starts: longer for older and frailer citizens. */
  private waitDays(age: number, frailty: number, nth: number): number {
    const mean = (nth === 0 ? 120 : 60) * Math.exp(0.5 * frailty + 0.012 * (age - 35));
    return this.rng.exponential(mean);
  }

  private chooseOffer(group: string, start: Day, age: number, unemployed: number): SynthOffer | undefined {
    const candidates = (this.offersByGroup.get(group) ?? []).filter(
      (offer) => offer.firstStart <= start && start <= offer.lastStart,
    );
    if (candidates.length === 0) return undefined;
    const easy =
      (age < 30 ? 1 : -0.4) + (unemployed < 91 ? 0.8 : unemployed < 183 ? 0.2 : unemployed < 366 ? -0.4 : -1);
    const weights = candidates.map((offer) => Math.exp(1.2 * offer.selectivity * easy));
    return candidates[this.rng.weighted(weights)];
  }

  private maybeAnswer(
    out: PersonOutput,
    enrollmentId: string,
    offer: SynthOffer,
    end: Day,
    success: boolean,
  ): void {
    const rng = this.rng;
    const answeredOn = end + rng.int(1, 30);
    if (!rng.chance(0.25) || answeredOn > this.asOf) return;
    const score = (mean: number) =>
      rng.chance(0.05) ? null : Math.min(5, Math.max(1, Math.round(mean + rng.normal())));
    out.surveyResponses.push({
      response_id: `R${String(++this.responses).padStart(8, '0')}`,
      enrollment_id: enrollmentId,
      answered_on: isoOf(answeredOn),
      satisfaction: score(3.5 + 1.5 * offer.quality),
      closer_to_job: score(3 + 1.5 * offer.quality + (success ? 0.7 : -0.2)),
    });
  }

  private maybeComplain(out: PersonOutput, offer: SynthOffer, start: Day, last: Day): void {
    const rng = this.rng;
    if (!rng.chance(Math.min(0.03, Math.max(0.002, 0.01 - 0.012 * offer.quality)))) return;
    out.complaints.push({
      complaint_id: `K${String(++this.complaints).padStart(7, '0')}`,
      offer_id: offer.offerId,
      received_on: isoOf(rng.int(start, Math.max(start, last))),
      category: rng.pick(COMPLAINT_CATEGORIES),
    });
  }

  /**
   * Rows for one support interval, as registers deliver them: sometimes split at New Year into
   * touching rows, sometimes with an overlapping second benefit, still-running ones without end.
   */
  private emitPeriods(out: PersonOutput, personId: string, interval: SupportInterval): void {
    const rng = this.rng;
    if (interval.start > this.asOf) return;
    const end = interval.end !== null && interval.end > this.asOf ? null : interval.end;
    const pieces: [Day, Day | null][] = [];
    const newYear = daysFromCivil(Number(isoOf(interval.start).slice(0, 4)) + 1, 1, 1);
    if (newYear <= (end ?? this.asOf) && rng.chance(0.5)) {
      pieces.push([interval.start, newYear - 1], [newYear, end]);
    } else {
      pieces.push([interval.start, end]);
    }
    for (const [start, last] of pieces) this.pushPeriod(out, personId, interval.benefit, start, last);
    if (interval.benefit !== 'su' && rng.chance(0.08)) {
      const last = end ?? this.asOf;
      const from = rng.int(interval.start, last);
      const to = Math.min(last, from + rng.int(5, 40));
      const other = interval.benefit === 'sygedagpenge' ? 'ledighedsydelse' : 'sygedagpenge';
      this.pushPeriod(out, personId, other, from, to);
    }
  }

  private pushPeriod(
    out: PersonOutput,
    personId: string,
    benefit: string,
    start: Day,
    end: Day | null,
  ): void {
    const id = ++this.periods;
    out.benefitPeriods.push({
      person_id: personId,
      benefit_type: benefit,
      start_date: isoOf(start),
      end_date: end === null ? null : isoOf(end),
      period_id: id % 10 === 0 ? null : `BP${String(id).padStart(9, '0')}`,
    });
  }
}
