import { once } from 'node:events';
import { CliError, type CliIo } from '../cli-io.ts';
import { parseFlags } from '../args.ts';
import { openDatabase } from './db-flags.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { dbSnapshotSource } from '../../read-model/db-snapshot-source.ts';
import { ReadModel } from '../../read-model/read-model.ts';
import { rulesAwaitingRefresh, statementOf } from '../../read-model/bonus-statement.ts';
import { parsePeriodName, PeriodError } from '../../read-model/period-query.ts';
import { listBonusRules } from '../../repositories/bonus-rules.ts';
import { bonusTable } from '../../spreadsheet/bonus-table.ts';
import { CSV_DIALECTS, isCsvDialect, tableCsvStream, type CsvDialect } from '../../spreadsheet/csv-writer.ts';

export const summary = 'the result bonus statement of a period, per provider and offer (exact counts)';

const HELP = `Usage: evg bonus --period P [--format json|csv] [--csv-dialect D]

Prints the result bonus statement of the stored effect tables (the current data version):
per offer with a result bonus, the trigger measure (effect3m unless the offer has a rule of
its own), enrollments counted, successful outcomes, pending ones, bonus payable and price
plus bonus per successful outcome, and per provider the totals. The counts are exact (never
suppressed or perturbed): the statement is for the data owner, as GET /v1/bonus-statement
is for roles admin and analyst.

An enrollment belongs to the period as in the effect tables: by its end date for an
end-anchored trigger (effect3m), by its start date for a start-anchored one. "pending" are
enrollments of the period whose window ends after the data cut-off: run the statement for
the same period again after a later refresh to settle them ("final": true when none is left).

Options:
  --period P         2026, 2026H1, 2026Q3 or a month 2026-03 (required)
  --format F         json (default) or csv
  --csv-dialect D    rfc4180 (default) or excel-da (semicolon, decimal comma, UTF-8 BOM);
                     implies --format csv
  --help             show this help

Uses DATABASE_URL, or the embedded database in EVG_DATA_DIR (default ./data).
`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(argv, {
    period: { type: 'string' },
    format: { type: 'string' },
    'csv-dialect': { type: 'string' },
    help: { type: 'boolean' },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (values.period === undefined) throw new CliError('--period is required, e.g. --period 2026H1');
  let period;
  try {
    period = parsePeriodName(values.period, 'period');
  } catch (error) {
    if (error instanceof PeriodError) throw new CliError(`--period: ${error.message}`);
    throw error;
  }
  const dialectName = values['csv-dialect'];
  if (dialectName !== undefined && !isCsvDialect(dialectName))
    throw new CliError(`--csv-dialect must be ${CSV_DIALECTS.join(' or ')}`);
  const dialect: CsvDialect | undefined = dialectName;
  const format = values.format ?? (dialect === undefined ? 'json' : 'csv');
  if (format !== 'json' && format !== 'csv') throw new CliError('--format must be json or csv');
  if (dialect !== undefined && format !== 'csv') throw new CliError('--csv-dialect goes with --format csv');

  const handle = await openDatabase(io.env);
  try {
    await migrateToLatest(handle.db);
    // minCellSize does not matter here: the statement reads exact figures only.
    const model = new ReadModel(await dbSnapshotSource(handle.db).load(), { minCellSize: 5 });
    const rules = await listBonusRules(handle.db);
    const waiting = rulesAwaitingRefresh(model, rules);
    if (waiting.length > 0)
      throw new CliError(
        `the bonus rule of ${waiting.map((r) => `${r.offerId} (${r.measureKey})`).join(', ')} names a measure ` +
          'the stored effect tables do not carry yet: run evg refresh first.',
        1,
      );
    const statement = await statementOf(model, rules, period);
    if (statement === null) throw new CliError('no effect tables yet: run evg refresh first.', 1);
    if (format === 'json') {
      io.stdout.write(JSON.stringify(statement, null, 2) + '\n');
    } else {
      for await (const chunk of tableCsvStream(bonusTable(statement), dialect)) {
        if (!io.stdout.write(chunk)) await once(io.stdout, 'drain');
      }
    }
    return 0;
  } finally {
    await handle.close();
  }
}
