import { CliError, type CliIo } from '../cli-io.ts';
import { openDatabase } from './db-flags.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import {
  DEFAULT_DEFINED_MEASURES,
  describeProblem,
  engineMeasures,
  isDefaultMeasure,
  MeasureDefinitionError,
} from '../../measures/measure-definition.ts';
import { measuresFromFile } from '../measures-file.ts';
import { deleteCustomMeasure, listCustomMeasures, saveCustomMeasure } from '../../repositories/measures.ts';

export const summary = 'list, define or delete outcome measures (applied by the next refresh)';

const HELP = `Usage:
  evg measures list          key, anchor, months, minimum, labels; built-in or custom
  evg measures set FILE      defines (or replaces) the measures of FILE, a JSON array of
                             { key, label, labelEn, anchor, fromMonth, toMonth,
                             minSelfSufficientMonths }, all or none
  evg measures delete KEY    deletes a custom measure (the four defaults cannot be)

The figures change with the next refresh (evg refresh, or the service's).
Uses DATABASE_URL, or the embedded database in EVG_DATA_DIR (default ./data).
`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const [action, argument, ...rest] = argv;
  if (action === undefined || action === '--help' || action === 'help') {
    io.stdout.write(HELP);
    return action === undefined ? 2 : 0;
  }
  if (!['list', 'set', 'delete'].includes(action))
    throw new CliError(`unknown action '${action}'. See --help.`);
  if (rest.length > 0 || (action === 'list' && argument !== undefined))
    throw new CliError(`evg measures ${action}: unexpected argument. See --help.`);
  if (action === 'set' && argument === undefined) throw new CliError('set needs a JSON file. See --help.');
  if (action === 'delete' && argument === undefined) throw new CliError('delete needs the measure key.');
  if (action === 'delete' && isDefaultMeasure(argument!))
    throw new CliError(`'${argument}' is one of the four built-in measures and cannot be deleted.`);
  // Checked before the database is opened: a bad file changes nothing.
  const fromFile =
    action === 'set' ? (await measuresFromFile(argument!)).filter((m) => !isDefaultMeasure(m.key)) : [];

  const handle = await openDatabase(io.env);
  try {
    await migrateToLatest(handle.db);
    if (action === 'list') {
      for (const m of [...DEFAULT_DEFINED_MEASURES, ...(await listCustomMeasures(handle.db))]) {
        const origin = isDefaultMeasure(m.key) ? 'built-in' : 'custom';
        io.stdout.write(
          `${m.key}\t${origin}\t${m.anchor}\t${m.fromMonth}-${m.toMonth}\t${m.minSelfSufficientMonths}\t${m.label}\t${m.labelEn}\n`,
        );
      }
    } else if (action === 'set') {
      const keys = new Set(fromFile.map((m) => m.key));
      const kept = (await listCustomMeasures(handle.db)).filter((m) => !keys.has(m.key));
      try {
        engineMeasures([...kept, ...fromFile]);
      } catch (error) {
        if (error instanceof MeasureDefinitionError)
          throw new CliError(`${argument}: ${error.problems.map(describeProblem).join('; ')}`);
        throw error;
      }
      await handle.db.transaction().execute(async (trx) => {
        for (const measure of fromFile) {
          const created = await saveCustomMeasure(trx, measure);
          io.stdout.write(`${created ? 'created' : 'replaced'} ${measure.key}\n`);
        }
      });
      io.stderr.write('evg measures: the figures change with the next refresh (evg refresh).\n');
    } else {
      if (!(await deleteCustomMeasure(handle.db, argument!)))
        throw new CliError(`no custom measure with key '${argument}'.`, 1);
      io.stdout.write(`deleted ${argument}\n`);
      io.stderr.write('evg measures: the figures change with the next refresh (evg refresh).\n');
    }
    return 0;
  } finally {
    await handle.close();
  }
}
