/**
 * Figures over some target groups only: what a caseworker sitting with a citizen of that
 * group compares (search and compare with `targetGroup`).
 */
import { aggregateCells } from '../aggregate-cells.ts';
import type { EffectCell, EffectFigures } from '../effect-cell.ts';
import type { EngineConfig } from '../engine-config.ts';
import type { FineCell } from '../fine-cell.ts';

/**
 * A figure over some target groups' cells cannot count complaints, which carry no target
 * group: both complaint figures are null.
 * @example withoutComplaints(cell).complaintsPer100 // null
 */
export function withoutComplaints<T extends EffectFigures>(cell: T): T {
  return { ...cell, complaints: null, complaintsPer100: null };
}

/**
 * The effect table over the fine cells of `targetGroups` only. The case-mix reference is the
 * cells aggregated, so it is every group's (every offer's) cells of the same target groups:
 * like is compared with like. Disclosure is the ordinary publication step: the cell key method
 * gives the same records the same figures, so differencing scoped against unscoped figures
 * gives back no small count.
 * @example aggregateScopedCells({ ...config, groupBy: ['offer'] }, fineCells, ['jobparat'])[0]?.outcomes.effect3m?.rate
 */
export function aggregateScopedCells(
  config: EngineConfig,
  cells: readonly FineCell[],
  targetGroups: readonly string[],
): EffectCell[] {
  const wanted = new Set(targetGroups);
  return aggregateCells(
    config,
    cells.filter((cell) => wanted.has(cell.targetGroup)),
  ).map(withoutComplaints);
}
