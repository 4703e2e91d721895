import { describe, expect, it } from 'vitest';
import { parsePeriod, periodKeyOf } from '../src/index.ts';

describe('period shorthands', () => {
  it('turns years, half-years and quarters into inclusive date ranges', () => {
    expect(parsePeriod('2026')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(parsePeriod('2026H1')).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(parsePeriod('2026H2')).toEqual({ from: '2026-07-01', to: '2026-12-31' });
    expect(parsePeriod('2024Q1')).toEqual({ from: '2024-01-01', to: '2024-03-31' });
    expect(parsePeriod('2026Q3')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
  });

  it('turns a month into its whole calendar month, leap years included (the API and CLI share this)', () => {
    expect(parsePeriod('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(parsePeriod('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('says what is wrong, quoting the text', () => {
    expect(() => parsePeriod('2026-13')).toThrow("'2026-13' has no month 13");
    expect(() => parsePeriod('1899')).toThrow("'1899' is before the year 1900");
  });

  it('rejects anything else with invalid-period', () => {
    for (const bad of [
      '2026H3',
      '2026Q5',
      '26H1',
      '2026h1',
      '2026-H1',
      '',
      '2026-13',
      '2026-00',
      '2026-3',
      '1899',
    ]) {
      expect(() => parsePeriod(bad), bad).toThrow(expect.objectContaining({ code: 'invalid-period' }));
    }
  });

  it('names the period containing a month or a day', () => {
    expect(periodKeyOf('2026-06', 'halfYear')).toBe('2026H1');
    expect(periodKeyOf('2026-07-01', 'halfYear')).toBe('2026H2');
    expect(periodKeyOf('2026-09-30', 'quarter')).toBe('2026Q3');
    expect(periodKeyOf('2026-10', 'quarter')).toBe('2026Q4');
    expect(periodKeyOf('2026-12', 'year')).toBe('2026');
  });
});
