// measures.md §4: primary suppression on exact n, the cell key method for every published count.
import { describe, expect, it } from 'vitest';
import {
  addKey,
  aggregateCells,
  computeEffects,
  DEFAULT_MEASURES,
  EffectsAccumulator,
  perturbation,
  publishCount,
  recordKeyer,
  toCsvRecord,
  toEffectRow,
  type PersonRecords,
} from '../src/index.ts';
import {
  catalog,
  complaint,
  copies,
  enrollment,
  offer,
  period,
  person,
  publishedConfig,
  response,
  TEST_DISCLOSURE_KEY,
} from './support/builders.ts';

const recordKey = recordKeyer(TEST_DISCLOSURE_KEY);
const TWO_32 = 2 ** 32;

/** The oracle: the published count of a set of enrollments, from their ids alone. */
function expectedCount(enrollmentIds: readonly string[]): number {
  const cellKey = enrollmentIds.reduce((k, id) => (k + recordKey('enrollment', id)) % TWO_32, 0);
  return publishCount(enrollmentIds.length, cellKey);
}

const idsOf = (persons: readonly PersonRecords[]): string[] =>
  persons.flatMap((p) => p.enrollments.map((e) => e.enrollmentId));

describe('cell key method (worked example J)', () => {
  it('sums record keys mod 2^32 and perturbs by the table', () => {
    const sum = [3_000_000_000, 2_000_000_000, 500_000_000].reduce(addKey, 0);
    expect(sum).toBe(1_205_032_704);
    expect(sum / TWO_32).toBeCloseTo(0.2806, 4);
    expect(perturbation(sum)).toBe(0);
    expect(publishCount(3, sum)).toBe(3);
    const more = [4_000_000_000, 300_000_000].reduce(addKey, sum);
    expect(more).toBe(1_210_065_408);
    expect(more / TWO_32).toBeCloseTo(0.2817, 4);
    expect(perturbation(more)).toBe(0);
    expect(publishCount(7, Math.floor(0.97 * TWO_32))).toBe(9);
  });

  it('uses the whole perturbation table, keeps 0 at 0 and never goes below 0', () => {
    const at = (u: number): number => perturbation(Math.ceil(u * TWO_32));
    expect([0, 0.049, 0.05, 0.249, 0.25, 0.749, 0.75, 0.949, 0.95, 0.9999].map(at)).toEqual([
      -2, -2, -1, -1, 0, 0, 1, 1, 2, 2,
    ]);
    expect(publishCount(0, Math.floor(0.99 * TWO_32))).toBe(0);
    expect(publishCount(1, 0)).toBe(0);
  });

  it('record keys depend on the secret, the kind and the id, and on nothing else', () => {
    const other = recordKeyer('another-installation-secret');
    expect(recordKey('enrollment', 'E1')).toBe(recordKeyer(TEST_DISCLOSURE_KEY)('enrollment', 'E1'));
    expect(recordKey('enrollment', 'E1')).not.toBe(other('enrollment', 'E1'));
    expect(recordKey('enrollment', 'E1')).not.toBe(recordKey('surveyResponse', 'E1'));
    expect(recordKey('enrollment', 'E1')).not.toBe(recordKey('enrollment', 'E2'));
    expect(recordKey('enrollment', 'Ærø-1')).toBeLessThan(TWO_32);
    expect(() => recordKeyer('short')).toThrow(/at least 16 characters/);
  });
});

