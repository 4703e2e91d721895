// measures.md §4: no figure computed from fewer than minCellSize records leaves the engine.
import { describe, expect, it } from 'vitest';
import { computeEffects, toEffectRow, toCsvRecord, DEFAULT_MEASURES } from '../src/index.ts';
import { complaint, config, copies, enrollment, period, person, response } from './support/builders.ts';

describe('disclosure control', () => {
  it('suppresses every kind of output below minCellSize', () => {
    const persons = copies(4, () => {
      const e = enrollment('2024-01-01', '2024-03-31', { companyOriented: true });
      return person([e], [period('2023-01-01', '2023-12-31')], {
        surveyResponses: [response(e.enrollmentId, '2024-02-01', 5, 5)],
      });
    });
    const complaints = [complaint('O1', '2024-02-01'), complaint('O1', '2024-02-02')];
    const [cell] = computeEffects(config({ groupBy: ['offer'] }), persons, complaints);
    const rateNull = { n: null, x: null, rate: null, ciLow: null, ciHigh: null, suppressed: true };
    for (const measure of DEFAULT_MEASURES) {
      expect(cell?.outcomes[measure.key]).toEqual({
        ...rateNull,
        pending: 0,
        expectedRate: null,
        oe: null,
        adjustedRate: null,
      });
    }
    expect(cell?.companyShare).toEqual(rateNull);
    expect(cell?.ageUnder30Share).toEqual(rateNull);
    expect(cell?.satisfiedShare).toEqual({ ...rateNull, mean: null });
    expect(cell?.closerShare).toEqual({ ...rateNull, mean: null });
    expect(cell?.unemploymentDuration).toEqual({
      n: null,
      median: null,
      bands: { '<3m': null, '3-6m': null, '6-12m': null, '>12m': null },
      suppressed: true,
    });
    // A zero discloses nothing and is shown (nobody is still active).
    expect([cell?.started, cell?.completed, cell?.active, cell?.complaints, cell?.complaintsPer100]).toEqual([
      null,
      null,
      0,
      null,
      null,
    ]);
  });

  it('suppresses small pending counts but shows zero', () => {
    const persons = [
      ...copies(6, () => person([enrollment('2024-01-01', '2024-03-31')])),
      // Pending for every end-anchored measure: had status1m counted them (n 8, pending 0), its
      // n + pending minus effect3m's n would give the 2 back, and secondary suppression hides it.
      ...copies(2, () => person([enrollment('2026-01-01', '2026-10-15')])),
    ];
    const [cell] = computeEffects(config(), persons);
    expect(cell?.outcomes.effect3m).toMatchObject({ n: 6, pending: null });
    expect(cell?.outcomes.status1m).toMatchObject({ n: 6, pending: null });
    expect(cell?.outcomes.effect7m).toMatchObject({ n: 8, pending: 0 });
  });

  it('complaints per 100 is null when complaints are suppressed, though started is shown', () => {
    const persons = copies(10, () => person([enrollment('2024-01-01', null)]));
    const [cell] = computeEffects(config(), persons, [complaint('O1', '2024-02-01')]);
    expect([cell?.started, cell?.complaints, cell?.complaintsPer100]).toEqual([10, null, null]);
  });

  it('honours a configured minCellSize in JSON rows and CSV records alike', () => {
    const persons = copies(7, () => person([enrollment('2024-01-01', '2024-03-31')]));
    const [shown] = computeEffects(config({ minCellSize: 7 }), persons);
    const [hidden] = computeEffects(config({ minCellSize: 8 }), persons);
    expect(toCsvRecord(toEffectRow(shown!, DEFAULT_MEASURES)).effect3m_n).toBe(7);
    const csv = toCsvRecord(toEffectRow(hidden!, DEFAULT_MEASURES));
    expect([csv.effect3m_n, csv.effect3m_x, csv.effect3m_rate, csv.effect3m_suppressed, csv.started]).toEqual(
      [null, null, null, true, null],
    );
  });
});
