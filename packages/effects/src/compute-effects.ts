import type { Complaint, PersonRecords } from './records.ts';
import type { EngineConfig } from './engine-config.ts';
import type { EffectCell } from './effect-cell.ts';
import { EffectsAccumulator } from './effects-accumulator.ts';

/**
 * One pass over persons (and complaints) to the effect table.
 * @example
 * const cells = computeEffects({ asOf: '2026-10-31', catalog, groupBy: ['offer'] }, persons, complaints);
 */
export function computeEffects(
  config: EngineConfig,
  persons: Iterable<PersonRecords>,
  complaints: Iterable<Complaint> = [],
): EffectCell[] {
  const accumulator = new EffectsAccumulator(config);
  for (const person of persons) accumulator.addPerson(person);
  for (const complaint of complaints) accumulator.addComplaint(complaint);
  return accumulator.finish();
}
