import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PACKAGES, PROVIDER_KINDS, SMILEYS, type RecordKind } from '../../src/records.ts';
import { compileCsvParser } from '../../src/schemas/fast-parse.ts';
import { parseRecord } from '../../src/schemas/parse-record.ts';
import { recordFields, TEXT_LIMITS, VALUE_RANGES } from '../../src/schemas/record-schemas.ts';

/** The ranged whole-number fields of the contract and the range each takes. */
const RANGED: Record<string, { min: number; max: number }> = {
  hours_per_week: VALUE_RANGES.hoursPerWeek,
  duration_weeks: VALUE_RANGES.durationWeeks,
  satisfaction: VALUE_RANGES.surveyAnswer,
  closer_to_job: VALUE_RANGES.surveyAnswer,
};
/** Each range's edges: the bounds and the whole numbers just outside them. */
const EDGES = Object.values(VALUE_RANGES).flatMap(({ min, max }) => [min - 1, min, max, max + 1].map(String));
/** Near misses of the enumerations: another case, a trailing space. */
const NEAR_MISSES = [...PROVIDER_KINDS, ...SMILEYS, ...PACKAGES].flatMap((value) => [
  value.toUpperCase(),
  `${value} `,
]);

// Values that are valid for some field and invalid for others, plus edge cases of each rule.
const SAMPLES = [
  '',
  ' ',
  'x',
  'P0000001',
  '0101901234',
  '010190-1234',
  '2024-02-29',
  '2023-02-29',
  '2026-02-30',
  '2024-01-15',
  '2024-03-31',
  '2024-1-5',
  'true',
  'false',
  'TRUE',
  '0',
  '1',
  '5',
  '6',
  '10',
  '13',
  '37',
  '38',
  '-1',
  '-0',
  '007',
  '12.5',
  '1e3',
  '25000',
  '99999999999999999999',
  'jobpakke',
  'mentorpakke',
  'external',
  'internal',
  'other_actor',
  'happy',
  'sad',
  'jobparat;dagpenge',
  ' a ; ;b',
  ';',
  // Spellings of CPR numbers, and texts at and over the length limits.
  '050590 1234',
  '060690–1234',
  'CPR0707901234',
  'x'.repeat(TEXT_LIMITS.id),
  'x'.repeat(TEXT_LIMITS.id + 1),
  `a;${'x'.repeat(TEXT_LIMITS.id + 1)}`,
  'æ'.repeat(TEXT_LIMITS.name),
  'æ'.repeat(TEXT_LIMITS.name + 1),
  'x'.repeat(TEXT_LIMITS.text),
  'x'.repeat(TEXT_LIMITS.text + 1),
  ...EDGES,
  ...NEAR_MISSES,
];

const KINDS = Object.keys(recordFields) as RecordKind[];

/** Values that are mostly valid for a field, so that many generated rows are valid. */
function plausible(field: string): string[] {
  if (/(_date|_on|valid_from|valid_to)$/.test(field)) return ['2024-01-15', '2024-03-31', '2024-02-29', ''];
  if (['public_support', 'accessible', 'company_oriented'].includes(field)) return ['true', 'false', ''];
  const range = RANGED[field];
  if (range !== undefined) {
    const { min, max } = range;
    return [min, max, min - 1, max + 1].map(String).concat('');
  }
  if (['price_dkk', 'result_bonus_dkk'].includes(field)) return ['0', '25000', ''];
  if (field === 'kind') return [...PROVIDER_KINDS];
  if (field === 'package') return [...PACKAGES];
  if (field === 'smiley') return [...SMILEYS];
  if (field === 'target_groups' || field === 'industries') return ['jobparat;dagpenge', ' a ; ;b', ''];
  return ['P0000001', 'x', 'Tekst, med "citat"'];
}

const valueFor = (field: string) =>
  fc.oneof(
    { weight: 9, arbitrary: fc.constantFrom(...plausible(field)) },
    { weight: 1, arbitrary: fc.constantFrom(...SAMPLES) },
  );

/** A header: some of the kind's fields, in any order, sometimes with an unknown column. */
const headerOf = (kind: RecordKind) =>
  fc
    .tuple(fc.shuffledSubarray([...recordFields[kind]]), fc.boolean())
    .map(([fields, extra]) => (extra ? [...fields, 'unknown_column'] : fields));

