import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isIsoDate } from '@evg/effects';
import { CliError, type CliIo } from '../cli-io.ts';
import { integerFlag, parseFlags } from '../args.ts';
import { createProgress } from '../progress.ts';
import { writeSynthData } from '../../synth/write-synth.ts';

export const summary = 'benchmark evg effects against the same computation in DuckDB SQL';

const HELP = `Usage: evg bench-effects [--persons N] [--seed S] [--as-of D] [--runs R]

Generates (or reuses, cached in .bench/) an evg synth data set, then times
'evg effects --group-by offer' end to end from CSV as a child process and the same
computation written as SQL in DuckDB over the same files, also as a child process.
Prints wall time, throughput and peak memory of both, the ratio, and checks that both
agree on n, x and pending of every outcome measure of every offer (exit 1 if not).

Options:
  --persons N   persons in the data set (default 1000000)
  --seed S      synth seed (default 1)
  --as-of D     cut-off date (default 2026-10-31)
  --runs R      runs of each side; the median is reported (default 1)
  --help        show this help
`;

const HERE = dirname(fileURLToPath(import.meta.url));
const SERVICE = join(HERE, '..', '..', '..');
const ROOT = join(SERVICE, '..', '..');
const EVG_BIN = join(SERVICE, 'bin', 'evg.js');
const DUCKDB_SCRIPT = join(SERVICE, 'bench', 'duckdb-effects.ts');
const MEASURES = ['effect3m', 'effect7m', 'status1m', 'status3m'];

interface RunResult {
  seconds: number;
  /** Peak resident set size in MiB, or null when /usr/bin/time is missing. */
  peakMiB: number | null;
  /** User + system CPU seconds (all threads), or null when /usr/bin/time is missing. */
  cpuSeconds: number | null;
  stdout: string;
}

interface Counts {
  n: number | null;
  x: number | null;
  pending: number | null;
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(argv, {
    persons: { type: 'string' },
    seed: { type: 'string' },
    'as-of': { type: 'string' },
    runs: { type: 'string' },
    help: { type: 'boolean' },
  });
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  const persons = integerFlag(values.persons, 'persons', 1_000_000, 1, 10_000_000);
  const seed = integerFlag(values.seed, 'seed', 1, 0, 2 ** 32 - 1);
  const runs = integerFlag(values.runs, 'runs', 1, 1, 20);
  const asOf = values['as-of'] ?? '2026-10-31';
  if (!isIsoDate(asOf)) throw new CliError('--as-of must be a date YYYY-MM-DD that exists');
  const say = (line: string) => io.stdout.write(line + '\n');

  const dir = await cachedSynth(persons, seed, asOf, io, say);
  const evgArgs = [EVG_BIN, 'effects', '--data', dir, '--as-of', asOf, '--group-by', 'offer'];
  const duckArgs = ['--import', 'tsx', DUCKDB_SCRIPT, dir, asOf];
  const evgRuns: RunResult[] = [];
  const duckRuns: RunResult[] = [];
  for (let i = 0; i < runs; i++) {
    say(`run ${i + 1}/${runs}: evg effects ...`);
    evgRuns.push(await timed(evgArgs));
    say(`run ${i + 1}/${runs}: DuckDB ...`);
    duckRuns.push(await timed(duckArgs));
  }
  const evg = median(evgRuns);
  const duck = median(duckRuns);

  const mismatches = compare(evg.stdout, duck.stdout);
  const mib = (r: RunResult) => (r.peakMiB === null ? 'n/a' : `${r.peakMiB.toFixed(0)} MiB`);
  const rate = (r: RunResult) =>
    `${Math.round(persons / r.seconds).toLocaleString('en-US')} persons/s, CPU ${r.cpuSeconds === null ? 'n/a' : `${r.cpuSeconds.toFixed(2)} s`}`;
  say('');
  say(`persons: ${persons.toLocaleString('en-US')}, seed ${seed}, as of ${asOf}, data: ${dir}`);
  say(`evg effects --group-by offer: ${evg.seconds.toFixed(2)} s, ${rate(evg)}, peak RSS ${mib(evg)}`);
  say(`DuckDB SQL (same CSV files):  ${duck.seconds.toFixed(2)} s, ${rate(duck)}, peak RSS ${mib(duck)}`);
  say(
    `ratio DuckDB / evg: ${(duck.seconds / evg.seconds).toFixed(2)}x (target >= 2x); evg peak memory target < 1 GiB`,
  );
  if (runs > 1) {
    say(
      `all runs (s): evg ${evgRuns.map((r) => r.seconds.toFixed(2)).join(', ')}; DuckDB ${duckRuns.map((r) => r.seconds.toFixed(2)).join(', ')}`,
    );
  }
  if (mismatches.length > 0) {
    say(`DISAGREEMENT on ${mismatches.length} offer/measure counts (first 10):`);
    for (const line of mismatches.slice(0, 10)) say(`  ${line}`);
    return 1;
  }
  say('agreement: n, x and pending of effect3m, effect7m, status1m and status3m match for every offer');
  return 0;
}

