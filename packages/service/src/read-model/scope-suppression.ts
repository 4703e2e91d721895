import type { EffectRow } from '@evg/effects';

type Figure = Record<string, unknown> & { suppressed?: unknown };

const isFigure = (value: unknown): value is Figure =>
  typeof value === 'object' && value !== null && typeof (value as Figure).suppressed === 'boolean';

/** Plain counts of a row the disclosure rule nulls on their own. */
const COUNTS = ['started', 'completed', 'active', 'complaints'] as const;

/**
 * An offer's row over some target groups, with every figure hidden that the offer × target group
 * table (`groupBy=offer,targetGroup`, with its primary and secondary suppression) hides for any
 * of those groups. A scoped figure is then the sum of figures that are published anyway, so
 * neither it nor the offer's all-groups row minus it can give back a hidden count. A group the
 * offer has no enrollments in has no row and hides nothing.
 *
 * @param row the offer's row aggregated over the scoped target groups' fine cells
 * @param members the offer's rows of the offer × target group table for those groups
 * @param hidden a row with every figure suppressed (the model's empty row), for the hidden shape
 * @example
 *   withMemberSuppression(scopedRow, [jobparatRow], emptyRow).effect3m.suppressed;
 */
export function withMemberSuppression(
  row: EffectRow,
  members: readonly EffectRow[],
  hidden: EffectRow,
): EffectRow {
  if (members.length === 0) return row;
  const result: Record<string, unknown> = { ...row };
  for (const [key, value] of Object.entries(row)) {
    if (!isFigure(value)) continue;
    const memberFigures = members.map((member) => member[key]).filter(isFigure);
    if (memberFigures.some((figure) => figure.suppressed === true)) {
      result[key] = hidden[key];
    } else if ('pending' in value && memberFigures.some((figure) => figure.pending === null)) {
      // An outcome's pending count is protected on its own: shown n, hidden pending.
      result[key] = { ...value, pending: null };
    }
  }
  for (const key of COUNTS) {
    if (members.some((member) => member[key] === null)) result[key] = null;
  }
  const effect3m = result['effect3m'];
  if (isFigure(effect3m) && effect3m.suppressed === true) result['costPerOutcome'] = null;
  if (result['started'] === null) result['complaintsPer100'] = null;
  return result as EffectRow;
}