/** One valid row of each kind, in the order of `recordFields`. */
const VALID: Record<RecordKind, string[]> = {
  benefit_types: ['su', 'false', 'SU'],
  target_groups: ['jobparat', 'Jobparate'],
  industries: ['it', ''],
  providers: ['L01', 'Jobhuset', 'external', ''],
  offers: [
    'O1',
    'L01',
    'Job',
    'jobpakke',
    'Tekst, "citat"',
    'jobparat;dagpenge',
    '',
    '25000',
    '37',
    '13',
    'true',
    '',
    '2021-01-01',
    '',
  ],
  persons: ['P0000001', '1990-04-01'],
  benefit_periods: ['P0000001', 'kontanthjaelp', '2024-01-01', '2024-01-01', ''],
  enrollments: ['E1', 'P0000001', 'O1', 'jobparat', '2024-01-15', '', 'true', ''],
  survey_responses: ['R1', 'E1', '2024-04-01', '5', ''],
  complaints: ['K1', 'O1', '2024-04-01', 'indhold'],
  supervisions: ['S1', 'O1', '2024-04-01', 'neutral', ''],
};

describe('compileCsvParser: the fast path agrees with the zod schemas', () => {
  // 22,000 generated rows, some 10,000 characters long: seconds on a busy machine.
  it('returns a record only when parseRecord returns the same record, and whenever it does', () => {
    for (const kind of KINDS) {
      let accepted = 0;
      let refused = 0;
      fc.assert(
        fc.property(
          headerOf(kind).chain((header) => fc.tuple(fc.constant(header), fc.tuple(...header.map(valueFor)))),
          ([header, values]) => {
            const fast = compileCsvParser(kind, header)(values);
            const raw = Object.fromEntries(header.map((field, i) => [field, values[i]]));
            const slow = parseRecord(kind, raw);
            if (fast !== undefined) {
              expect(slow).toEqual({ ok: true, record: fast });
              accepted++;
            } else {
              // Unknown columns always go the slow way; otherwise a refusal must be zod's too.
              if (!header.includes('unknown_column')) expect(slow.ok).toBe(false);
              refused++;
            }
          },
        ),
        { numRuns: 2000 },
      );
      // Both sides of the agreement were exercised for every kind.
      expect(accepted, kind).toBeGreaterThan(20);
      expect(refused, kind).toBeGreaterThan(20);
    }
  }, 60_000);

  it('accepts valid rows (so the fast path is really used)', () => {
    for (const kind of KINDS) {
      const values = VALID[kind];
      const fast = compileCsvParser(kind, recordFields[kind])(values);
      expect(fast, kind).toBeDefined();
      const raw = Object.fromEntries(recordFields[kind].map((field, i) => [field, values[i]]));
      expect(parseRecord(kind, raw)).toEqual({ ok: true, record: fast });
    }
  });

  it('leaves every invalid row to parseRecord', () => {
    const persons = compileCsvParser('persons', ['person_id', 'birth_date']);
    expect(persons(['P1', '2023-02-29'])).toBeUndefined();
    expect(persons(['0101901234', '1990-01-01'])).toBeUndefined();
    expect(persons(['', '1990-01-01'])).toBeUndefined();
    expect(compileCsvParser('persons', ['person_id', 'birthdate'])(['P1', '1990-01-01'])).toBeUndefined();
  });
});

/** The limit of each text field, as the data contract's schemas define it. */
const LIMITED: Record<string, number> = {
  name: TEXT_LIMITS.name,
  framework_agreement: TEXT_LIMITS.name,
  end_reason: TEXT_LIMITS.name,
  category: TEXT_LIMITS.name,
  description: TEXT_LIMITS.text,
  note: TEXT_LIMITS.text,
  target_groups: TEXT_LIMITS.id,
  industries: TEXT_LIMITS.id,
};
const ID_FIELDS = /(_id|^code|^benefit_type|^target_group)$/;

describe('text length limits', () => {
  it('every text field takes its limit and refuses one more character, on both paths, naming the field', () => {
    let checked = 0;
    for (const kind of KINDS) {
      const fields = recordFields[kind];
      for (const [f, field] of fields.entries()) {
        const limit = LIMITED[field] ?? (ID_FIELDS.test(field) ? TEXT_LIMITS.id : undefined);
        if (limit === undefined) continue;
        for (const length of [limit, limit + 1]) {
          const values = [...VALID[kind]];
          values[f] = 'P'.repeat(length);
          const fast = compileCsvParser(kind, fields)(values);
          const slow = parseRecord(kind, Object.fromEntries(fields.map((name, i) => [name, values[i]])));
          if (length === limit) {
            expect(slow, `${kind}.${field}`).toEqual({ ok: true, record: fast });
          } else {
            expect(fast, `${kind}.${field}`).toBeUndefined();
            expect(slow, `${kind}.${field}`).toEqual({
              ok: false,
              issues: [{ field, message: expect.stringContaining(`at most ${limit} characters`) }],
            });
          }
        }
        checked++;
      }
    }
    // Every text field of the contract was checked (ids, codes, names, free texts).
    expect(checked).toBe(32);
  });
});

