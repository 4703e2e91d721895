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
    expect(model.offerView('T2', undefined, ['jobparat'])!.row.effect3m).toMatchObject({ n: 6, x: 2 });
    // T3 has no jobparat enrollments: a row with every figure empty, not its all-groups row.
    const t3 = model.offerView('T3', undefined, ['jobparat'])!.row;
    expect(t3.started).toBe(0);
    expect(t3.effect3m).toMatchObject({ n: null });
  });

  it('hides every figure the offer × target group table hides for any scoped group', () => {
    const model = new ReadModel(snapshot, { minCellSize: 5 });
    const table = model.effects({
      groupBy: ['offer', 'targetGroup'],
      period: undefined,
      periodUnit: 'halfYear',
    });
    // T2's 4 aktivitetsparat enrollments are hidden (under 5): so is T2 over jobparat +
    // aktivitetsparat, else it minus T2's jobparat figure would give them back.
    const t2Active = table.find((row) => row.offerId === 'T2' && row.targetGroup === 'aktivitetsparat')!;
    expect(t2Active.effect3m).toMatchObject({ n: null, suppressed: true });
    for (const scope of [['jobparat'], ['aktivitetsparat'], ['jobparat', 'aktivitetsparat']]) {
      for (const view of model.offerViews(undefined, scope)) {
        const members = table.filter(
          (row) => row.offerId === view.offer.offerId && scope.includes(row.targetGroup ?? ''),
        );
        for (const [key, figure] of Object.entries(view.row)) {
          if (typeof figure !== 'object' || figure === null || !('suppressed' in figure)) continue;
          const hiddenInTable = members.some((member) => (member[key] as { suppressed: boolean }).suppressed);
          if (hiddenInTable)
            expect(figure, `${view.offer.offerId} ${scope.join('+')} ${key}`).toMatchObject({
              suppressed: true,
            });
        }
        if (members.some((member) => member.started === null)) expect(view.row.started).toBeNull();
      }
    }
    const t2 = model.offerView('T2', undefined, ['jobparat', 'aktivitetsparat'])!.row;
    expect(t2.effect3m).toMatchObject({ n: null, x: null, rate: null, suppressed: true });
    expect(t2.costPerOutcome).toBeNull();
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
    expect(t1.row.effect3m).toMatchObject({ n: null });
  });
});
