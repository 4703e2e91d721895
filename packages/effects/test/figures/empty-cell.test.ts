import { describe, expect, it } from 'vitest';
import { DEFAULT_MEASURES, emptyEffectCell, parsePeriod } from '../../src/index.ts';
import { config, publishedConfig } from '../support/builders.ts';

describe('emptyEffectCell', () => {
  it('has every figure empty and no grouping keys, whatever the grouping and period asked', () => {
    const period = parsePeriod('2025H1');
    const cell = emptyEffectCell(publishedConfig({ groupBy: ['offer'], period, minCellSize: 5 }));
    expect(cell.offerId).toBeUndefined();
    expect(Object.keys(cell.outcomes)).toEqual(DEFAULT_MEASURES.map((measure) => measure.key));
    expect(cell.outcomes.effect3m).toMatchObject({ n: null, x: null, rate: null, suppressed: true });
    expect(cell.companyShare).toMatchObject({ n: null, rate: null, suppressed: true });
    expect(cell.started).toBe(0);
    expect(cell.costPerOutcome).toBeNull();
  });

  it('carries the measures of the config', () => {
    const measures = [{ ...DEFAULT_MEASURES[0]!, key: 'effect12m', toMonth: 12 }];
    expect(Object.keys(emptyEffectCell(config({ measures })).outcomes)).toEqual(['effect12m']);
  });
});
