/**
 * An EngineConfig with its defaults filled in and every option checked, so that a bad option
 * fails with a clear error naming it rather than producing a quietly wrong table.
 */
import {
  GROUP_KEYS,
  type EngineConfig,
  type GroupKey,
  type MeasureDefinition,
  type PeriodUnit,
} from './engine-config.ts';
import { DEFAULT_MEASURES, validateMeasures } from './measures.ts';
import { DEFAULT_MIN_CELL_SIZE } from './statistics/suppression.ts';
import { EffectsError } from './errors.ts';

export interface ResolvedConfig {
  measures: readonly MeasureDefinition[];
  groupBy: readonly GroupKey[];
  periodUnit: PeriodUnit;
  minCellSize: number;
  exact: boolean;
}

const PERIOD_UNITS: readonly PeriodUnit[] = ['halfYear', 'quarter', 'year'];

/**
 * @example resolveConfig({ asOf: '2026-10-31', catalog }) // { measures: DEFAULT_MEASURES, groupBy: [], periodUnit: 'halfYear', minCellSize: 5, exact: false }
 */
export function resolveConfig(config: EngineConfig): ResolvedConfig {
  const groupBy = config.groupBy ?? [];
  for (const key of groupBy) {
    if (!GROUP_KEYS.includes(key)) {
      throw new EffectsError(
        'invalid-config',
        `groupBy: unknown key "${String(key)}" (use ${GROUP_KEYS.join(', ')})`,
      );
    }
  }
  if (new Set(groupBy).size !== groupBy.length) {
    throw new EffectsError('invalid-config', 'groupBy: a key is given more than once');
  }
  const periodUnit = config.periodUnit ?? 'halfYear';
  if (!PERIOD_UNITS.includes(periodUnit)) {
    throw new EffectsError('invalid-config', `periodUnit must be one of ${PERIOD_UNITS.join(', ')}`);
  }
  const minCellSize = config.minCellSize ?? DEFAULT_MIN_CELL_SIZE;
  if (!Number.isInteger(minCellSize) || minCellSize < 1) {
    throw new EffectsError('invalid-config', 'minCellSize must be a whole number ≥ 1');
  }
  return {
    measures: validateMeasures(config.measures ?? DEFAULT_MEASURES),
    groupBy,
    periodUnit,
    minCellSize,
    exact: config.exact === true,
  };
}
