import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { refreshEffects, type RefreshResult } from '../refresh/refresh-effects.ts';
import { writeSynthData } from './write-synth.ts';
import { importDataDir } from '../imports/import-data-dir.ts';
import type { ImportResult } from '../imports/import-batch.ts';

/** Copenhagen scale: about the number of citizens in employment offers over a few years. */
export const DEMO_PERSONS = 30_000;
export const DEMO_SEED = 1;
/** The cut-off of the synthetic data: fixed, so the demo is the same on every machine. */
export const DEMO_AS_OF = '2026-10-31';

export interface SeedOptions {
  persons?: number;
  seed?: number;
  /** The synthetic data's cut-off, declared with their import; default DEMO_AS_OF. */
  asOf?: string;
  /** EVG_AS_OF: a cut-off overriding the declared one in the refresh. */
  refreshAsOf?: string | undefined;
  /** Passed on to the refresh (worker threads need it). */
  connectionString?: string | undefined;
  workers?: number;
  log?: (line: string) => void;
  /** The installation's disclosure secret (secrets/disclosure-key.ts), for the refresh. */
  disclosureKey: string;
}

/**
 * `evg seed`: writes `evg synth` data to a temp folder, imports it declaring the synthetic
 * data's own cut-off, and refreshes the effect tables. The temp folder is always removed.
 *
 * @example
 * await seedDatabase(db, { persons: 30_000, seed: 1, disclosureKey });
 */
export async function seedDatabase(
  db: Kysely<Database>,
  options: SeedOptions,
): Promise<{ imported: ImportResult; refreshed: RefreshResult }> {
  const log = options.log ?? (() => {});
  const asOf = options.asOf ?? DEMO_AS_OF;
  const persons = options.persons ?? DEMO_PERSONS;
  const dir = await mkdtemp(join(tmpdir(), 'evg-seed-'));
  try {
    log(`seed: writing synthetic data for ${persons} persons`);
    await writeSynthData({ persons, seed: options.seed ?? DEMO_SEED, out: dir, format: 'csv', asOf });
    const imported = await importDataDir(db, dir, { source: `seed:${persons}`, asOf });
    log(`seed: imported ${imported.rowsStored} rows`);
    const refreshed = await refreshEffects(db, {
      asOf: options.refreshAsOf,
      disclosureKey: options.disclosureKey,
      connectionString: options.connectionString,
      workers: options.workers,
      log,
    });
    return { imported, refreshed };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * First start of the service: loads the demo data when the database holds no persons and no
 * effect tables yet; otherwise does nothing. Returns whether it seeded.
 *
 * @example
 * await migrateToLatest(handle.db);
 * if (handle.embedded) await ensureDemoData(handle.db, { connectionString: handle.connectionString, disclosureKey });
 */
export async function ensureDemoData(db: Kysely<Database>, options: SeedOptions): Promise<boolean> {
  const [person, version] = await Promise.all([
    db.selectFrom('persons').select('person_id').limit(1).executeTakeFirst(),
    db.selectFrom('data_versions').select('version').limit(1).executeTakeFirst(),
  ]);
  if (person || version) return false;
  await seedDatabase(db, options);
  return true;
}
