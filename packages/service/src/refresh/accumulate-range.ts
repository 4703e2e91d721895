import { EffectsAccumulator, type EngineConfig } from '@evg/effects';
import type { Kysely } from 'kysely';
import { copyPoolOf } from '../db/copy-pool.ts';
import type { Database } from '../db/database.ts';
import { streamPersonRecords } from '../repositories/person-records.ts';
import { accumulateByCopy } from './copy-person-columns.ts';

export interface PersonRange {
  /** Exclusive lower bound of person_id; null = from the first. */
  after: string | null;
  /** Inclusive upper bound; null = to the last. */
  upTo: string | null;
}

/**
 * Feeds the persons of one person_id range into a new accumulator. On a PostgreSQL server
 * (`useCopy` and a COPY-capable pool) the rows come out with COPY into typed columns
 * (copy-person-columns.ts); otherwise (embedded PGlite: no COPY through its socket) persons
 * are streamed chunk by chunk with keyset pagination. Both give the same fine cells.
 */
export async function accumulateRange(
  db: Kysely<Database>,
  config: EngineConfig,
  range: PersonRange,
  options: { chunkSize: number; useCopy: boolean },
): Promise<{ accumulator: EffectsAccumulator; persons: number }> {
  const accumulator = new EffectsAccumulator(config);
  const pool = options.useCopy ? copyPoolOf(db) : undefined;
  if (pool) {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      return { accumulator, persons: await accumulateByCopy(client, accumulator, config, range) };
    } catch (error) {
      // Mid-COPY or mid-transaction: the connection is not handed to anyone else.
      broken = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      client.release(broken);
    }
  }
  let persons = 0;
  for await (const chunk of streamPersonRecords(db, { ...range, chunkSize: options.chunkSize })) {
    for (const person of chunk) accumulator.addPerson(person);
    persons += chunk.length;
  }
  return { accumulator, persons };
}
