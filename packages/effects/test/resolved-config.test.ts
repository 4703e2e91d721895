import { describe, expect, it } from 'vitest';
import {
  computeEffects,
  DEFAULT_MEASURES,
  resolveConfig,
  type GroupKey,
  type PeriodUnit,
} from '../src/index.ts';
import { config } from './support/builders.ts';

describe('resolveConfig', () => {
  it('fills the defaults', () => {
    expect(resolveConfig(config())).toEqual({
      measures: DEFAULT_MEASURES,
      groupBy: [],
      periodUnit: 'halfYear',
      minCellSize: 5,
      exact: true,
    });
  });

  it('rejects bad options with invalid-config naming the option', () => {
    const bad: [Parameters<typeof config>[0], RegExp][] = [
      [{ groupBy: ['offer', 'offers' as GroupKey] }, /groupBy.*"offers"/],
      [{ groupBy: ['offer', 'offer'] }, /groupBy.*more than once/],
      [{ periodUnit: 'month' as PeriodUnit }, /periodUnit/],
      [{ minCellSize: 0 }, /minCellSize/],
      [{ minCellSize: 2.5 }, /minCellSize/],
    ];
    for (const [options, message] of bad) {
      expect(() => computeEffects(config(options), []), String(message)).toThrow(message);
      expect(() => resolveConfig(config(options))).toThrow(
        expect.objectContaining({ code: 'invalid-config' }),
      );
    }
  });

  it('rejects a bad asOf or period as invalid-date / invalid-period', () => {
    expect(() => computeEffects(config({ asOf: '2026-02-30' }), [])).toThrow(/asOf/);
    expect(() => computeEffects(config({ period: { from: '2026-02-01', to: '2026-01-01' } }), [])).toThrow(
      expect.objectContaining({ code: 'invalid-period' }),
    );
  });
});
