import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Enrollment, PersonRecords } from '@evg/effects';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forEachPerson } from '../../src/data-dir/for-each-person.ts';
import { openDataDir, type DataDir } from '../../src/data-dir/open-data-dir.ts';
import { PRICE_RANGES } from '../../src/synth/catalog.ts';
import { writeSynthData } from '../../src/synth/write-synth.ts';

const root = await mkdtemp(join(tmpdir(), 'evg-synth-'));
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function synth(name: string, seed: number, format: 'csv' | 'ndjson' = 'csv', persons = 1500) {
  const out = join(root, name);
  await writeSynthData({ persons, seed, out, format, asOf: '2026-10-31' });
  return out;
}

async function filesOf(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) files[name] = await readFile(join(dir, name), 'utf8');
  return files;
}

let data: DataDir;
let persons: PersonRecords[];
beforeAll(async () => {
  data = await openDataDir(await synth('a', 1));
  persons = [];
  await forEachPerson(data, () => (person) => persons.push(person));
});

describe('evg synth data', () => {
  it('is byte-identical for the same seed and differs for another seed', async () => {
    const again = await filesOf(await synth('b', 1));
    expect(again).toEqual(await filesOf(data.dir));
    expect(Object.keys(again)).toHaveLength(11);
    const other = await filesOf(await synth('c', 2));
    expect(other['enrollments.csv']).not.toEqual(again['enrollments.csv']);
  });

  it('passes every validation and cross-reference check, streamed in person order', async () => {
    expect(data.issues.issues).toEqual([]);
    expect(persons).toHaveLength(1500);
    const ids = persons.map((p) => p.person?.personId);
    expect(ids[0]).toBe('P0000001');
    expect([...ids].sort()).toEqual(ids);
  });

  it('passes validation as NDJSON too, with the same records', async () => {
    const ndjson = await openDataDir(await synth('d', 1, 'ndjson'));
    const fromNdjson: PersonRecords[] = [];
    await forEachPerson(ndjson, () => (person) => fromNdjson.push(person));
    expect(ndjson.issues.issues).toEqual([]);
    expect(fromNdjson).toEqual(persons);
    expect(ndjson.catalog).toEqual(data.catalog);
  });

  it('has the 12 external providers and 3 employment centres, and offers in all six packages within the ranges', () => {
    const kinds = data.catalog.providers.map((p) => p.kind);
    expect(kinds.filter((k) => k === 'external')).toHaveLength(12);
    expect(data.catalog.providers.filter((p) => p.kind === 'internal').map((p) => p.name)).toEqual([
      'Center for Afklaring og Beskæftigelse',
      'Center for Kompetence og Beskæftigelse',
      'Center for Beskæftigelse Sprog og Integration',
    ]);
    expect(new Set(data.catalog.offers.map((o) => o.package)).size).toBe(6);
    for (const offer of data.catalog.offers) {
      expect(offer.hoursPerWeek).toBeGreaterThanOrEqual(10);
      expect(offer.hoursPerWeek).toBeLessThanOrEqual(37);
      expect(offer.durationWeeks).toBeGreaterThanOrEqual(1);
      expect(offer.durationWeeks).toBeLessThanOrEqual(13);
      const [low, high] = PRICE_RANGES[offer.package];
      expect(offer.priceDkk).toBeGreaterThanOrEqual(low);
      expect(offer.priceDkk).toBeLessThanOrEqual(high);
      expect(offer.targetGroups.length).toBeGreaterThan(0);
    }
  });

  it('has the awkward cases real registers have', () => {
    const periods = persons.flatMap((p) => p.benefitPeriods);
    const enrollments: Enrollment[] = persons.flatMap((p) => p.enrollments);
    expect(periods.some((p) => p.benefitType === 'su')).toBe(true);
    expect(periods.some((p) => p.endDate === null)).toBe(true);
    const overlapping = persons.some((p) =>
      p.benefitPeriods.some((a, i) =>
        p.benefitPeriods.some(
          (b, j) =>
            i !== j &&
            a.startDate <= (b.endDate ?? '9999') &&
            b.startDate <= (a.endDate ?? '9999') &&
            a.startDate < b.startDate,
        ),
      ),
    );
    expect(overlapping).toBe(true);
    const touching = persons.some((p) =>
      p.benefitPeriods.some(
        (a) =>
          a.endDate?.endsWith('-12-31') &&
          p.benefitPeriods.some((b) => b.startDate === `${Number(a.endDate!.slice(0, 4)) + 1}-01-01`),
      ),
    );
    expect(touching).toBe(true);
    expect(enrollments.some((e) => e.endDate === null)).toBe(true);
    expect(enrollments.some((e) => e.endReason === 'afbrudt')).toBe(true);
    expect(enrollments.some((e) => e.companyOriented)).toBe(true);
    expect(enrollments.every((e) => e.startDate >= '2012-01-01' && e.startDate <= '2026-10-31')).toBe(true);
    expect(persons.some((p) => p.surveyResponses.length > 0)).toBe(true);
    expect(data.catalog.complaints.length).toBeGreaterThan(0);
    expect(new Set(data.catalog.supervisions.map((s) => s.smiley)).size).toBe(3);
  });
});
