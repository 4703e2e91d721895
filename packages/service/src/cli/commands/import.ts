import { CliError, type CliIo } from '../cli-io.ts';
import { parseFlags, required } from '../args.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { describeIssues } from '../../data-dir/data-dir-error.ts';
import { ImportError } from '../../imports/import-error.ts';
import { importDataDir } from '../../imports/import-data-dir.ts';
import { RefreshError } from '../../refresh/refresh-error.ts';
import { refreshEffects } from '../../refresh/refresh-effects.ts';
import {
  asOfFlag,
  asOfOverride,
  dataConfigOf,
  describeAsOfSource,
  describeDatabase,
  disclosureKeyOf,
  openDatabase,
  yieldCpuToServing,
  workersFlag,
} from './db-flags.ts';

export const summary = 'import a contract data directory into the database, then refresh the effect tables';

const HELP = `Usage: evg import --data DIR [options]

Imports every record file of DIR (data contract: <kind>.csv or <kind>.ndjson) as one
all-or-nothing batch into DATABASE_URL or the embedded database, then recomputes the
effect tables. Bad rows are listed with file, line and field; then nothing is stored.

Options:
  --data DIR         the data directory
  --pseudonymise     replace CPR-like person ids by HMAC pseudonyms (needs EVG_PSEUDONYM_KEY)
  --no-refresh       do not recompute the effect tables afterwards
  --as-of D          the extract's cut-off: its records are complete up to and including
                     day D. Stored with the import; every refresh uses the latest cut-off
                     of the imported benefit periods (EVG_AS_OF overrides it). Without it,
                     the latest start date of the benefit periods in DIR is assumed (never
                     today), and the output says so
  --workers N        worker threads for the refresh (default: cores - 1, at most 4, from
                     250,000 persons on with 4+ cores, else none)
  --verbose          print the import's and the refresh's phases with their timings to
                     stderr (row counts only, never row values)
  --help             show this help
`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(argv, {
    data: { type: 'string' },
    pseudonymise: { type: 'boolean' },
    'no-refresh': { type: 'boolean' },
    'as-of': { type: 'string' },
    workers: { type: 'string' },
    verbose: { type: 'boolean' },
    help: { type: 'boolean' },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const dir = required(values.data, 'data');
  const asOf = asOfFlag(values['as-of']);
  const override = asOfOverride(io.env);
  const workers = workersFlag(values.workers);
  const log = values.verbose ? { log: (line: string) => io.stderr.write(`${line}\n`) } : {};
  yieldCpuToServing(io.env);
  const handle = await openDatabase(io.env);
  try {
    await migrateToLatest(handle.db);
    const result = await importDataDir(handle.db, dir, {
      ...log,
      source: `cli:${dir}`,
      asOf,
      pseudonymise: values.pseudonymise === true,
      pseudonymKey: dataConfigOf(io.env).pseudonymKey,
    }).catch((error: unknown) => {
      if (!(error instanceof ImportError)) throw error;
      const rows = describeIssues(error.errors, error.errorCount);
      throw new CliError(rows === '' ? error.message : `${error.message}\n${rows}`, 1);
    });
    for (const kind of result.kinds) {
      io.stdout.write(`${kind.file}: ${kind.rowsStored} rows (${kind.rowsChanged} new or changed)\n`);
    }
    io.stdout.write(
      `${describeDatabase(io.env)}: import batch ${result.batchId} stored ${result.rowsStored} rows\n`,
    );
    io.stdout.write(`${describeImportCutOff(result.asOf, result.asOfSource)}\n`);
    if (values['no-refresh']) return 0;
    const refreshed = await refreshEffects(handle.db, {
      asOf: override,
      disclosureKey: await disclosureKeyOf(io.env),
      workers,
      connectionString: handle.connectionString,
      ...log,
    }).catch((error: unknown) => {
      if (error instanceof RefreshError) throw new CliError(error.message, 1);
      throw error;
    });
    io.stdout.write(
      `effect tables: data version ${refreshed.dataVersion}${refreshed.changed ? '' : ' kept, the figures are unchanged'} (asOf ${refreshed.asOf}, ${describeAsOfSource(refreshed.asOfSource)}; ${refreshed.persons} persons, ${Math.round(refreshed.durationMs)} ms)\n`,
    );
    return 0;
  } finally {
    await handle.close();
  }
}

/** What the import answers about its cut-off; an assumed one is said to be assumed. */
function describeImportCutOff(asOf: string | null, source: 'declared' | 'assumed' | null): string {
  if (asOf === null) return 'cut-off: none (no --as-of and no benefit periods to date the import by)';
  if (source === 'declared') return `cut-off: ${asOf} (declared)`;
  return `cut-off: ${asOf} assumed (the latest start date of the benefit periods; no --as-of given)`;
}
