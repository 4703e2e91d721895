// The engine against a naive day-by-day implementation (test/naive/) on random data.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EffectsAccumulator, DEFAULT_MEASURES, type MeasureDefinition } from '../src/index.ts';
import { naiveDurations, naiveOutcomes, type NaiveCounts } from './naive/naive-outcomes.ts';
import { catalog, config, offer } from './support/builders.ts';
import { persons } from './support/arbitraries.ts';

const measures: MeasureDefinition[] = [
  ...DEFAULT_MEASURES,
  {
    key: 'effect12m',
    label: '12 mdr. effekt',
    anchor: 'end',
    fromMonth: 0,
    toMonth: 12,
    minSelfSufficientMonths: 9,
  },
  {
    key: 'late4m',
    label: 'sen status',
    anchor: 'start',
    fromMonth: 3,
    toMonth: 7,
    minSelfSufficientMonths: 2,
  },
];
const cfg = config({ measures, catalog: catalog([offer('O1'), offer('O2'), offer('O3')]) });

function engineOutcomes(records: Parameters<typeof naiveOutcomes>[0]): Map<string, NaiveCounts> {
  const accumulator = new EffectsAccumulator(cfg);
  for (const person of records) accumulator.addPerson(person);
  const result = new Map<string, NaiveCounts>();
  for (const cell of accumulator.fineCells()) {
    for (const measure of measures) {
      const counters = cell.outcomes[measure.key]!;
      if (counters.n + counters.pending === 0) continue;
      const key = `${cell.offerId} ${measure.key}`;
      const counts = result.get(key) ?? { n: 0, x: 0, pending: 0 };
      counts.n += counters.n;
      counts.x += counters.x;
      counts.pending += counters.pending;
      result.set(key, counts);
    }
  }
  return result;
}

describe('differential test against a naive implementation', () => {
  it('outcome n, x and pending per offer and measure agree on random data', () => {
    fc.assert(
      fc.property(persons, (records) => {
        const naive = naiveOutcomes(records, cfg.catalog.benefitTypes, measures, cfg.asOf);
        expect(new Map([...engineOutcomes(records)].sort())).toEqual(new Map([...naive].sort()));
      }),
      { numRuns: 60 },
    );
  });

  it('started enrollments and unemployment durations per offer agree on random data', () => {
    fc.assert(
      fc.property(persons, (records) => {
        const accumulator = new EffectsAccumulator(cfg);
        for (const person of records) accumulator.addPerson(person);
        const engine = new Map<string, { started: number; durationDays: number }>();
        for (const cell of accumulator.fineCells()) {
          if (cell.started === 0) continue;
          const counts = engine.get(cell.offerId) ?? { started: 0, durationDays: 0 };
          counts.started += cell.started;
          for (const [days, count] of Object.entries(cell.durationHistogram))
            counts.durationDays += Number(days) * count;
          engine.set(cell.offerId, counts);
        }
        const naive = naiveDurations(records, cfg.catalog.benefitTypes, cfg.asOf);
        expect(new Map([...engine].sort())).toEqual(new Map([...naive].sort()));
      }),
      { numRuns: 40 },
    );
  });
});
