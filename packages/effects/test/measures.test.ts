import { describe, expect, it } from 'vitest';
import { computeEffects, DEFAULT_MEASURES, validateMeasures, type MeasureDefinition } from '../src/index.ts';
import { config, copies, enrollment, period, person } from './support/builders.ts';

const effect12m: MeasureDefinition = {
  key: 'effect12m',
  label: '12 mdr. effekt',
  anchor: 'end',
  fromMonth: 0,
  toMonth: 12,
  minSelfSufficientMonths: 9,
};

describe('measures as data', () => {
  it('has the four default measures with their Danish labels', () => {
    expect(
      DEFAULT_MEASURES.map((m) => [
        m.key,
        m.label,
        m.anchor,
        m.fromMonth,
        m.toMonth,
        m.minSelfSufficientMonths,
      ]),
    ).toEqual([
      ['effect3m', '3 mdr. effekt', 'end', 0, 3, 3],
      ['effect7m', '7 mdr. effekt', 'start', 0, 7, 3],
      ['status1m', '1 mdr. status', 'end', 0, 1, 1],
      ['status3m', '3 mdr. status', 'end', 2, 3, 1],
    ]);
  });

  it('computes a custom 12-month effect with no code change', () => {
    const measures = [...DEFAULT_MEASURES, effect12m];
    // Ends 2024-12-31: months 2025-01 … 2025-12. Supported 3 months (Mar–May) → 9 self-sufficient: success.
    const success = () =>
      person([enrollment('2024-10-01', '2024-12-31')], [period('2025-03-01', '2025-05-31')]);
    // Supported 4 months → 8 self-sufficient: failure.
    const failure = () =>
      person([enrollment('2024-10-01', '2024-12-31')], [period('2025-03-01', '2025-06-30')]);
    // Ends 2025-12-31: window to 2026-12-31 > asOf: pending.
    const pending = () => person([enrollment('2025-10-01', '2025-12-31')]);
    const [cell] = computeEffects(config({ measures }), [
      ...copies(5, success),
      ...copies(5, failure),
      ...copies(5, pending),
    ]);
    expect(cell?.outcomes.effect12m).toMatchObject({ n: 10, x: 5, rate: 0.5, pending: 5 });
    // effect3m (Jan–Mar after the end): the first two groups are supported in March; the third succeeds.
    expect(cell?.outcomes.effect3m).toMatchObject({ n: 15, x: 5, pending: 0 });
  });

  it('rejects invalid definitions with invalid-measure naming the measure', () => {
    const bad: [Partial<MeasureDefinition>, RegExp][] = [
      [{ key: '' }, /measure #1.*key/],
      [{ toMonth: 0 }, /effect12m.*toMonth/],
      [{ fromMonth: 3, toMonth: 3 }, /toMonth/],
      [{ minSelfSufficientMonths: 0 }, /minSelfSufficientMonths/],
      [{ minSelfSufficientMonths: 13 }, /minSelfSufficientMonths.*1 to 12/],
      [{ key: 'started' }, /built-in/],
    ];
    for (const [change, message] of bad) {
      expect(() => validateMeasures([{ ...effect12m, ...change }])).toThrow(message);
    }
    expect(() => validateMeasures([effect12m, effect12m])).toThrow(/more than one/);
    expect(() => computeEffects(config({ measures: [{ ...effect12m, fromMonth: -1 }] }), [])).toThrow(
      expect.objectContaining({ code: 'invalid-measure' }),
    );
  });
});
