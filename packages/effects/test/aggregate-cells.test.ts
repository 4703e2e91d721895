import { describe, expect, it } from 'vitest';
import {
  aggregateCells,
  computeEffects,
  DEFAULT_MEASURES,
  EffectsAccumulator,
  parsePeriod,
  type EngineConfig,
  type PersonRecords,
} from '../src/index.ts';
import { catalog, complaint, config, copies, enrollment, offer, period, person } from './support/builders.ts';

const offers = [
  offer('O1', { industries: ['it', 'bygge'], providerId: 'P1', package: 'jobpakke' }),
  offer('O2', { industries: [], providerId: 'P2', package: 'mentorpakke' }),
  offer('O3', { industries: ['it'], providerId: 'P1', package: 'mentorpakke' }),
];
const base = config({ catalog: catalog(offers), minCellSize: 1 });

/** Persons of three offers, two target groups, ends across 2024 and 2025. */
function population(): PersonRecords[] {
  const persons: PersonRecords[] = [];
  const ends = ['2024-02-10', '2024-05-31', '2024-07-01', '2024-11-30', '2025-03-15', '2025-08-31'];
  for (const [o, offerId] of ['O1', 'O2', 'O3'].entries()) {
    for (const [i, end] of ends.entries()) {
      const targetGroup = i % 2 === 0 ? 'kontanthjaelp' : 'dagpenge';
      const start = `${Number(end.slice(0, 4)) - 1}${end.slice(4, 8)}01`;
      const support = (i + o) % 3 === 0 ? [period(end, null)] : [period('2020-01-01', start)];
      persons.push(person([enrollment(start, end, { offerId, targetGroup })], support));
    }
  }
  return persons;
}

function fineCells(cfg: EngineConfig, persons: PersonRecords[]) {
  const accumulator = new EffectsAccumulator(cfg);
  for (const p of persons) accumulator.addPerson(p);
  return accumulator.fineCells();
}

