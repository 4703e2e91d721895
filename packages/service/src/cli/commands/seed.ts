import { CliError, type CliIo } from '../cli-io.ts';
import { integerFlag, parseFlags } from '../args.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { ImportError } from '../../imports/import-error.ts';
import { DEMO_AS_OF, DEMO_PERSONS, seedDatabase } from '../../synth/seed-database.ts';
import { RefreshError } from '../../refresh/refresh-error.ts';
import {
  asOfOverride,
  describeDatabase,
  disclosureKeyOf,
  openDatabase,
  workersFlag,
  yieldCpuToServing,
} from './db-flags.ts';

export const summary = 'load synthetic Copenhagen-scale data into the database and refresh';

const HELP = `Usage: evg seed [options]

Generates \`evg synth\` data in a temporary folder, imports it into DATABASE_URL or the
embedded database declaring their cut-off ${DEMO_AS_OF}, and refreshes the effect tables
(with that cut-off, unless EVG_AS_OF overrides it).

Options:
  --persons N        number of persons (default ${DEMO_PERSONS})
  --seed S           random seed (default 1)
  --workers N        worker threads for the refresh (default: cores - 1, at most 4, from
                     250,000 persons on with 4+ cores, else none)
  --help             show this help
`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(argv, {
    persons: { type: 'string' },
    seed: { type: 'string' },
    workers: { type: 'string' },
    help: { type: 'boolean' },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const persons = integerFlag(values.persons, 'persons', DEMO_PERSONS, 1, 10_000_000);
  const seed = integerFlag(values.seed, 'seed', 1, 0, 2 ** 32 - 1);
  const workers = workersFlag(values.workers);
  const refreshAsOf = asOfOverride(io.env);
  yieldCpuToServing(io.env);
  const handle = await openDatabase(io.env);
  try {
    await migrateToLatest(handle.db);
    const { imported, refreshed } = await seedDatabase(handle.db, {
      persons,
      seed,
      workers,
      refreshAsOf,
      connectionString: handle.connectionString,
      disclosureKey: await disclosureKeyOf(io.env),
    });
    io.stdout.write(
      `${describeDatabase(io.env)}: ${imported.rowsStored} rows imported; effect tables: data version ${refreshed.dataVersion} (asOf ${refreshed.asOf})\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof ImportError || error instanceof RefreshError) throw new CliError(error.message, 1);
    throw error;
  } finally {
    await handle.close();
  }
}