describe('signed zero', () => {
  it('reads "-0" as the whole number 0 on both paths', () => {
    const header = ['offer_id', 'provider_id', 'name', 'package', 'price_dkk'];
    const values = ['O1', 'L01', 'Jobpakke', 'jobpakke', '-0'];
    const fast = compileCsvParser('offers', header)(values);
    const slow = parseRecord('offers', Object.fromEntries(header.map((field, i) => [field, values[i]])));
    expect(Object.is(fast?.priceDkk, 0)).toBe(true);
    expect(slow.ok && Object.is(slow.record.priceDkk, 0)).toBe(true);
  });
});

describe('ranges and enumerations of the contract', () => {
  // The constants the fast path reads are the ones the schemas are built from; pin them to the
  // data contract (docs/data-contract.md) so a change to either shows here.
  it('are the data contract’s', () => {
    expect(VALUE_RANGES).toEqual({
      hoursPerWeek: { min: 10, max: 37 },
      durationWeeks: { min: 1, max: 13 },
      surveyAnswer: { min: 1, max: 5 },
    });
    expect(PROVIDER_KINDS).toEqual(['external', 'internal', 'other_actor']);
    expect(SMILEYS).toEqual(['happy', 'neutral', 'sad']);
  });

  it('every ranged field takes its bounds and refuses the whole numbers just outside, on both paths', () => {
    let checked = 0;
    for (const kind of KINDS) {
      const fields = recordFields[kind];
      for (const [f, field] of fields.entries()) {
        const range = RANGED[field];
        if (range === undefined) continue;
        for (const value of [range.min - 1, range.min, range.max, range.max + 1]) {
          const values = [...VALID[kind]];
          values[f] = String(value);
          const fast = compileCsvParser(kind, fields)(values);
          const slow = parseRecord(kind, Object.fromEntries(fields.map((name, i) => [name, values[i]])));
          if (value >= range.min && value <= range.max) {
            expect(fast, `${kind}.${field}=${value}`).toBeDefined();
            expect(slow, `${kind}.${field}=${value}`).toEqual({ ok: true, record: fast });
          } else {
            expect(fast, `${kind}.${field}=${value}`).toBeUndefined();
            expect(slow, `${kind}.${field}=${value}`).toEqual({
              ok: false,
              issues: [{ field, message: `must be a whole number between ${range.min} and ${range.max}` }],
            });
          }
        }
        checked++;
      }
    }
    expect(checked).toBe(4);
  });

  it('every enumerated field takes each of its values and refuses near misses, on both paths', () => {
    const enumerated = [
      { kind: 'providers', field: 'kind', values: PROVIDER_KINDS },
      { kind: 'supervisions', field: 'smiley', values: SMILEYS },
      { kind: 'offers', field: 'package', values: PACKAGES },
    ] as const;
    for (const { kind, field, values: allowed } of enumerated) {
      const fields = recordFields[kind];
      const f = fields.indexOf(field);
      const attempt = (value: string) => {
        const values = [...VALID[kind]];
        values[f] = value;
        return {
          fast: compileCsvParser(kind, fields)(values),
          slow: parseRecord(kind, Object.fromEntries(fields.map((name, i) => [name, values[i]]))),
        };
      };
      for (const value of allowed) {
        const { fast, slow } = attempt(value);
        expect(fast, `${kind}.${field}=${value}`).toBeDefined();
        expect(slow).toEqual({ ok: true, record: fast });
      }
      for (const value of allowed.flatMap((v) => [v.toUpperCase(), `${v} `, v.slice(1)])) {
        const { fast, slow } = attempt(value);
        expect(fast, `${kind}.${field}=${value}`).toBeUndefined();
        expect(slow, `${kind}.${field}=${value}`).toEqual({
          ok: false,
          issues: [{ field, message: `must be one of ${allowed.join(', ')}` }],
        });
      }
    }
  });
});
