// measures.md §3 "other rates" and "counts and context".
import { describe, expect, it } from 'vitest';
import { computeEffects, type EffectCell } from '../src/index.ts';
import {
  catalog,
  complaint,
  config,
  enrollment,
  offer,
  period,
  person,
  response,
  publishedConfig,
} from './support/builders.ts';

function only(cells: EffectCell[]): EffectCell {
  expect(cells).toHaveLength(1);
  return cells[0] as EffectCell;
}

describe('context figures', () => {
  it('company share over enrollments started', () => {
    const persons = [0, 1, 2, 3, 4, 5, 6, 7].map((i) =>
      person([enrollment('2025-03-01', null, { companyOriented: i < 3 })]),
    );
    expect(only(computeEffects(config(), persons)).companyShare).toMatchObject({ n: 8, x: 3, rate: 3 / 8 });
  });

  it('age share at the start day, in whole years', () => {
    const births = ['1995-03-02', '1995-03-01', '1995-02-28', '2000-01-01', '1980-01-01', '1996-03-01'];
    // Start 2025-03-01: ages 29, 30, 30, 25, 45, 28.
    const persons = births.map((birthDate) => person([enrollment('2025-03-01', null)], [], { birthDate }));
    expect(only(computeEffects(config(), persons)).ageUnder30Share).toMatchObject({ n: 6, x: 3, rate: 0.5 });
  });

  it('unemployment duration bands and median at the band edges', () => {
    const start = '2025-06-01';
    // Supported runs ending 2025-05-31 of 0, 90, 91, 182, 183, 365, 366 days.
    const runs = [0, 90, 91, 182, 183, 365, 366];
    const firstDay = (days: number): string =>
      new Date(Date.UTC(2025, 5, 1) - days * 86_400_000).toISOString().slice(0, 10);
    const persons = runs.map((days) =>
      person([enrollment(start, null)], days === 0 ? [] : [period(firstDay(days), '2025-05-31')]),
    );
    const duration = only(computeEffects(config(), persons)).unemploymentDuration;
    expect(duration.n).toBe(7);
    expect(duration.median).toBe(182);
    expect(duration.bands).toEqual({ '<3m': 2 / 7, '3-6m': 2 / 7, '6-12m': 2 / 7, '>12m': 1 / 7 });
  });

  it('a supported start day itself does not count; only days before start', () => {
    const persons = Array.from({ length: 5 }, () =>
      person([enrollment('2025-06-01', null)], [period('2025-06-01', null)]),
    );
    expect(only(computeEffects(config(), persons)).unemploymentDuration.median).toBe(0);
  });

  it('survey answers: 4–5 are successes, means beside them, null answers skipped', () => {
    const e = enrollment('2025-01-01', null);
    const scores: [number | null, number | null][] = [
      [5, 1],
      [4, 2],
      [3, 4],
      [2, 5],
      [1, null],
      [null, 4],
    ];
    const responses = scores.map(([s, c]) => response(e.enrollmentId, '2025-02-01', s, c));
    const cell = only(computeEffects(config(), [person([e], [], { surveyResponses: responses })]));
    expect(cell.satisfiedShare).toMatchObject({ n: 5, x: 2, rate: 0.4, mean: 3 });
    expect(cell.closerShare).toMatchObject({ n: 5, x: 3, rate: 0.6, mean: 3.2 });
  });

  it('started, completed and active, and active ends on asOf', () => {
    const persons = [
      person([enrollment('2025-01-01', '2025-02-01')]),
      person([enrollment('2025-01-01', '2025-03-01')]),
      person([enrollment('2025-01-01', '2026-10-31')]), // ends on asOf: active and completed
      person([enrollment('2025-01-01', '2026-12-31')]), // planned end after asOf: active, not completed
      person([enrollment('2025-01-01', null)]),
      person([enrollment('2025-01-01', null)]),
    ];
    const cell = only(computeEffects(config({ minCellSize: 3 }), persons));
    expect([cell.started, cell.completed, cell.active]).toEqual([6, 3, 4]);
  });

  it('complaints and complaints per 100 started, grouped by offer', () => {
    const persons = Array.from({ length: 10 }, () => person([enrollment('2025-01-01', null)]));
    const complaints = Array.from({ length: 6 }, () => complaint('O1', '2025-05-01'));
    const cells = computeEffects(
      publishedConfig({ groupBy: ['offer'], catalog: catalog([offer('O1'), offer('O2'), offer('O3')]) }),
      persons,
      [...complaints, complaint('O2', '2025-05-01')],
    );
    const exact = computeEffects(
      config({ groupBy: ['offer'], catalog: catalog([offer('O1'), offer('O2'), offer('O3')]) }),
      persons,
      [...complaints, complaint('O2', '2025-05-01')],
    );
    expect(exact.map((c) => [c.offerId, c.started, c.complaints, c.complaintsPer100])).toEqual([
      ['O1', 10, 6, 60],
      ['O2', 0, 1, null],
    ]);
    // Published: O2's single complaint is hidden; O1's per 100 is from its published counts.
    const [o1, o2] = cells;
    expect(o2?.complaints).toBeNull();
    expect(o1?.complaintsPer100).toBe((100 * o1!.complaints!) / o1!.started!);
  });

  it('complaints received after asOf are not counted', () => {
    const persons = Array.from({ length: 10 }, () => person([enrollment('2025-01-01', null)]));
    const complaints = Array.from({ length: 6 }, () => complaint('O1', '2026-11-01'));
    expect(only(computeEffects(config(), persons, complaints)).complaints).toBe(0);
  });

  it('cost per outcome is the offer price over the effect3m rate, only when grouped by offer', () => {
    const priced = config({
      catalog: {
        ...config().catalog,
        offers: config().catalog.offers.map((o) => ({ ...o, priceDkk: 12_000 })),
      },
    });
    const persons = [0, 1, 2, 3, 4, 5, 6, 7].map((i) =>
      person([enrollment('2024-01-01', '2024-03-31')], i < 2 ? [] : [period('2024-04-01', '2024-04-01')]),
    );
    const byOffer = only(computeEffects({ ...priced, groupBy: ['offer'] }, persons));
    expect(byOffer.outcomes.effect3m?.rate).toBe(0.25);
    expect(byOffer.costPerOutcome).toBe(48_000);
    expect(only(computeEffects(priced, persons)).costPerOutcome).toBeNull();
    const noSuccess = persons.slice(2);
    expect(only(computeEffects({ ...priced, groupBy: ['offer'] }, noSuccess)).costPerOutcome).toBeNull();
    expect(only(computeEffects({ ...config(), groupBy: ['offer'] }, persons)).costPerOutcome).toBeNull();
  });
});
