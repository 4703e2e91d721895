import { describe, expect, it } from 'vitest';
import { PeriodError, parsePeriodName, resolvePeriod } from '../../src/read-model/period-query.ts';

describe('period parameters', () => {
  it('reads years, half-years, quarters and months', () => {
    expect(parsePeriodName('2026', 'period')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(parsePeriodName('2026H2', 'period')).toEqual({ from: '2026-07-01', to: '2026-12-31' });
    expect(parsePeriodName('2024Q1', 'period')).toEqual({ from: '2024-01-01', to: '2024-03-31' });
    expect(parsePeriodName('2024-02', 'period')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });

  it('combines from and to given as month-boundary dates or period names', () => {
    expect(resolvePeriod({ from: '2025-07-01', to: '2026H1' })).toEqual({
      from: '2025-07-01',
      to: '2026-06-30',
    });
    expect(resolvePeriod({ from: '2025Q3' })).toEqual({ from: '2025-07-01', to: '9999-12-31' });
    expect(resolvePeriod({})).toBeUndefined();
  });

  it.each([
    [{ period: '2026H3' }, 'period'],
    [{ period: '2026', from: '2026-01-01' }, 'period'],
    [{ from: '2026-01-02' }, 'from'],
    [{ to: '2026-02-28', from: '2026-01-01' }, null],
    [{ to: '2024-02-28' }, 'to'],
    [{ from: '2026-13-01' }, 'from'],
    [{ from: '2026-03-01', to: '2026-02-28' }, 'to'],
  ])('%o → error naming %s', (query, parameter) => {
    if (parameter === null) {
      expect(() => resolvePeriod(query)).not.toThrow();
      return;
    }
    try {
      resolvePeriod(query);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PeriodError);
      expect((error as PeriodError).parameter).toBe(parameter);
    }
  });
});
