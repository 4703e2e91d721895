// measures.md §4: case-mix adjustment by indirect standardisation.
import { describe, expect, it } from 'vitest';
import { computeEffects, type PersonRecords } from '../src/index.ts';
import { config, publishedConfig, enrollment, period, person } from './support/builders.ts';

/** An effect3m-eligible enrollment (ends 2024-03-31), a success unless `fails`. */
function citizen(
  offerId: string,
  birthDate: string,
  fails: boolean,
  targetGroup = 'kontanthjaelp',
): PersonRecords {
  return person(
    [enrollment('2024-01-01', '2024-03-31', { offerId, targetGroup })],
    fails ? [period('2024-04-15', '2024-04-15')] : [],
    { birthDate },
  );
}

function many(count: number, successes: number, make: (fails: boolean) => PersonRecords): PersonRecords[] {
  return Array.from({ length: count }, (_, i) => make(i >= successes));
}

const YOUNG = '2000-01-01';
const OLD = '1970-01-01';

describe('case-mix adjusted outcomes', () => {
  it('standardises each offer against the stratum rates of all offers', () => {
    const persons = [
      ...many(10, 8, (f) => citizen('O1', YOUNG, f)),
      ...many(10, 4, (f) => citizen('O1', OLD, f)),
      ...many(10, 2, (f) => citizen('O2', OLD, f)),
    ];
    // Reference: young 8/10, old 6/20, overall 14/30.
    const [o1, o2] = computeEffects(config({ groupBy: ['offer'] }), persons);
    expect(o1?.outcomes.effect3m).toMatchObject({ n: 20, x: 12 });
    expect(o1?.outcomes.effect3m?.expectedRate).toBeCloseTo(11 / 20, 12);
    expect(o1?.outcomes.effect3m?.oe).toBeCloseTo(12 / 11, 12);
    expect(o1?.outcomes.effect3m?.adjustedRate).toBeCloseTo((12 / 11) * (14 / 30), 12);
    expect(o2?.outcomes.effect3m?.expectedRate).toBeCloseTo(0.3, 12);
    expect(o2?.outcomes.effect3m?.oe).toBeCloseTo(2 / 3, 12);
    expect(o2?.outcomes.effect3m?.adjustedRate).toBeCloseTo((2 / 3) * (14 / 30), 12);
  });

  it('target group is part of the stratum', () => {
    const persons = [
      ...many(10, 9, (f) => citizen('O1', OLD, f, 'dagpenge')),
      ...many(10, 1, (f) => citizen('O2', OLD, f, 'kontanthjaelp')),
    ];
    // Each offer is alone in its stratum: expected = observed.
    for (const cell of computeEffects(config({ groupBy: ['offer'] }), persons)) {
      expect(cell.outcomes.effect3m?.oe).toBeCloseTo(1, 12);
      expect(cell.outcomes.effect3m?.expectedRate).toBeCloseTo(cell.outcomes.effect3m?.rate ?? NaN, 12);
    }
  });

  it('the whole population is its own reference: O/E = 1 and adjusted = raw rate', () => {
    const persons = [
      ...many(10, 8, (f) => citizen('O1', YOUNG, f)),
      ...many(7, 1, (f) => citizen('O2', OLD, f)),
      ...many(6, 3, (f) =>
        person([enrollment('2024-01-01', '2024-03-31')], f ? [period('2024-05-01', null)] : [], {
          birthDate: null,
        }),
      ),
    ];
    const [cell] = computeEffects(config(), persons);
    expect(cell?.outcomes.effect3m?.oe).toBeCloseTo(1, 12);
    expect(cell?.outcomes.effect3m?.adjustedRate).toBeCloseTo(12 / 23, 12);
  });

  it('uses the reference of the same period when grouped by period', () => {
    const half1 = (offerId: string, fails: boolean) =>
      person(
        [enrollment('2024-01-01', '2024-03-31', { offerId })],
        fails ? [period('2024-04-15', '2024-04-15')] : [],
        {
          birthDate: YOUNG,
        },
      );
    const half2 = (offerId: string, fails: boolean) =>
      person(
        [enrollment('2024-06-01', '2024-08-31', { offerId })],
        fails ? [period('2024-09-15', '2024-09-15')] : [],
        {
          birthDate: YOUNG,
        },
      );
    const persons = [
      ...many(10, 5, (f) => half1('O1', f)),
      ...many(10, 9, (f) => half1('O2', f)),
      ...many(10, 1, (f) => half2('O1', f)),
    ];
    const cells = computeEffects(config({ groupBy: ['offer', 'period'] }), persons);
    const o1h1 = cells.find((c) => c.offerId === 'O1' && c.period === '2024H1');
    const o1h2 = cells.find((c) => c.offerId === 'O1' && c.period === '2024H2');
    expect(o1h1?.outcomes.effect3m?.expectedRate).toBeCloseTo(14 / 20, 12);
    expect(o1h2?.outcomes.effect3m?.expectedRate).toBeCloseTo(0.1, 12);
    expect(o1h2?.outcomes.effect3m?.oe).toBeCloseTo(1, 12);
  });

  it('is null when expected successes are 0 or the cell is suppressed', () => {
    const allFail = many(10, 0, (f) => citizen('O1', OLD, f));
    const [cell] = computeEffects(config({ groupBy: ['offer'] }), allFail);
    expect(cell?.outcomes.effect3m).toMatchObject({
      rate: 0,
      expectedRate: null,
      oe: null,
      adjustedRate: null,
    });
    const small = computeEffects(publishedConfig({ groupBy: ['offer'] }), [
      ...many(4, 2, (f) => citizen('O1', OLD, f)),
      ...many(10, 5, (f) => citizen('O2', OLD, f)),
    ]);
    expect(small[0]?.outcomes.effect3m).toMatchObject({
      suppressed: true,
      expectedRate: null,
      oe: null,
      adjustedRate: null,
    });
  });
});
