import { aggregateCells, DEFAULT_MEASURES, toEffectRow } from '@evg/effects';
import { describe, expect, it } from 'vitest';
import { ReadModel } from '../../src/read-model/read-model.ts';
import { AS_OF, benefitTypes, fixtureFineCells, offers, providers } from '../app/fixture.ts';

const snapshot = {
  dataVersion: { id: 7, createdAt: new Date(), asOf: AS_OF },
  fineCells: fixtureFineCells(),
  offers,
  providers,
  targetGroups: [],
  industries: [],
  packages: [],
  benefitTypes,
  latestSupervisions: [],
};

describe('ReadModel', () => {
  it('answers any grouping exactly as the engine aggregates the same fine cells', () => {
    const model = new ReadModel(snapshot, { minCellSize: 5 });
    const query = {
      groupBy: ['provider', 'period'] as const,
      period: undefined,
      periodUnit: 'quarter' as const,
    };
    const expected = aggregateCells(
      {
        asOf: AS_OF,
        catalog: { benefitTypes, offers, providers },
        groupBy: query.groupBy,
        periodUnit: 'quarter',
      },
      snapshot.fineCells,
    ).map((cell) => toEffectRow(cell, DEFAULT_MEASURES));
    expect(model.effects(query)).toEqual(expected);
    // Cached: the same array for the same query.
    expect(model.effects(query)).toBe(model.effects(query));
  });

  it('gives an offer without enrollments a row with every figure empty', () => {
    const model = new ReadModel(snapshot, { minCellSize: 5 });
    const row = model.offerView('T4')!.row;
    expect(row.offerId).toBe('T4');
    expect(row.outcomes.effect3m).toMatchObject({ n: null, suppressed: true });
  });

  it('honours the configured minimum cell size', () => {
    const strict = new ReadModel(snapshot, { minCellSize: 25 });
    const row = strict.offerView('T1')!.row;
    expect(row.outcomes.effect3m).toMatchObject({ n: null, suppressed: true });
  });

  it('has no effect figures before the first refresh', () => {
    const empty = new ReadModel({ ...snapshot, dataVersion: null, fineCells: [] }, { minCellSize: 5 });
    expect(empty.effects({ groupBy: ['offer'], period: undefined, periodUnit: 'halfYear' })).toEqual([]);
    expect(empty.offerViews(undefined)).toHaveLength(4);
  });
});
