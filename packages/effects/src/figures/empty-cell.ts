import { aggregateCells } from '../aggregate-cells.ts';
import type { EffectCell } from '../effect-cell.ts';
import type { EngineConfig } from '../engine-config.ts';
import { emptyFineCell } from '../fine-cell.ts';
import { resolveConfig } from '../resolved-config.ts';

/**
 * The cell of a group with no enrollments at all, as the publication step shows it: every
 * figure empty (no grouping keys). For an offer, provider or target group without data.
 * @example emptyEffectCell(config).outcomes.effect3m // { n: null, x: null, rate: null, ..., suppressed: ... }
 */
export function emptyEffectCell(config: EngineConfig): EffectCell {
  const { period: _period, ...unbounded } = config;
  const { measures } = resolveConfig(config);
  // One all-zero fine cell aggregated without grouping is exactly that cell.
  return aggregateCells({ ...unbounded, groupBy: [] }, [
    emptyFineCell('', '', '2000-01', measures, true),
  ])[0]!;
}
