import { resolve } from 'node:path';
import { isIsoDate } from '@evg/effects';
import { CliError, type CliIo } from '../cli-io.ts';
import { integerFlag, parseFlags, required } from '../args.ts';
import { createProgress } from '../progress.ts';
import { writeSynthData } from '../../synth/write-synth.ts';

export const summary = 'write a deterministic synthetic Copenhagen data set in the contract format';

const HELP = `Usage: evg synth --persons N --seed S --out DIR [options]

Writes a synthetic data set (every record kind of the data contract) to DIR and says on
stderr what it wrote. The same options always give byte-identical files.

Options:
  --persons N        number of persons (1 to 10000000)
  --seed S           random seed, a whole number
  --out DIR          output directory (created if missing; files are overwritten)
  --format F         csv (default) or ndjson
  --as-of D          data cut-off date YYYY-MM-DD (default 2026-10-31)
  --progress         show progress on stderr even when it is not a terminal
  --help             show this help
`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(argv, {
    persons: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
    format: { type: 'string' },
    'as-of': { type: 'string' },
    progress: { type: 'boolean' },
    help: { type: 'boolean' },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const persons = integerFlag(required(values.persons, 'persons'), 'persons', 0, 1, 10_000_000);
  const seed = integerFlag(required(values.seed, 'seed'), 'seed', 0, 0, 2 ** 32 - 1);
  const out = required(values.out, 'out');
  const format = values.format ?? 'csv';
  if (format !== 'csv' && format !== 'ndjson') throw new CliError('--format must be csv or ndjson');
  const asOf = values['as-of'] ?? '2026-10-31';
  if (!isIsoDate(asOf)) throw new CliError('--as-of must be a date YYYY-MM-DD that exists');
  if (asOf < '2022-03-01')
    throw new CliError('--as-of must be 2022-03-01 or later (the synthetic data run from 2012 to it)');

  const progress = createProgress(io, values.progress === true);
  const counts = await writeSynthData({
    persons,
    seed,
    out,
    format,
    asOf,
    onProgress: (done, total) => progress.update(`evg synth: ${done} / ${total} persons`),
  });
  progress.done();
  const kinds = Object.entries(counts);
  const rows = kinds.map(([kind, count]) => `${count} ${kind}`).join(', ');
  io.stderr.write(`evg synth: wrote ${kinds.length} ${format} files to ${resolve(out)}: ${rows}\n`);
  return 0;
}
