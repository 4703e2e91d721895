// fast-check properties of the engine (issue 2, "property-based tests").
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aggregateCells,
  daysFromCivil,
  DEFAULT_MEASURES,
  formatDay,
  EffectsAccumulator,
  GROUP_KEYS,
  toEffectRow,
  MAX_PERTURBATION,
  type EngineConfig,
  type FineCell,
  type GroupKey,
  type PersonRecords,
} from '../src/index.ts';
import { catalog, complaint, config, offer, TEST_DISCLOSURE_KEY } from './support/builders.ts';
import { isoAfter2022, persons } from './support/arbitraries.ts';

const base = config({
  catalog: catalog([
    offer('O1', { industries: ['it', 'bygge'], priceDkk: 9_000 }),
    offer('O2', { providerId: 'P2', package: 'mentorpakke' }),
    offer('O3', { industries: ['it'] }),
  ]),
});

const groupBy = fc.subarray([...GROUP_KEYS] as GroupKey[]);
const engineConfig: fc.Arbitrary<EngineConfig> = fc
  .record({
    groupBy,
    minCellSize: fc.integer({ min: 1, max: 6 }),
    periodUnit: fc.constantFrom('halfYear', 'quarter', 'year' as const),
  })
  .map((options) => ({ ...base, ...options }));

const complaints = fc.array(
  fc
    .record({ offerId: fc.constantFrom('O1', 'O2', 'O3'), day: fc.integer({ min: 0, max: 1800 }) })
    .map(({ offerId, day }) => complaint(offerId, isoAfter2022(day))),
  { maxLength: 10 },
);

function accumulate(cfg: EngineConfig, records: readonly PersonRecords[]): EffectsAccumulator {
  const accumulator = new EffectsAccumulator(cfg);
  for (const person of records) accumulator.addPerson(person);
  return accumulator;
}

/** Every { n, ... } object and every count in a JSON row, with its path. */
function walk(
  value: unknown,
  path: string,
  visit: (path: string, object: Record<string, unknown>) => void,
): void {
  if (value === null || typeof value !== 'object') return;
  visit(path, value as Record<string, unknown>);
  for (const [key, inner] of Object.entries(value)) walk(inner, `${path}.${key}`, visit);
}

