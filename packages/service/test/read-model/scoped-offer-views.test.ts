import { aggregateCells, DEFAULT_MEASURES, toEffectRow } from '@evg/effects';
import { describe, expect, it } from 'vitest';
import { ReadModel } from '../../src/read-model/read-model.ts';
import { AS_OF, benefitTypes, fixtureFineCells, offers, providers } from '../app/fixture.ts';
import { expectPublished } from '../support/published.ts';

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

describe('ReadModel.offerViews scoped to target groups', () => {
  it("aggregates each offer over its cells of those target groups, against those groups' reference", () => {
    // At a threshold of 1 nothing is suppressed, so the aggregate itself is visible.
    const model = new ReadModel(snapshot, { minCellSize: 1 });
    const cells = snapshot.fineCells.filter((cell) => cell.targetGroup === 'jobparat');
    const expected = aggregateCells(
      { asOf: AS_OF, catalog: { benefitTypes, offers, providers }, groupBy: ['offer'], minCellSize: 1 },

      cells,
    ).map((cell) => toEffectRow(cell, DEFAULT_MEASURES));
    for (const offerId of ['T1', 'T2']) {
      expect(model.offerView(offerId, undefined, ['jobparat'])!.row).toEqual({
        ...expected.find((row) => row.offerId === offerId),
        complaints: null,
        complaintsPer100: null,
      });
    }
    expectPublished(model.offerView('T2', undefined, ['jobparat'])!.row.outcomes.effect3m as never, {
      n: 6,
      x: 2,
    });
    // T3 has no jobparat enrollments: a row with every figure empty, not its all-groups row.
    const t3 = model.offerView('T3', undefined, ['jobparat'])!.row;
    expect(t3.started).toBe(0);
    expect(t3.outcomes.effect3m).toMatchObject({ n: null });
  });

  it('hides a scoped figure only when its own exact n is under the threshold', () => {
    const model = new ReadModel(snapshot, { minCellSize: 5 });
    const exact = new ReadModel(snapshot, { minCellSize: 5 });
    const exactOf = (offerId: string, scope: string[]) =>
      aggregateCells(
        { asOf: AS_OF, catalog: { benefitTypes, offers, providers }, groupBy: ['offer'], exact: true },
        snapshot.fineCells.filter((cell) => scope.includes(cell.targetGroup)),
      ).find((cell) => cell.offerId === offerId);
    for (const scope of [['jobparat'], ['aktivitetsparat'], ['jobparat', 'aktivitetsparat']]) {
      for (const view of exact.offerViews(undefined, scope)) {
        const truth = exactOf(view.offer.offerId, scope);
        const shown = model.offerView(view.offer.offerId, undefined, scope)!.row.outcomes.effect3m as {
          suppressed: boolean;
        };
        const exactN = truth?.outcomes.effect3m?.n ?? 0;
        expect(shown.suppressed, `${view.offer.offerId} ${scope.join('+')}: exact n ${exactN}`).toBe(
          exactN < 5,
        );
      }
    }
    // T2: 4 aktivitetsparat enrollments hidden, its 10 over jobparat + aktivitetsparat shown.
    expect(model.offerView('T2', undefined, ['aktivitetsparat'])!.row.outcomes.effect3m).toMatchObject({
      suppressed: true,
    });
    expectPublished(
      model.offerView('T2', undefined, ['jobparat', 'aktivitetsparat'])!.row.outcomes.effect3m as never,
      {
        n: 10,
        x: 3,
      },
    );
  });

  it('caches per set of target groups and period, whatever the order they are given in', () => {
    const model = new ReadModel(snapshot, { minCellSize: 5 });
    const both = model.offerViews(undefined, ['jobparat', 'aktivitetsparat']);
    expect(model.offerViews(undefined, ['aktivitetsparat', 'jobparat'])).toBe(both);
    expect(model.offerViews(undefined, ['jobparat'])).not.toBe(both);
    expect(model.offerViews(undefined)).not.toBe(both);
    const inPeriod = model.offerViews({ from: '2025-01-01', to: '2025-06-30' }, ['jobparat']);
    expect(inPeriod).not.toBe(model.offerViews(undefined, ['jobparat']));
    expect(model.offerView('T1', { from: '2025-01-01', to: '2025-06-30' }, ['jobparat'])).toBe(
      inPeriod.find((view) => view.offer.offerId === 'T1'),
    );
  });

  it('has no figures before the first refresh', () => {
    const model = new ReadModel({ ...snapshot, dataVersion: null }, { minCellSize: 5 });
    const t1 = model.offerView('T1', undefined, ['jobparat'])!;
    expect(t1.row.outcomes.effect3m).toMatchObject({ n: null });
  });
});
