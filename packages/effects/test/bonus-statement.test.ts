// The result bonus statement on worked cases, each computed by hand from the windows of
// measures.md §2 (asOf and period as given per case).
import { describe, expect, it } from 'vitest';
import type { EffectsError } from '../src/index.ts';
import {
  bonusStatement,
  computeEffects,
  DEFAULT_MEASURES,
  parsePeriod,
  pricePlusBonusPerOutcome,
  toEffectRow,
  type BonusRule,
  type BonusStatement,
  type EngineConfig,
  type PersonRecords,
} from '../src/index.ts';
import { catalog, enrollment, offer, period, person } from './support/builders.ts';

const OFFERS = [
  offer('O1', { priceDkk: 30_000, resultBonusDkk: 5_000 }),
  offer('O2', { priceDkk: 20_000, resultBonusDkk: 4_000, providerId: 'P2' }),
  // No bonus: never on the statement.
  offer('O3', { priceDkk: 10_000 }),
];

function statement(
  persons: PersonRecords[],
  options: { asOf?: string; rules?: BonusRule[]; periodText?: string } = {},
): BonusStatement {
  const asOf = options.asOf ?? '2026-10-31';
  const range = parsePeriod(options.periodText ?? '2026H1');
  const config: EngineConfig = {
    asOf,
    catalog: catalog(OFFERS),
    groupBy: ['offer'],
    period: range,
    exact: true,
  };
  const rows = computeEffects(config, persons).map((cell) => toEffectRow(cell, DEFAULT_MEASURES));
  return bonusStatement({
    period: range,
    asOf,
    offers: OFFERS,
    providers: catalog(OFFERS).providers,
    measures: DEFAULT_MEASURES,
    rules: options.rules ?? [],
    rows,
  });
}

function line(result: BonusStatement, offerId: string) {
  const found = result.lines.find((l) => l.offerId === offerId);
  if (!found) throw new Error(`no line for ${offerId}`);
  return found;
}

/** Ended 2026-06-20, on benefits until the last day in the offer, self-sufficient after. */
const endsInJune = () =>
  person([enrollment('2026-03-01', '2026-06-20')], [period('2025-09-01', '2026-06-20')]);

describe('bonusStatement', () => {
  it('counts an outcome whose window completes after the period in the period of its end date', () => {
    // effect3m window 2026-06-21 … 2026-09-20, complete at 2026-10-31, self-sufficient.
    const result = statement([endsInJune()]);
    expect(line(result, 'O1')).toMatchObject({
      eligible: 1,
      successful: 1,
      pending: 0,
      bonusPayableDkk: 5_000,
      pricePlusBonusPerOutcomeDkk: 35_000,
      measureKey: 'effect3m',
      ruleDefined: false,
    });
    expect(result.final).toBe(true);
    // The same success is never paid again in the period its window ends in.
    expect(line(statement([endsInJune()], { periodText: '2026H2' }), 'O1').successful).toBe(0);
  });

  it('reports a pending outcome until the cut-off passes its window, then settles it in the same period', () => {
    // At 2026-08-31 the window (to 2026-09-20) is not complete: pending, nothing payable yet.
    const early = statement([endsInJune()], { asOf: '2026-08-31' });
    expect(line(early, 'O1')).toMatchObject({ eligible: 0, successful: 0, pending: 1, bonusPayableDkk: 0 });
    expect(line(early, 'O1').pricePlusBonusPerOutcomeDkk).toBeNull();
    expect(early.final).toBe(false);
    const later = statement([endsInJune()], { asOf: '2026-09-20' });
    expect(line(later, 'O1')).toMatchObject({ successful: 1, pending: 0 });
    expect(later.final).toBe(true);
  });

  it('pays the offer the citizen left the last offer from when an enrollment is moved between offers', () => {
    // Moved from O1 to O2 on 2026-02-16, on kontanthjælp until 2026-03-31.
    // O1: window 2026-02-16 … 2026-05-15 has supported days → eligible, no success.
    // O2: window 2026-04-01 … 2026-06-30 self-sufficient → success.
    const moved = person(
      [
        enrollment('2026-01-05', '2026-02-15', { offerId: 'O1', endReason: 'moved' }),
        enrollment('2026-02-16', '2026-03-31', { offerId: 'O2' }),
      ],
      [period('2025-06-01', '2026-03-31')],
    );
    const result = statement([moved]);
    expect(line(result, 'O1')).toMatchObject({ eligible: 1, successful: 0, bonusPayableDkk: 0 });
    expect(line(result, 'O2')).toMatchObject({ eligible: 1, successful: 1, bonusPayableDkk: 4_000 });
    expect(result.providers).toEqual([
      { providerId: 'P1', providerName: 'Leverandør 1', successful: 0, pending: 0, bonusPayableDkk: 0 },
      { providerId: 'P2', providerName: 'Jobcenter', successful: 1, pending: 0, bonusPayableDkk: 4_000 },
    ]);
    expect(result.bonusPayableDkk).toBe(4_000);
  });

  it('leaves out enrollments ended outside the period, ongoing ones and offers without a bonus', () => {
    const result = statement([
      person([enrollment('2025-09-01', '2025-12-31')]),
      person([enrollment('2026-02-01', null)]),
      person([enrollment('2026-01-01', '2026-01-31', { offerId: 'O3' })]),
      endsInJune(),
    ]);
    expect(result.lines.map((l) => l.offerId)).toEqual(['O1', 'O2']);
    expect(line(result, 'O1')).toMatchObject({ eligible: 1, successful: 1, pending: 0 });
    expect(line(result, 'O2')).toMatchObject({
      eligible: 0,
      successful: 0,
      pricePlusBonusPerOutcomeDkk: null,
    });
  });

  it('prices every eligible enrollment and adds the bonus of each success', () => {
    // Three in O1, ended in H1: two self-sufficient after, one back on benefits in its window.
    const failed = () =>
      person([enrollment('2026-02-01', '2026-02-28')], [period('2026-03-10', '2026-03-20')]);
    const result = statement([endsInJune(), endsInJune(), failed()]);
    // (30 000 × 3 + 5 000 × 2) / 2 = 50 000 = 30 000 / (2/3) + 5 000
    expect(line(result, 'O1')).toMatchObject({ eligible: 3, successful: 2, bonusPayableDkk: 10_000 });
    expect(line(result, 'O1').pricePlusBonusPerOutcomeDkk).toBeCloseTo(50_000, 9);
    expect(pricePlusBonusPerOutcome(30_000, 5_000, 2 / 3)).toBeCloseTo(50_000, 9);
  });

  it("uses the offer's rule: a start-anchored trigger takes the enrollments started in the period", () => {
    // effect7m: start 2026-01-05, months to 2026-08-04; self-sufficient from 2026-02-16 on.
    const started = () =>
      person([enrollment('2026-01-05', '2026-02-15')], [period('2025-06-01', '2026-02-15')]);
    const result = statement([started()], { rules: [{ offerId: 'O1', measureKey: 'effect7m' }] });
    expect(line(result, 'O1')).toMatchObject({
      measureKey: 'effect7m',
      measureLabel: '7 mdr. effekt',
      ruleDefined: true,
      successful: 1,
    });
  });

  it('refuses a rule naming a measure the tables do not carry', () => {
    expect(() => statement([], { rules: [{ offerId: 'O1', measureKey: 'effect12m' }] })).toThrow(
      expect.objectContaining({ code: 'invalid-bonus-rule' }) as EffectsError,
    );
  });
});