describe('engine properties', () => {
  it('merging accumulators over any split of the persons equals one pass', () => {
    fc.assert(
      fc.property(
        engineConfig,
        persons,
        fc.array(fc.nat(2), { maxLength: 40 }),
        complaints,
        (cfg, records, parts, filed) => {
          const single = accumulate(cfg, records);
          const shards = [0, 1, 2].map(() => new EffectsAccumulator(cfg));
          records.forEach((person, i) => shards[parts[i] ?? 0]!.addPerson(person));
          filed.forEach((c, i) => {
            single.addComplaint(c);
            shards[i % 3]!.addComplaint(c);
          });
          const merged = shards[2]!;
          merged.merge(shards[0]!);
          merged.merge(shards[1]!);
          expect(merged.fineCells()).toEqual(single.fineCells());
          expect(merged.finish()).toEqual(single.finish());
        },
      ),
      { numRuns: 60 },
    );
  });

  it('fromFineCells(fineCells()) round-trips, also through JSON', () => {
    fc.assert(
      fc.property(engineConfig, persons, (cfg, records) => {
        const original = accumulate(cfg, records);
        const stored = JSON.parse(JSON.stringify(original.fineCells())) as ReturnType<
          EffectsAccumulator['fineCells']
        >;
        const restored = EffectsAccumulator.fromFineCells(cfg, stored);
        expect(restored.fineCells()).toEqual(original.fineCells());
        expect(restored.finish()).toEqual(original.finish());
      }),
      { numRuns: 40 },
    );
  });

  it('stored all-time fine cells answer any grouping and whole-month period exactly as a direct pass', () => {
    const month = fc.integer({ min: 2022 * 12, max: 2027 * 12 + 11 });
    fc.assert(
      fc.property(engineConfig, persons, complaints, month, month, (cfg, records, filed, a, b) => {
        const [fromMonth, toMonth] = a <= b ? [a, b] : [b, a];
        const period = {
          from: formatDay(daysFromCivil(Math.floor(fromMonth / 12), (fromMonth % 12) + 1, 1)),
          to: formatDay(daysFromCivil(Math.floor((toMonth + 1) / 12), ((toMonth + 1) % 12) + 1, 1) - 1),
        };
        const stored = accumulate(cfg, records);
        filed.forEach((c) => stored.addComplaint(c));
        const direct = accumulate({ ...cfg, period }, records);
        filed.forEach((c) => direct.addComplaint(c));
        expect(aggregateCells({ ...cfg, period }, stored.fineCells())).toEqual(direct.finish());
      }),
      { numRuns: 60 },
    );
  });

  it('adding a public-support day never raises any outcome numerator, nor changes a denominator', () => {
    const measures = [
      ...DEFAULT_MEASURES,
      {
        key: 'effect12m',
        label: '12 mdr. effekt',
        anchor: 'end' as const,
        fromMonth: 0,
        toMonth: 12,
        minSelfSufficientMonths: 9,
      },
    ];
    const cfg = { ...base, measures };
    fc.assert(
      fc.property(persons, fc.nat(), fc.integer({ min: 300, max: 1800 }), (records, which, day) => {
        fc.pre(records.length > 0);
        const index = which % records.length;
        const target = records[index]!;
        const extra = {
          personId: 'p',
          benefitType: 'kontanthjaelp',
          startDate: isoAfter2022(day),
          endDate: isoAfter2022(day),
          periodId: null,
        };
        const changed = records.map((p, i) =>
          i === index ? { ...target, benefitPeriods: [...target.benefitPeriods, extra] } : p,
        );
        const before = accumulate(cfg, records).fineCells();
        const after = accumulate(cfg, changed).fineCells();
        expect(after.map((c) => [c.offerId, c.targetGroup, c.month])).toEqual(
          before.map((c) => [c.offerId, c.targetGroup, c.month]),
        );
        after.forEach((cell, i) => {
          for (const measure of measures) {
            const b = before[i]!.outcomes[measure.key]!;
            const a = cell.outcomes[measure.key]!;
            expect(a.x).toBeLessThanOrEqual(b.x);
            expect([a.n, a.pending]).toEqual([b.n, b.pending]);
          }
        });
      }),
      { numRuns: 80 },
    );
  });

  it('published figures: rates inside their intervals, hidden exactly when the exact n < minCellSize, every count within 2 of the exact one', () => {
    fc.assert(
      fc.property(engineConfig, persons, complaints, (cfg, records, filed) => {
        const published = accumulate({ ...cfg, exact: false, disclosureKey: TEST_DISCLOSURE_KEY }, records);
        const exact = accumulate(cfg, records);
        filed.forEach((c) => {
          published.addComplaint(c);
          exact.addComplaint(c);
        });
        const min = cfg.minCellSize!;
        const exactRows = exact.finish().map((cell) => toEffectRow(cell, DEFAULT_MEASURES));
        const shownRows = published.finish().map((cell) => toEffectRow(cell, DEFAULT_MEASURES));
        expect(shownRows.length).toBe(exactRows.length);
        shownRows.forEach((row, i) => {
          const truth = exactRows[i]!;
          walk(row, 'row', (path, object) => {
            const exactObject = at(truth, path);
            if ('rate' in object && object.rate !== null) {
              const { rate, ciLow, ciHigh, x, n } = object as Record<string, number>;
              expect(rate, path).toBeGreaterThanOrEqual(0);
              expect(rate, path).toBeLessThanOrEqual(1);
              expect(ciLow, path).toBeLessThanOrEqual(rate!);
              expect(ciHigh, path).toBeGreaterThanOrEqual(rate!);
              expect(x, path).toBeLessThanOrEqual(n!);
            }
            if ('suppressed' in object) {
              const exactN = exactObject.n as number;
              expect(object.suppressed, `${path}: exact n ${exactN}`).toBe(exactN === 0 || exactN < min);
              if (object.suppressed) {
                for (const field of HIDDEN_FIELDS) {
                  if (field in object) expect(object[field], `${path}.${field}`).toBeNull();
                }
              } else {
                expectNear(object.n, exactN, `${path}.n`);
                if ('x' in object) expectNear(object.x, exactObject.x as number, `${path}.x`);
              }
            }
          });
          for (const count of ['started', 'completed', 'active', 'complaints'] as const) {
            expectCount(row[count], truth[count], min, count);
          }
          for (const measure of DEFAULT_MEASURES) {
            const pending = row.outcomes[measure.key]!.pending;
            expectCount(pending, truth.outcomes[measure.key]!.pending, min, 'pending');
          }
        });
      }),
      { numRuns: 80 },
    );
  });

  it('published figures do not depend on how the persons are split across workers or merged', () => {
    fc.assert(
      fc.property(engineConfig, persons, fc.integer({ min: 1, max: 4 }), (cfg, records, parts) => {
        const keyed = { ...cfg, exact: false, disclosureKey: TEST_DISCLOSURE_KEY };
        const whole = accumulate(keyed, records).finish();
        const shards = Array.from({ length: parts }, () => new EffectsAccumulator(keyed));
        // Round-robin in reverse: another order and another split than the single pass.
        [...records].reverse().forEach((person, i) => shards[i % parts]!.addPerson(person));
        const merged = new EffectsAccumulator(keyed);
        for (const shard of shards) merged.merge(shard);
        expect(merged.finish()).toEqual(whole);
        // Stored fine cells (JSON round trip) aggregate to the same table.
        const stored = JSON.parse(JSON.stringify(merged.fineCells())) as FineCell[];
        if (!cfg.period) expect(aggregateCells(keyed, stored)).toEqual(whole);
      }),
      { numRuns: 60 },
    );
  });
});

const HIDDEN_FIELDS = [
  'n',
  'x',
  'rate',
  'ciLow',
  'ciHigh',
  'mean',
  'median',
  'expectedRate',
  'oe',
  'adjustedRate',
];

/** The object at a path of `walk` ("row.effect3m") in another row. */
function at(row: object, path: string): Record<string, unknown> {
  let value: unknown = row;
  for (const key of path.split('.').slice(1)) value = (value as Record<string, unknown>)[key];
  return value as Record<string, unknown>;
}

function expectNear(shown: unknown, exact: number, path: string): void {
  expect(typeof shown, path).toBe('number');
  expect(
    Math.abs((shown as number) - exact),
    `${path}: ${String(shown)} vs exact ${exact}`,
  ).toBeLessThanOrEqual(MAX_PERTURBATION);
}

/** A plain count: 0 stays 0, hidden below minCellSize, else within 2 of the exact one. */
function expectCount(shown: number | null, exact: number | null, min: number, name: string): void {
  if (exact === null) return expect(shown, name).toBeNull(); // not countable in this grouping
  if (exact === 0) return expect(shown, name).toBe(0);
  if (exact < min) return expect(shown, `${name} (exact ${exact})`).toBeNull();
  expectNear(shown, exact, name);
}
