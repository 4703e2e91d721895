import { addMonths as dateFnsAddMonths } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  addMonthsSeries,
  ageInYears,
  civilFromDays,
  daysFromCivil,
  EffectsError,
  formatDay,
  monthFirst,
  monthLast,
  parseDay,
} from '../src/index.ts';

const after = (day: string, months: number): string => formatDay(addMonths(parseDay(day), months));

describe('day numbers', () => {
  it('counts days from 1970-01-01', () => {
    expect(parseDay('1970-01-01')).toBe(0);
    expect(parseDay('1969-12-31')).toBe(-1);
    expect(parseDay('2000-03-01') - parseDay('2000-02-28')).toBe(2);
    expect(parseDay('1900-03-01') - parseDay('1900-02-28')).toBe(1);
  });

  it('parses strictly and names the field', () => {
    for (const bad of [
      '2026-02-30',
      '2025-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-1-01',
      '26-01-01',
      '2026-01-01T00:00',
      '',
    ]) {
      expect(() => parseDay(bad), bad).toThrow(EffectsError);
    }
    expect(parseDay('2024-02-29')).toBe(parseDay('2024-02-28') + 1);
    expect(() => parseDay('2026-02-30', 'enrollment start_date')).toThrow(
      /enrollment start_date.*2026-02-30/,
    );
    try {
      parseDay('0101901234');
    } catch (error) {
      expect((error as EffectsError).code).toBe('invalid-date');
      expect((error as Error).message).not.toContain('0101901234');
    }
  });

  it('round-trips every day over four centuries', () => {
    const mismatches: number[] = [];
    for (let day = parseDay('1800-01-01'); day <= parseDay('2200-12-31'); day += 1) {
      const [y, m, d] = civilFromDays(day);
      if (daysFromCivil(y, m, d) !== day) mismatches.push(day);
    }
    expect(mismatches).toEqual([]);
    expect(formatDay(parseDay('2024-02-29'))).toBe('2024-02-29');
  });
});

describe('addMonths', () => {
  it('clamps to the month end like date-fns', () => {
    expect(after('2024-01-31', 1)).toBe('2024-02-29');
    expect(after('2023-01-31', 1)).toBe('2023-02-28');
    expect(after('2024-01-31', 2)).toBe('2024-03-31');
    expect(after('2024-02-29', 12)).toBe('2025-02-28');
    expect(after('2024-03-31', -1)).toBe('2024-02-29');
    expect(after('2024-12-15', 1)).toBe('2025-01-15');
  });

  it('month windows are always computed from the anchor (no drift)', () => {
    const a = parseDay('2024-01-31');
    expect(formatDay(monthFirst(a, 2))).toBe('2024-03-31');
    expect(formatDay(monthLast(a, 0))).toBe('2024-02-28');
    expect(formatDay(monthLast(a, 1))).toBe('2024-03-30');
  });

  it('agrees with date-fns addMonths on calendar fields', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: parseDay('1900-01-01'), max: parseDay('2100-12-31') }),
        fc.integer({ min: -30, max: 30 }),
        (day, k) => {
          const [y, m, d] = civilFromDays(day);
          const expected = dateFnsAddMonths(new Date(y, m - 1, d), k);
          const [ey, em, ed] = civilFromDays(addMonths(day, k));
          expect([ey, em, ed]).toEqual([expected.getFullYear(), expected.getMonth() + 1, expected.getDate()]);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('addMonthsSeries', () => {
  it('equals addMonths from the anchor for every k, across year ends and leap days', () => {
    fc.assert(
      fc.property(fc.integer({ min: parseDay('1990-01-01'), max: parseDay('2060-12-31') }), (anchor) => {
        const series = addMonthsSeries(anchor, 14);
        expect(series).toEqual(Array.from({ length: 14 }, (_, k) => addMonths(anchor, k)));
      }),
      { numRuns: 2000 },
    );
    expect(addMonthsSeries(parseDay('2024-01-31'), 3).map(formatDay)).toEqual([
      '2024-01-31',
      '2024-02-29',
      '2024-03-31',
    ]);
  });
});

describe('ageInYears', () => {
  it('counts whole years, a birthday counting on its day', () => {
    expect(ageInYears(parseDay('1996-06-15'), parseDay('2026-06-14'))).toBe(29);
    expect(ageInYears(parseDay('1996-06-15'), parseDay('2026-06-15'))).toBe(30);
    expect(ageInYears(parseDay('2000-02-29'), parseDay('2030-02-28'))).toBe(29);
    expect(ageInYears(parseDay('2000-02-29'), parseDay('2030-03-01'))).toBe(30);
  });
});
