import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EffectsAccumulator, type EffectCell, type Enrollment, type Offer } from '@evg/effects';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachPerson } from '../../src/data-dir/for-each-person.ts';
import { openDataDir, type DataDir } from '../../src/data-dir/open-data-dir.ts';
import { DEMO_AS_OF, DEMO_PERSONS, DEMO_SEED } from '../../src/synth/seed-database.ts';
import { writeSynthData } from '../../src/synth/write-synth.ts';
import { TEST_DISCLOSURE_KEY } from '../support/disclosure-key.ts';

const MATCH = ['kontanthjaelp_match1', 'kontanthjaelp_match2', 'kontanthjaelp_match3'];
const REFORMED = ['jobparat', 'aktivitetsparat', 'uddannelseshjaelp'];
const KONTANTHJAELP_PACKAGES = [
  'jobpakke',
  'uddannelsespakke',
  'motivationspakke',
  'mentorpakke',
  'aktiv_stoettepakke',
];

// The data `npm start` and `evg seed` load, so the demo path works on exactly these numbers.
const root = await mkdtemp(join(tmpdir(), 'evg-synth-match-'));
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

let data: DataDir;
let enrollments: Enrollment[];
let cells: EffectCell[];
beforeAll(async () => {
  await writeSynthData({
    persons: DEMO_PERSONS,
    seed: DEMO_SEED,
    out: root,
    format: 'csv',
    asOf: DEMO_AS_OF,
  });
  data = await openDataDir(root);
  const { benefitTypes, offers, providers } = data.catalog;
  let accumulator: EffectsAccumulator;
  await forEachPerson(data, () => {
    accumulator = new EffectsAccumulator({
      asOf: DEMO_AS_OF,
      catalog: { benefitTypes, offers, providers },
      disclosureKey: TEST_DISCLOSURE_KEY,
      groupBy: ['offer', 'targetGroup'],
    });
    enrollments = [];
    return (person) => {
      accumulator.addPerson(person);
      enrollments.push(...person.enrollments);
    };
  });
  data.issues.throwIfAny();
  cells = accumulator!.finish();
}, 120_000);

const offerById = () => new Map<string, Offer>(data.catalog.offers.map((offer) => [offer.offerId, offer]));

describe('evg synth: the match groups before the 2014 reform', () => {
  it('refers kontanthjælp recipients to match groups before 2014 and to the reformed groups after', () => {
    const before = enrollments.filter((e) => e.startDate < '2014-01-01');
    const after = enrollments.filter((e) => e.startDate >= '2014-01-01');
    expect(before.some((e) => e.startDate < '2012-07-01')).toBe(true);
    for (const code of MATCH)
      expect(before.filter((e) => e.targetGroup === code).length).toBeGreaterThan(100);
    expect(before.filter((e) => REFORMED.includes(e.targetGroup))).toEqual([]);
    expect(after.filter((e) => MATCH.includes(e.targetGroup))).toEqual([]);
    expect(after.some((e) => e.targetGroup === 'jobparat')).toBe(true);
    expect(after.some((e) => e.targetGroup === 'aktivitetsparat')).toBe(true);
  });

  it('refers every citizen to an offer that lists the target group and runs on the start day', () => {
    const offers = offerById();
    const misfits = enrollments.filter((e) => {
      const offer = offers.get(e.offerId);
      return (
        offer === undefined ||
        !offer.targetGroups.includes(e.targetGroup) ||
        (offer.validFrom !== null && e.startDate < offer.validFrom) ||
        (offer.validTo !== null && e.startDate > offer.validTo)
      );
    });
    expect(misfits).toEqual([]);
  });

  it('lists match 2 on at least 8 offers of several providers, all in packages that served kontanthjælp', () => {
    const match2 = data.catalog.offers.filter((offer) => offer.targetGroups.includes('kontanthjaelp_match2'));
    expect(match2.length).toBeGreaterThanOrEqual(8);
    expect(new Set(match2.map((offer) => offer.providerId)).size).toBeGreaterThanOrEqual(4);
    for (const offer of match2) {
      expect(KONTANTHJAELP_PACKAGES).toContain(offer.package);
      expect(offer.validFrom! < '2014-01-01').toBe(true);
    }
  });

  // Secondary suppression hides some match-2 cells (the smallest cell of a line that holds a
  // small one), so fewer than the 12 offers show it; a caseworker still needs a handful of
  // offers to compare (the issue's path compares three).
  it('shows the 3-month effect for match 2 on at least 6 offers at the demo scale', () => {
    const shown = cells.filter(
      (cell) => cell.targetGroup === 'kontanthjaelp_match2' && cell.outcomes.effect3m?.rate != null,
    );
    expect(shown.length).toBeGreaterThanOrEqual(6);
    for (const cell of shown) expect(cell.outcomes.effect3m!.n).toBeGreaterThanOrEqual(5);
  });

  it('makes match 1 the easiest and match 3 the hardest group, as jobparat is easier than aktivitetsparat', () => {
    const rate = (group: string) => {
      const own = cells.filter((cell) => cell.targetGroup === group);
      const x = own.reduce((sum, cell) => sum + (cell.outcomes.effect3m?.x ?? 0), 0);
      const n = own.reduce((sum, cell) => sum + (cell.outcomes.effect3m?.n ?? 0), 0);
      return x / n;
    };
    expect(rate('kontanthjaelp_match1')).toBeGreaterThan(rate('kontanthjaelp_match2'));
    expect(rate('kontanthjaelp_match2')).toBeGreaterThan(rate('kontanthjaelp_match3'));
    expect(rate('jobparat')).toBeGreaterThan(rate('aktivitetsparat'));
  });
});