describe('aggregateCells', () => {
  it('re-aggregates stored fine cells into the same table as a direct pass, for any grouping', () => {
    const stored = fineCells(base, population());
    for (const groupBy of [
      [],
      ['offer'],
      ['provider', 'targetGroup'],
      ['package', 'period'],
      ['providerKind'],
      ['industry'],
    ] as const) {
      const cfg = { ...base, groupBy };
      expect(aggregateCells(cfg, stored), groupBy.join()).toEqual(computeEffects(cfg, population()));
    }
  });

  it('answers any whole-month period from fine cells computed for all time', () => {
    const stored = fineCells(base, population());
    for (const range of [
      parsePeriod('2024H2'),
      parsePeriod('2025Q1'),
      { from: '2024-02-01', to: '2025-03-31' },
    ]) {
      const cfg = { ...base, period: range, groupBy: ['offer'] as const };
      expect(aggregateCells(cfg, stored)).toEqual(computeEffects(cfg, population()));
    }
  });

  it('fromFineCells merges worker cells of a day-level period as they are', () => {
    const cfg = { ...base, period: { from: '2024-07-15', to: '2025-03-10' }, groupBy: ['offer'] as const };
    const all = population();
    const parts = [fineCells(cfg, all.slice(0, 7)), fineCells(cfg, all.slice(7))];
    expect(EffectsAccumulator.fromFineCells(cfg, parts.flat()).finish()).toEqual(computeEffects(cfg, all));
  });

  it('refuses a period not aligned to months, which fine cells cannot answer', () => {
    const stored = fineCells(base, population());
    for (const range of [
      { from: '2024-01-02', to: '2024-06-30' },
      { from: '2024-01-01', to: '2024-06-29' },
    ]) {
      expect(() => aggregateCells({ ...base, period: range }, stored)).toThrow(
        expect.objectContaining({ code: 'period-not-month-aligned' }),
      );
    }
  });

  it('the accumulator itself filters any range by day', () => {
    const persons = [
      person([enrollment('2024-01-01', '2024-03-15')]),
      person([enrollment('2024-01-01', '2024-03-20')]),
    ];
    const [cell] = computeEffects({ ...base, period: { from: '2024-03-01', to: '2024-03-17' } }, persons);
    expect(cell?.outcomes.effect3m?.n).toBe(1);
    expect(cell?.completed).toBe(1);
    // effect7m and started are attributed to the start day (January): outside the period.
    expect(cell?.outcomes.effect7m?.n).toBeNull();
    expect(cell?.started).toBe(0);
  });

  it('groups by period: end-anchored measures by end day, start-anchored by start day', () => {
    const persons = [person([enrollment('2024-05-10', '2024-07-05')])];
    const cells = computeEffects({ ...base, groupBy: ['period'], periodUnit: 'quarter' }, persons);
    expect(
      cells.map((c) => [c.period, c.outcomes.effect3m?.n ?? 0, c.outcomes.effect7m?.n ?? 0, c.started]),
    ).toEqual([
      ['2024Q2', 0, 1, 1],
      ['2024Q3', 1, 0, 0],
    ]);
    const years = computeEffects({ ...base, groupBy: ['period'], periodUnit: 'year' }, persons);
    expect(years.map((c) => c.period)).toEqual(['2024']);
    const halves = computeEffects({ ...base, groupBy: ['period'] }, persons);
    expect(halves.map((c) => c.period)).toEqual(['2024H1', '2024H2']);
  });

  it('an offer with several industries counts in each; one with none under industry null', () => {
    const cells = computeEffects({ ...base, groupBy: ['industry'] }, population());
    expect(cells.map((c) => [c.industry, c.started])).toEqual([
      [null, 6],
      ['bygge', 6],
      ['it', 12],
    ]);
  });

  it('groups by provider, provider kind and package through the catalog', () => {
    const byKind = computeEffects({ ...base, groupBy: ['providerKind', 'package'] }, population());
    expect(byKind.map((c) => [c.providerKind, c.package, c.started])).toEqual([
      ['external', 'jobpakke', 6],
      ['external', 'mentorpakke', 6],
      ['internal', 'mentorpakke', 6],
    ]);
    const byProvider = computeEffects({ ...base, groupBy: ['provider'] }, population());
    expect(byProvider.map((c) => [c.providerId, c.started])).toEqual([
      ['P1', 12],
      ['P2', 6],
    ]);
  });

  it('complaints have no target group: null when grouped by it, counted otherwise', () => {
    const accumulator = new EffectsAccumulator({ ...base, minCellSize: 5 });
    for (const p of copies(5, () => person([enrollment('2025-01-01', null)]))) accumulator.addPerson(p);
    for (let i = 0; i < 5; i++) accumulator.addComplaint(complaint('O1', '2025-02-01'));
    const stored = accumulator.fineCells();
    const byGroup = aggregateCells({ ...base, minCellSize: 5, groupBy: ['targetGroup'] }, stored);
    expect(byGroup.map((c) => [c.targetGroup, c.started, c.complaints, c.complaintsPer100])).toEqual([
      ['kontanthjaelp', 5, null, null],
    ]);
    const byOffer = aggregateCells({ ...base, minCellSize: 5, groupBy: ['offer'] }, stored);
    expect(byOffer.map((c) => [c.offerId, c.started, c.complaints, c.complaintsPer100])).toEqual([
      ['O1', 5, 5, 100],
    ]);
  });

  it('refuses fine cells computed without one of the configured measures', () => {
    const stored = fineCells(base, population());
    const measures = [
      ...DEFAULT_MEASURES,
      {
        key: 'effect12m',
        label: '12 mdr. effekt',
        anchor: 'end' as const,
        fromMonth: 0,
        toMonth: 12,
        minSelfSufficientMonths: 9,
      },
    ];
    expect(() => aggregateCells({ ...base, measures }, stored)).toThrow(
      expect.objectContaining({ code: 'invalid-fine-cell' }),
    );
  });

  it('fails with unknown-offer for a fine cell of an offer missing from the catalog', () => {
    const stored = fineCells(base, population());
    const without = { ...base, catalog: catalog([offers[1]!, offers[2]!]), groupBy: ['package'] as const };
    expect(() => aggregateCells(without, stored)).toThrow(expect.objectContaining({ code: 'unknown-offer' }));
  });
});
