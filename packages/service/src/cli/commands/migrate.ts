import { CliError, type CliIo } from '../cli-io.ts';
import { parseFlags } from '../args.ts';
import { MigrationError, migrateToLatest } from '../../db/migrate.ts';
import { describeDatabase, openDatabase } from './db-flags.ts';

export const summary = 'apply pending database migrations (DATABASE_URL or the embedded database)';

const HELP = `Usage: evg migrate

Applies every pending migration of migrations/ to the database named by DATABASE_URL, or to
the embedded database in EVG_DATA_DIR (default ./data) when DATABASE_URL is not set.
Prints each migration applied. Exits 1 when a migration fails (that migration is rolled back).
`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(argv, { help: { type: 'boolean' } });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const handle = await openDatabase(io.env);
  try {
    const applied = await migrateToLatest(handle.db);
    for (const name of applied) io.stdout.write(`applied ${name}\n`);
    io.stdout.write(
      applied.length === 0
        ? `${describeDatabase(io.env)}: up to date\n`
        : `${describeDatabase(io.env)}: ${applied.length} migration(s) applied\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof MigrationError) {
      for (const name of error.applied) io.stdout.write(`applied ${name}\n`);
      throw new CliError(error.message, 1);
    }
    throw error;
  } finally {
    await handle.close();
  }
}