describe('disclosure control', () => {
  it('G: 4 eligible enrollments are suppressed; 5 are shown, perturbed by their cell key', () => {
    const make = (): PersonRecords => person([enrollment('2024-01-15', '2024-03-31')]);
    const four = computeEffects(publishedConfig(), copies(4, make))[0]?.outcomes.effect3m;
    expect(four).toMatchObject({ n: null, x: null, rate: null, ciLow: null, ciHigh: null, suppressed: true });
    const persons = copies(5, make);
    const five = computeEffects(publishedConfig(), persons)[0]?.outcomes.effect3m;
    // Every one succeeds, so n and x are counts of the same records: the same cell key.
    const shown = expectedCount(idsOf(persons));
    expect(five).toMatchObject({ n: shown, x: shown, rate: 1, suppressed: false });
  });

  it('suppresses every kind of output below minCellSize', () => {
    const persons = copies(4, () => {
      const e = enrollment('2024-01-01', '2024-03-31', { companyOriented: true });
      return person([e], [period('2023-01-01', '2023-12-31')], {
        surveyResponses: [response(e.enrollmentId, '2024-02-01', 5, 5)],
      });
    });
    const complaints = [complaint('O1', '2024-02-01'), complaint('O1', '2024-02-02')];
    const [cell] = computeEffects(publishedConfig({ groupBy: ['offer'] }), persons, complaints);
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

  it('hides nothing of a cell with n ≥ minCellSize to protect another figure: a small pending count hides only itself', () => {
    const persons = [
      ...copies(6, () => person([enrollment('2024-01-01', '2024-03-31')])),
      ...copies(2, () => person([enrollment('2026-01-01', '2026-10-15')])),
    ];
    const [cell] = computeEffects(publishedConfig(), persons);
    const done = idsOf(persons.slice(0, 6));
    expect(cell?.outcomes.effect3m).toMatchObject({
      n: expectedCount(done),
      pending: null,
      suppressed: false,
    });
    expect(cell?.outcomes.status1m).toMatchObject({
      n: expectedCount(done),
      pending: null,
      suppressed: false,
    });
    expect(cell?.outcomes.effect7m).toMatchObject({ n: expectedCount(idsOf(persons)), pending: 0 });
    expect(cell?.started).toBe(expectedCount(idsOf(persons)));
  });

  it('the same records give the same published count in every table (offer, provider, total)', () => {
    // O1 is P1's only offer: its cells and P1's are the same records, so the same figures.
    const cfg = publishedConfig({
      catalog: catalog([offer('O1'), offer('O2', { providerId: 'P2' })]),
    });
    const persons = [
      ...copies(9, () => person([enrollment('2024-01-01', '2024-03-31')])),
      ...copies(7, () => person([enrollment('2024-01-01', '2024-03-31', { offerId: 'O2' })])),
    ];
    const byOffer = computeEffects({ ...cfg, groupBy: ['offer'] }, persons);
    const byProvider = computeEffects({ ...cfg, groupBy: ['provider'] }, persons);
    const [total] = computeEffects(cfg, persons);
    expect(byOffer[0]?.outcomes.effect3m).toEqual(byProvider[0]?.outcomes.effect3m);
    expect(byOffer[1]?.started).toBe(byProvider[1]?.started);
    expect(total?.started).toBe(expectedCount(idsOf(persons)));
    expect(byOffer[0]?.started).toBe(expectedCount(idsOf(persons.slice(0, 9))));
  });

  it('rates and shares are computed from the published counts; x never exceeds n', () => {
    const persons = copies(12, () =>
      person([enrollment('2024-01-01', '2024-03-31', { companyOriented: true })]),
    );
    const [cell] = computeEffects(publishedConfig(), persons);
    const share = cell!.companyShare;
    expect(share.x).toBeLessThanOrEqual(share.n!);
    expect(share.rate).toBe(share.x! / share.n!);
    expect(share.n).toBe(cell?.started);
  });

  it('means of scores are published to one decimal', () => {
    const persons = copies(6, () => {
      const e = enrollment('2024-01-01', '2024-03-31');
      return person([e], [], { surveyResponses: [response(e.enrollmentId, '2024-02-01', 4, 5)] });
    });
    persons.push(
      ...copies(1, () => {
        const e = enrollment('2024-01-01', '2024-03-31');
        return person([e], [], { surveyResponses: [response(e.enrollmentId, '2024-02-01', 5, 5)] });
      }),
    );
    const [cell] = computeEffects(publishedConfig(), persons);
    expect(cell?.satisfiedShare.mean).toBe(4.1); // 29 / 7 = 4.142…
  });

  it('honours a configured minCellSize in JSON rows and CSV records alike', () => {
    const persons = copies(7, () => person([enrollment('2024-01-01', '2024-03-31')]));
    const [shown] = computeEffects(publishedConfig({ minCellSize: 7 }), persons);
    const [hidden] = computeEffects(publishedConfig({ minCellSize: 8 }), persons);
    expect(toCsvRecord(toEffectRow(shown!, DEFAULT_MEASURES)).effect3m_n).toBe(expectedCount(idsOf(persons)));
    const csv = toCsvRecord(toEffectRow(hidden!, DEFAULT_MEASURES));
    expect([csv.effect3m_n, csv.effect3m_x, csv.effect3m_rate, csv.effect3m_suppressed, csv.started]).toEqual(
      [null, null, null, true, null],
    );
  });

  it('cells computed without a disclosure key give exact figures only, and cannot be published', () => {
    const persons = copies(6, () => person([enrollment('2024-01-01', '2024-03-31')]));
    const accumulator = new EffectsAccumulator(publishedConfig({ disclosureKey: undefined }));
    persons.forEach((p) => accumulator.addPerson(p));
    expect(() => accumulator.finish()).toThrow(expect.objectContaining({ code: 'unkeyed-fine-cell' }));
    const exact = aggregateCells(publishedConfig({ exact: true }), accumulator.fineCells());
    expect(exact[0]?.outcomes.effect3m).toMatchObject({ n: 6, x: 6 });
  });
});

describe('differencing attacks recover no small count', () => {
  // 200 pairs of cells that differ by a small count (1-4 records): a total and a part, as a
  // total minus a filtered table, a year minus its half-years or an unscoped minus a scoped
  // search would give them. Without perturbation the difference would be exact every time.
  it('the difference of two published counts is the exact small count far less than always', () => {
    let exactHits = 0;
    let errorsAtMost4 = true;
    const trials = 200;
    for (let t = 0; t < trials; t++) {
      const small = 1 + (t % 4);
      const persons = copies(20 + (t % 7), () => person([enrollment('2024-01-01', '2024-03-31')]));
      const hidden = copies(small, () => person([enrollment('2024-01-01', '2024-03-31', { offerId: 'O2' })]));
      const cfg = publishedConfig();
      const [total] = computeEffects(cfg, [...persons, ...hidden]);
      const [part] = computeEffects({ ...cfg, groupBy: ['offer'] }, [...persons, ...hidden]);
      const recovered = total!.outcomes.effect3m!.n! - part!.outcomes.effect3m!.n!;
      if (recovered === small) exactHits++;
      if (Math.abs(recovered - small) > 4) errorsAtMost4 = false;
    }
    expect(errorsAtMost4).toBe(true);
    // d is 0 for half of all keys, so both sides unperturbed about a quarter of the time, and
    // equal non-zero perturbations cancel now and then: well under half the attacks succeed.
    expect(exactHits / trials).toBeLessThan(0.5);
  });
});
