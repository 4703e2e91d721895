import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import {
  DEFAULT_MEASURES,
  type MeasureDefinition,
  EffectsError,
  isIsoDate,
  parsePeriod,
  effectRowJson,
  toEffectRow,
  type DateRange,
  type EngineConfig,
  type PeriodUnit,
} from '@evg/effects';
import { CliError, type CliIo } from '../cli-io.ts';
import { integerFlag, parseFlags, required } from '../args.ts';
import { parseGroupBy } from '../group-by.ts';
import { createProgress } from '../progress.ts';
import { DataDirError } from '../../data-dir/data-dir-error.ts';
import { openDataDir, type DataDir } from '../../data-dir/open-data-dir.ts';
import { computeOnColumns } from '../../data-dir/compute-on-columns.ts';
import { disclosureKeyOf, workersFlag } from './db-flags.ts';
import { catalogNames } from '../../spreadsheet/catalog-names.ts';
import { CSV_DIALECTS, isCsvDialect, tableCsvStream, type CsvDialect } from '../../spreadsheet/csv-writer.ts';
import { effectTable } from '../../spreadsheet/effect-table.ts';
import { measuresFromFile } from '../measures-file.ts';

export const summary = 'compute the effect table of a data directory (CSV or NDJSON), no database';

const HELP = `Usage: evg effects --data DIR --as-of YYYY-MM-DD [options]

Reads a data directory in the contract format and prints the effect table.

Options:
  --data DIR            directory with <kind>.csv or <kind>.ndjson files
  --as-of D             data cut-off date (benefit data complete up to this day)
  --group-by KEYS       comma-separated: offer, provider, package, provider_kind,
                        target_group, industry, period (default: one cell for all)
  --period P            only this period: 2026, 2026H1, 2026Q3 or 2026-03
  --from D --to D       only this date range (instead of --period)
  --period-unit U       unit of the period key: half-year (default), quarter, year
  --measures FILE       more outcome measures for this run: a JSON array of
                        { key, label, labelEn, anchor, fromMonth, toMonth,
                        minSelfSufficientMonths }, e.g. a 12-month effect; added after
                        the four defaults, each a column group like effect3m
  --min-cell-size N     cells with n below N are suppressed (default 5)
  --exact               exact figures, for the data owner: nothing suppressed, nothing
                        perturbed. Without it the table is published exactly as the API
                        publishes it for the same data and secret: cells with n below
                        --min-cell-size suppressed, every count perturbed by at most 2
                        (cell key method), the secret being EVG_DISCLOSURE_KEY or the one
                        kept in EVG_DATA_DIR (./data)/disclosure-key
  --format F            json (default) or csv
  --csv-dialect D       rfc4180 (default: comma, decimal point) or excel-da (semicolon,
                        decimal comma, UTF-8 BOM, for Danish Excel); implies --format csv
  --workers N           persons computed in N parallel shards (this thread and N - 1
                        worker threads), merged: same figures as one. Default: one per
                        core (at most 4) with 4+ cores and 64 MiB of person-level CSV,
                        else 1 (on 2 cores a second shard costs more than it saves)
  --progress            show progress on stderr even when it is not a terminal
  --help                show this help

Exit codes: 0 success, 2 bad options, 3 invalid data (every bad row is listed, up to 100).
Persons, benefit periods and enrollments may be in any row order: CSV files are read into
typed columns and grouped by person with a counting sort (memory in proportion to the rows).
`;

