/**
 * The outcome measures as data (measures.md §3). A municipality adds its own measure (e.g. a
 * 12-month effect) by passing another definition in `EngineConfig.measures`; no code changes.
 */
import type { MeasureDefinition } from './engine-config.ts';
import { EFFECT_FIGURE_FIELDS } from './effect-row.ts';
import { EffectsError } from './errors.ts';

export const DEFAULT_MEASURES: readonly MeasureDefinition[] = [
  {
    key: 'effect3m',
    label: '3 mdr. effekt',
    anchor: 'end',
    fromMonth: 0,
    toMonth: 3,
    minSelfSufficientMonths: 3,
  },
  {
    key: 'effect7m',
    label: '7 mdr. effekt',
    anchor: 'start',
    fromMonth: 0,
    toMonth: 7,
    minSelfSufficientMonths: 3,
  },
  {
    key: 'status1m',
    label: '1 mdr. status',
    anchor: 'end',
    fromMonth: 0,
    toMonth: 1,
    minSelfSufficientMonths: 1,
  },
  {
    key: 'status3m',
    label: '3 mdr. status',
    anchor: 'end',
    fromMonth: 2,
    toMonth: 3,
    minSelfSufficientMonths: 1,
  },
];

const RESERVED_KEYS = new Set<string>(EFFECT_FIGURE_FIELDS);

/**
 * Checks a list of measure definitions and returns it; throws `invalid-measure` naming the
 * measure and the rule it breaks.
 * @example validateMeasures([{ key: 'effect12m', label: '12 mdr. effekt', anchor: 'end',
 *   fromMonth: 0, toMonth: 12, minSelfSufficientMonths: 9 }])
 */
export function validateMeasures(measures: readonly MeasureDefinition[]): readonly MeasureDefinition[] {
  const seen = new Set<string>();
  measures.forEach((measure, index) => {
    const name = measure.key ? `measure "${measure.key}"` : `measure #${index + 1}`;
    const fail = (rule: string): never => {
      throw new EffectsError('invalid-measure', `${name}: ${rule}`);
    };
    if (typeof measure.key !== 'string' || !/^[A-Za-z][A-Za-z0-9]*$/.test(measure.key)) {
      fail('key must be a non-empty identifier (letters and digits, starting with a letter)');
    }
    if (RESERVED_KEYS.has(measure.key)) fail('key collides with a built-in field of the effect table');
    if (seen.has(measure.key)) fail('key is used by more than one measure');
    seen.add(measure.key);
    if (measure.anchor !== 'start' && measure.anchor !== 'end') fail("anchor must be 'start' or 'end'");
    if (!Number.isInteger(measure.fromMonth) || measure.fromMonth < 0) {
      fail('fromMonth must be a whole number ≥ 0');
    }
    if (!Number.isInteger(measure.toMonth) || measure.toMonth <= measure.fromMonth) {
      fail('toMonth must be a whole number greater than fromMonth');
    }
    const months = measure.toMonth - measure.fromMonth;
    const min = measure.minSelfSufficientMonths;
    if (!Number.isInteger(min) || min < 1 || min > months) {
      fail(`minSelfSufficientMonths must be a whole number from 1 to ${months}`);
    }
  });
  return measures;
}
