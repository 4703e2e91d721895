import { describe, expect, it } from 'vitest';
import {
  aggregateCells,
  aggregateScopedCells,
  computeEffects,
  EffectsAccumulator,
  withoutComplaints,
  type PersonRecords,
} from '../../src/index.ts';
import { catalog, complaint, config, enrollment, offer, period, person } from '../support/builders.ts';

const cfg = config({ catalog: catalog([offer('O1'), offer('O2')]), minCellSize: 1, groupBy: ['offer'] });

/** Two offers, two target groups with different success, so the case-mix reference matters. */
function population(targetGroups: readonly string[] = ['kontanthjaelp', 'dagpenge']): PersonRecords[] {
  const persons: PersonRecords[] = [];
  for (const offerId of ['O1', 'O2']) {
    for (let i = 0; i < 8; i++) {
      const targetGroup = i % 2 === 0 ? 'kontanthjaelp' : 'dagpenge';
      if (!targetGroups.includes(targetGroup)) continue;
      const fails = targetGroup === 'dagpenge' ? i < 6 : i < 2 || offerId === 'O2';
      const support = fails ? [period('2024-04-01', null)] : [];
      persons.push(person([enrollment('2024-01-01', '2024-03-31', { offerId, targetGroup })], support));
    }
  }
  return persons;
}
const complaints = [complaint('O1', '2024-02-01'), complaint('O2', '2024-02-02')];

function fineCells() {
  const accumulator = new EffectsAccumulator(cfg);
  for (const p of population()) accumulator.addPerson(p);
  for (const c of complaints) accumulator.addComplaint(c);
  return accumulator.fineCells();
}

describe('aggregateScopedCells', () => {
  it("is the table of that target group's enrollments alone, case-mix reference included", () => {
    const scoped = aggregateScopedCells(cfg, fineCells(), ['dagpenge']);
    const alone = computeEffects(cfg, population(['dagpenge'])).map(withoutComplaints);
    expect(scoped).toEqual(alone);
    // Not the all-groups figures: the scope changes the rate and the reference it is adjusted by.
    const all = aggregateCells(cfg, fineCells());
    expect(scoped[0]!.outcomes.effect3m!.n).toBe(4);
    expect(all[0]!.outcomes.effect3m!.n).toBe(8);
    expect(scoped[0]!.outcomes.effect3m!.adjustedRate).not.toBe(all[0]!.outcomes.effect3m!.adjustedRate);
  });

  it('counts no complaints, which carry no target group', () => {
    const all = aggregateCells(cfg, fineCells());
    expect(all[0]!.complaints).toBe(1);
    for (const cell of aggregateScopedCells(cfg, fineCells(), ['dagpenge', 'kontanthjaelp'])) {
      expect(cell.complaints).toBeNull();
      expect(cell.complaintsPer100).toBeNull();
    }
  });

  it('gives no cells for a target group without enrollments', () => {
    expect(aggregateScopedCells(cfg, fineCells(), ['jobparat'])).toEqual([]);
  });
});