/** The synth data set for these options, generated once into .bench/ and reused while synth is unchanged. */
async function cachedSynth(
  persons: number,
  seed: number,
  asOf: string,
  io: CliIo,
  say: (line: string) => void,
) {
  const hash = createHash('sha256');
  const synthDir = join(SERVICE, 'src', 'synth');
  for (const name of (await readdir(synthDir)).sort())
    hash.update(name).update(await readFile(join(synthDir, name)));
  const dir = join(ROOT, '.bench', `synth-${persons}-seed${seed}-${asOf}-${hash.digest('hex').slice(0, 10)}`);
  const marker = join(dir, '.complete');
  if (existsSync(marker)) {
    say(`reusing ${dir}`);
    return dir;
  }
  await rm(dir, { recursive: true, force: true });
  say(`generating ${persons} persons into ${dir} ...`);
  const progress = createProgress(io, false);
  const started = performance.now();
  await writeSynthData({
    persons,
    seed,
    out: dir,
    format: 'csv',
    asOf,
    onProgress: (done, total) => progress.update(`evg synth: ${done} / ${total} persons`),
  });
  progress.done();
  say(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await writeFile(marker, '');
  return dir;
}

/** Runs `node args` to completion, with wall time and (through /usr/bin/time) peak RSS. */
async function timed(args: string[]): Promise<RunResult> {
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
  const scratch = await mkdtemp(join(tmpdir(), 'evg-bench-'));
  const rssFile = join(scratch, 'rss');
  const [command, commandArgs] = timeBin
    ? [timeBin, ['-o', rssFile, '-f', '%M %U %S', process.execPath, ...args]]
    : [process.execPath, args];
  const started = performance.now();
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.on('error', reject);
      child.on('close', (exit) =>
        resolve({
          code: exit,
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
        }),
      );
    },
  );
  const seconds = (performance.now() - started) / 1000;
  // /usr/bin/time writes "peakKiB user system" as the last line.
  const [peakKiB, user, system] = timeBin
    ? ((await readFile(rssFile, 'utf8')).trim().split('\n').pop() ?? '').split(' ').map(Number)
    : [];
  await rm(scratch, { recursive: true, force: true });
  if (code !== 0) throw new CliError(`benchmark child failed (exit ${code}): ${stderr.slice(0, 2000)}`, 1);
  return {
    seconds,
    peakMiB: peakKiB !== undefined && Number.isFinite(peakKiB) ? peakKiB / 1024 : null,
    cpuSeconds: user !== undefined && system !== undefined ? user + system : null,
    stdout,
  };
}

function median(results: RunResult[]): RunResult {
  const sorted = [...results].sort((a, b) => a.seconds - b.seconds);
  return sorted[Math.floor((sorted.length - 1) / 2)] as RunResult;
}

/** Lines describing every offer/measure where evg and DuckDB disagree on n, x or pending. */
function compare(evgJson: string, duckJson: string): string[] {
  const evgRows = JSON.parse(evgJson) as Record<string, unknown>[];
  const duck = JSON.parse(duckJson) as { rows: (Counts & { offerId: string; measure: string })[] };
  const expected = new Map(duck.rows.map((row) => [`${row.offerId} ${row.measure}`, row]));
  const problems: string[] = [];
  for (const row of evgRows) {
    for (const measure of MEASURES) {
      const key = `${String(row.offerId)} ${measure}`;
      const mine = row[measure] as Counts & { suppressed: boolean };
      const theirs = expected.get(key) ?? { n: 0, x: 0, pending: 0 };
      expected.delete(key);
      // Suppressed cells hide n and x; nothing to compare there.
      if (mine.suppressed) continue;
      // Small pending counts are suppressed (null) too: then DuckDB's must be below the cell size.
      const pendingAgrees =
        mine.pending === null ? (theirs.pending ?? 0) < 5 : mine.pending === theirs.pending;
      if (mine.n !== theirs.n || mine.x !== theirs.x || !pendingAgrees) {
        problems.push(
          `${key}: evg n=${mine.n} x=${mine.x} pending=${mine.pending}; DuckDB n=${theirs.n} x=${theirs.x} pending=${theirs.pending}`,
        );
      }
    }
  }
  for (const [key, row] of expected) {
    if ((row.n ?? 0) >= 5) problems.push(`${key}: only DuckDB has this cell (n=${row.n})`);
  }
  return problems;
}
