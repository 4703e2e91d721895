import { CliError, type CliIo } from '../cli-io.ts';
import { parseFlags } from '../args.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { RefreshError } from '../../refresh/refresh-error.ts';
import { refreshEffects } from '../../refresh/refresh-effects.ts';
import {
  asOfFlag,
  asOfOverride,
  describeAsOfSource,
  disclosureKeyOf,
  openDatabase,
  yieldCpuToServing,
  workersFlag,
} from './db-flags.ts';

export const summary = 'recompute the stored effect tables from the stored records';

const HELP = `Usage: evg refresh [options]

Recomputes every stored effect table from the records in DATABASE_URL or the embedded
database, and publishes them as a new data version in one transaction.

Options:
  --as-of D          data cut-off, overriding EVG_AS_OF and the imports' (default: the
                     latest cut-off declared with an import of benefit periods, else the
                     latest start date of the benefit periods; never today)
  --workers N        worker threads for the person pass (default: cores - 1, at most 4,
                     from 250,000 persons on with 4+ cores, else none)
  --verbose          print the phases (person pass, publication, write) with their
                     timings on stderr: counts and timings only, no person data
  --help             show this help
`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(argv, {
    'as-of': { type: 'string' },
    workers: { type: 'string' },
    verbose: { type: 'boolean' },
    help: { type: 'boolean' },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const asOf = asOfFlag(values['as-of']) ?? asOfOverride(io.env);
  const workers = workersFlag(values.workers);
  yieldCpuToServing(io.env);
  const handle = await openDatabase(io.env);
  try {
    await migrateToLatest(handle.db);
    const result = await refreshEffects(handle.db, {
      asOf,
      disclosureKey: await disclosureKeyOf(io.env),
      workers,
      connectionString: handle.connectionString,
      ...(values.verbose ? { log: (line: string) => io.stderr.write(`${line}\n`) } : {}),
    });
    io.stdout.write(
      `effect tables: data version ${result.dataVersion}${result.changed ? '' : ' kept, the figures are unchanged'} (asOf ${result.asOf}, ${describeAsOfSource(result.asOfSource)}; ${result.persons} persons, ${result.fineCells} fine cells, ${Math.round(result.durationMs)} ms)\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof RefreshError) throw new CliError(error.message, 1);
    throw error;
  } finally {
    await handle.close();
  }
}
