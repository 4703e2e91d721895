import { describe, expect, it } from 'vitest';
import type { EffectsError } from '../src/index.ts';
import { formatDay, parseDay, SupportedIntervals } from '../src/index.ts';
import { period } from './support/builders.ts';

const types = new Map([
  ['kontanthjaelp', true],
  ['dagpenge', true],
  ['su', false],
]);

function intervals(...periods: ReturnType<typeof period>[]): string[] {
  const s = new SupportedIntervals().load(periods, types);
  return Array.from({ length: s.length }, (_, i) => {
    const end = s.ends[i] as number;
    return `${formatDay(s.starts[i] as number)}..${end === Infinity ? '' : formatDay(end)}`;
  });
}

describe('SupportedIntervals', () => {
  it('merges overlapping and touching periods, keeps gaps, ignores non-public types', () => {
    expect(
      intervals(
        period('2024-03-05', '2024-05-31', 'dagpenge'),
        period('2024-01-01', '2024-03-10'),
        period('2024-06-01', '2024-06-10'), // touches the previous one
        period('2024-06-12', '2024-06-12'), // one-day gap before it
        period('2024-06-13', '2024-07-01', 'su'),
      ),
    ).toEqual(['2024-01-01..2024-06-10', '2024-06-12..2024-06-12']);
  });

  it('a contained period does not shorten the one containing it; an open end absorbs later periods', () => {
    expect(intervals(period('2024-01-01', '2024-12-31'), period('2024-02-01', '2024-02-02'))).toEqual([
      '2024-01-01..2024-12-31',
    ]);
    expect(intervals(period('2025-01-01', '2025-01-31'), period('2024-06-01', null))).toEqual([
      '2024-06-01..',
    ]);
  });

  it('rejects an unknown benefit type with a typed error', () => {
    expect(() => intervals(period('2024-01-01', null, 'ukendt'))).toThrow(
      expect.objectContaining({ code: 'unknown-benefit-type' }) as EffectsError,
    );
  });

  it('measures the supported run ending on a day, across merged periods', () => {
    const s = new SupportedIntervals().load(
      [period('2024-01-01', '2024-03-10'), period('2024-03-05', '2024-05-31', 'dagpenge')],
      types,
    );
    expect(s.runEndingOn(parseDay('2024-05-31'))).toBe(152);
    expect(s.runEndingOn(parseDay('2024-01-01'))).toBe(1);
    expect(s.runEndingOn(parseDay('2023-12-31'))).toBe(0);
    expect(s.runEndingOn(parseDay('2024-06-01'))).toBe(0);
    // Leap year: 2024-02-29 exists, so Jan 1 .. Mar 1 is 61 days.
    expect(s.runEndingOn(parseDay('2024-03-01'))).toBe(61);
  });

  it('a run continues across touching periods and stops at a one-day gap', () => {
    const touching = new SupportedIntervals().load(
      [period('2024-01-01', '2024-01-31'), period('2024-02-01', '2024-02-29', 'dagpenge')],
      types,
    );
    expect(touching.runEndingOn(parseDay('2024-02-29'))).toBe(60);
    const gap = new SupportedIntervals().load(
      [period('2024-01-01', '2024-01-30'), period('2024-02-01', '2024-02-29')],
      types,
    );
    expect(gap.runEndingOn(parseDay('2024-02-29'))).toBe(29);
  });

  it('answers whether any day of a range is supported', () => {
    const s = new SupportedIntervals().load([period('2024-02-29', '2024-02-29')], types);
    expect(s.anySupported(parseDay('2024-02-01'), parseDay('2024-02-28'))).toBe(false);
    expect(s.anySupported(parseDay('2024-02-29'), parseDay('2024-03-30'))).toBe(true);
    expect(s.anySupported(parseDay('2024-03-01'), parseDay('2024-03-30'))).toBe(false);
  });

  it('is reusable: loading a new person replaces the previous intervals', () => {
    const s = new SupportedIntervals();
    s.load([period('2024-01-01', '2024-01-31'), period('2024-03-01', null)], types);
    s.load([period('2020-01-01', '2020-01-01')], types);
    expect(s.length).toBe(1);
    expect(s.anySupported(parseDay('2024-03-01'), parseDay('2030-01-01'))).toBe(false);
  });
});
