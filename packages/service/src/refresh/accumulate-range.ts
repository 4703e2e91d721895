import { EffectsAccumulator, type EngineConfig } from '@evg/effects';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { streamPersonRecords } from '../repositories/person-records.ts';

export interface PersonRange {
  /** Exclusive lower bound of person_id; null = from the first. */
  after: string | null;
  /** Inclusive upper bound; null = to the last. */
  upTo: string | null;
}

/** Feeds the persons of one person_id range into a new accumulator, streaming chunk by chunk. */
export async function accumulateRange(
  db: Kysely<Database>,
  config: EngineConfig,
  range: PersonRange,
  chunkSize: number,
): Promise<{ accumulator: EffectsAccumulator; persons: number }> {
  const accumulator = new EffectsAccumulator(config);
  let persons = 0;
  for await (const chunk of streamPersonRecords(db, { ...range, chunkSize })) {
    for (const person of chunk) accumulator.addPerson(person);
    persons += chunk.length;
  }
  return { accumulator, persons };
}