const PERIOD_UNITS: Record<string, PeriodUnit> = {
  'half-year': 'halfYear',
  quarter: 'quarter',
  year: 'year',
};

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(argv, {
    data: { type: 'string' },
    'as-of': { type: 'string' },
    'group-by': { type: 'string' },
    period: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    'period-unit': { type: 'string' },
    'min-cell-size': { type: 'string' },
    measures: { type: 'string' },
    exact: { type: 'boolean' },
    format: { type: 'string' },
    'csv-dialect': { type: 'string' },
    workers: { type: 'string' },
    progress: { type: 'boolean' },
    help: { type: 'boolean' },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const dir = required(values.data, 'data');
  const asOf = required(values['as-of'], 'as-of');
  if (!isIsoDate(asOf)) throw new CliError('--as-of must be a date YYYY-MM-DD that exists');
  const groupBy = parseGroupBy(values['group-by']);
  const period = parsePeriodFlags(values.period, values.from, values.to);
  const unitName = values['period-unit'] ?? 'half-year';
  const periodUnit = PERIOD_UNITS[unitName];
  if (periodUnit === undefined) throw new CliError('--period-unit must be half-year, quarter or year');
  const workers = workersFlag(values.workers);
  const minCellSize = integerFlag(values['min-cell-size'], 'min-cell-size', 5, 1, 1_000_000);
  const dialect = csvDialectFlag(values['csv-dialect']);
  const format = values.format ?? (dialect === undefined ? 'json' : 'csv');
  if (format !== 'json' && format !== 'csv') throw new CliError('--format must be json or csv');
  if (dialect !== undefined && format !== 'csv') throw new CliError('--csv-dialect goes with --format csv');

  const measures: readonly MeasureDefinition[] =
    values.measures === undefined ? DEFAULT_MEASURES : await measuresFromFile(values.measures);

  const progress = createProgress(io, values.progress === true);
  try {
    const data = await openDataDir(dir);
    const { benefitTypes, offers, providers, complaints, targetGroups, industries } = data.catalog;
    const exact = values.exact === true;
    const config: EngineConfig = {
      asOf,
      catalog: { benefitTypes, offers, providers },
      measures,
      groupBy,
      periodUnit,
      minCellSize,
      exact,
      ...(exact ? {} : { disclosureKey: await disclosureKeyOf(io.env) }),
      ...(period ? { period } : {}),
    };
    const shards = workers ?? (await defaultShards(data));
    const { accumulator, persons } = await computeOnColumns(data, config, { shards });
    progress.update(`evg effects: ${persons} persons`);
    progress.done();
    data.issues.throwIfAny();
    for (const complaint of complaints) accumulator.addComplaint(complaint);
    const rows = accumulator.finish().map((cell) => toEffectRow(cell, measures));
    if (format === 'json') {
      await writeLines(
        io.stdout,
        rows.length === 0
          ? ['[]']
          : [
              '[',
              ...rows.map((row, i) => JSON.stringify(effectRowJson(row)) + (i < rows.length - 1 ? ',' : '')),
              ']',
            ],
      );
    } else {
      const names = catalogNames({ offers, providers, targetGroups, industries });
      const table = effectTable(rows, groupBy, measures, names);
      for await (const chunk of tableCsvStream(table, dialect)) {
        if (!io.stdout.write(chunk)) await once(io.stdout, 'drain');
      }
    }
    return 0;
  } catch (error) {
    progress.done();
    if (error instanceof DataDirError) {
      const heading =
        error.code === 'not-a-directory' ? 'cannot read the data directory' : `invalid data in ${dir}`;
      throw new CliError(`${heading}:\n${error.message}`, error.code === 'not-a-directory' ? 2 : 3);
    }
    if (error instanceof EffectsError) throw new CliError(error.message, 3);
    throw error;
  }
}

/**
 * One shard per core (at most 4) for data large enough to repay starting worker threads
 * (each loads the sources and scans every file), else one. Not below 4 cores: on 2, the
 * second shard competed with the garbage collector and gained nothing (BENCHMARKS.md).
 */
async function defaultShards(data: DataDir): Promise<number> {
  const cores = availableParallelism();
  if (cores < 4) return 1;
  let bytes = 0;
  for (const kind of ['persons', 'benefit_periods', 'enrollments'] as const) {
    const file = data.files.get(kind);
    if (file !== undefined) bytes += (await stat(file.path)).size;
  }
  return bytes >= PARALLEL_FROM_BYTES ? Math.min(4, cores) : 1;
}

const PARALLEL_FROM_BYTES = 64 * 2 ** 20;

function csvDialectFlag(value: string | undefined): CsvDialect | undefined {
  if (value === undefined) return undefined;
  if (!isCsvDialect(value)) throw new CliError(`--csv-dialect must be ${CSV_DIALECTS.join(' or ')}`);
  return value;
}

function parsePeriodFlags(
  period: string | undefined,
  from: string | undefined,
  to: string | undefined,
): DateRange | null {
  if (period !== undefined) {
    if (from !== undefined || to !== undefined)
      throw new CliError('give either --period or --from/--to, not both');
    try {
      return parsePeriod(period);
    } catch (error) {
      if (error instanceof EffectsError) throw new CliError(`--period: ${error.message}`);
      throw error;
    }
  }
  if (from === undefined && to === undefined) return null;
  if (from === undefined || to === undefined) throw new CliError('--from and --to go together');
  if (!isIsoDate(from)) throw new CliError('--from must be a date YYYY-MM-DD that exists');
  if (!isIsoDate(to)) throw new CliError('--to must be a date YYYY-MM-DD that exists');
  if (from > to) throw new CliError('--from must not be after --to');
  return { from, to };
}

/** Writes lines in large chunks, waiting when the reader is slower than we are. */
async function writeLines(out: Writable, lines: string[]): Promise<void> {
  for (let i = 0; i < lines.length; i += 500) {
    if (!out.write(lines.slice(i, i + 500).join('\n') + '\n')) await once(out, 'drain');
  }
}
