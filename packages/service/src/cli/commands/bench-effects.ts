import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isIsoDate } from '@evg/effects';
import { z } from 'zod';
import { CliError, type CliIo } from '../cli-io.ts';
import { integerFlag, parseFlags } from '../args.ts';
import { createProgress } from '../progress.ts';
import { writeSynthData } from '../../synth/write-synth.ts';
import { Prng } from '../../synth/prng.ts';

export const summary = 'benchmark evg effects against the same computation in DuckDB SQL';

const HELP = `Usage: evg bench-effects [--persons N] [--seed S] [--as-of D] [--runs R] [--shuffle]

Generates (or reuses, cached in .bench/) an evg synth data set, then times
'evg effects --group-by offer --exact' end to end from CSV as a child process and the same
computation written as SQL in DuckDB over the same files, also as a child process.
Prints wall time, CPU seconds, throughput and peak memory of both, the ratio, and checks
that both agree on n, x and pending of every outcome measure of every offer (exit 1 if
not). Also times 'evg effects --group-by offer' as published (suppression and the cell
key method): the cost of the disclosure step is the difference to the exact run.

Options:
  --persons N   persons in the data set (default 1000000)
  --seed S      synth seed (default 1)
  --as-of D     cut-off date (default 2026-10-31)
  --runs R      runs of each side; the median is reported (default 1)
  --shuffle     the person-level files' rows in a seeded random order (real extracts are
                not sorted by person); the shuffled copy is cached beside the sorted one
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

// The children's JSON, checked as far as it is compared (the rows' other fields pass as they are).
const countsShape = { n: z.number().nullable(), x: z.number().nullable(), pending: z.number().nullable() };
const evgCellSchema = z.object({ ...countsShape, suppressed: z.boolean() });
const evgRowsSchema = z.array(z.record(z.string(), z.unknown()));
const duckSchema = z.object({
  rows: z.array(z.object({ ...countsShape, offerId: z.string(), measure: z.string() })),
});

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(argv, {
    persons: { type: 'string' },
    seed: { type: 'string' },
    'as-of': { type: 'string' },
    runs: { type: 'string' },
    shuffle: { type: 'boolean' },
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

  const sortedDir = await cachedSynth(persons, seed, asOf, io, say);
  const dir = values.shuffle === true ? await shuffledCopy(sortedDir, seed, say) : sortedDir;
  const publishedArgs = [EVG_BIN, 'effects', '--data', dir, '--as-of', asOf, '--group-by', 'offer'];
  // Exact figures are what DuckDB computes; the published ones differ by the cell key method.
  const evgArgs = [...publishedArgs, '--exact'];
  const duckArgs = ['--import', 'tsx', DUCKDB_SCRIPT, dir, asOf];
  // A fixed secret: the published run must not depend on (or create) a key file.
  const publishedEnv = { ...io.env, EVG_DISCLOSURE_KEY: 'bench-effects-disclosure-key-0001' };
  const evgRuns: RunResult[] = [];
  const publishedRuns: RunResult[] = [];
  const duckRuns: RunResult[] = [];
  const [loadBefore = 0] = loadavg();
  for (let i = 0; i < runs; i++) {
    say(`run ${i + 1}/${runs}: evg effects --exact ...`);
    evgRuns.push(await timed(evgArgs, io.env));
    say(`run ${i + 1}/${runs}: evg effects (published) ...`);
    publishedRuns.push(await timed(publishedArgs, publishedEnv));
    say(`run ${i + 1}/${runs}: DuckDB ...`);
    duckRuns.push(await timed(duckArgs, io.env));
  }
  const [loadAfter = 0] = loadavg();
  const evg = median(evgRuns);
  const published = median(publishedRuns);
  const duck = median(duckRuns);

  const mismatches = compare(evg.stdout, duck.stdout);
  const mib = (r: RunResult) => (r.peakMiB === null ? 'n/a' : `${r.peakMiB.toFixed(0)} MiB`);
  const rate = (r: RunResult) =>
    `${Math.round(persons / r.seconds).toLocaleString('en-US')} persons/s, CPU ${r.cpuSeconds === null ? 'n/a' : `${r.cpuSeconds.toFixed(2)} s`}`;
  say('');
  const order = values.shuffle === true ? 'shuffled rows' : 'sorted by person_id';
  say(`persons: ${persons.toLocaleString('en-US')}, seed ${seed}, as of ${asOf}, ${order}, data: ${dir}`);
  say(
    `machine: ${cpus()[0]?.model ?? '?'}, ${availableParallelism()} cores, load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after`,
  );
  say(
    `evg effects --group-by offer --exact: ${evg.seconds.toFixed(2)} s, ${rate(evg)}, peak RSS ${mib(evg)}`,
  );
  say(
    `evg effects --group-by offer (published): ${published.seconds.toFixed(2)} s, ${rate(published)}, peak RSS ${mib(published)}`,
  );
  say(`DuckDB SQL (same CSV files):  ${duck.seconds.toFixed(2)} s, ${rate(duck)}, peak RSS ${mib(duck)}`);
  say(
    `ratio DuckDB / evg --exact: ${(duck.seconds / evg.seconds).toFixed(2)}x (target >= 4x); evg peak memory target < 1 GiB`,
  );
  say(
    `disclosure step (published / exact): ${(published.seconds / evg.seconds).toFixed(2)}x wall, ${published.cpuSeconds !== null && evg.cpuSeconds !== null ? (published.cpuSeconds / evg.cpuSeconds).toFixed(2) : 'n/a'}x CPU`,
  );
  if (runs > 1) {
    const list = (results: RunResult[]) => results.map((r) => r.seconds.toFixed(2)).join(', ');
    say(
      `all runs (s): evg --exact ${list(evgRuns)}; published ${list(publishedRuns)}; DuckDB ${list(duckRuns)}`,
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

/**
 * The person-level files of `sortedDir` with their rows in a seeded random order (header
 * first), the other files as they are: generated once beside it and reused.
 */
async function shuffledCopy(sortedDir: string, seed: number, say: (line: string) => void) {
  const dir = `${sortedDir}-shuffled`;
  const marker = join(dir, '.complete');
  if (existsSync(marker)) {
    say(`reusing ${dir}`);
    return dir;
  }
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  say(`shuffling the person-level rows into ${dir} ...`);
  const random = new Prng(seed);
  for (const name of await readdir(sortedDir)) {
    if (!name.endsWith('.csv')) continue;
    if (!SHUFFLED_FILES.includes(name)) {
      await copyFile(join(sortedDir, name), join(dir, name));
      continue;
    }
    const [header, ...rows] = (await readFile(join(sortedDir, name), 'utf8'))
      .split('\n')
      .filter((line) => line !== '');
    for (let i = rows.length - 1; i > 0; i--) {
      const j = random.int(0, i);
      const [a, b] = [rows[i], rows[j]];
      if (a !== undefined && b !== undefined) [rows[i], rows[j]] = [b, a];
    }
    await writeFile(join(dir, name), [header, ...rows, ''].join('\n'));
  }
  await writeFile(marker, '');
  return dir;
}

const SHUFFLED_FILES = ['persons.csv', 'benefit_periods.csv', 'enrollments.csv', 'survey_responses.csv'];

/** Runs `node args` to completion, with wall time and (through /usr/bin/time) peak RSS. */
async function timed(args: string[], env: NodeJS.ProcessEnv): Promise<RunResult> {
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
  const scratch = await mkdtemp(join(tmpdir(), 'evg-bench-'));
  const rssFile = join(scratch, 'rss');
  const [command, commandArgs] = timeBin
    ? [timeBin, ['-o', rssFile, '-f', '%M %U %S', process.execPath, ...args]]
    : [process.execPath, args];
  const started = performance.now();
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'], env });
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
  const middle = sorted[Math.floor((sorted.length - 1) / 2)];
  if (middle === undefined) throw new Error('median of no runs');
  return middle;
}

/** Lines describing every offer/measure where evg and DuckDB disagree on n, x or pending. */
function compare(evgJson: string, duckJson: string): string[] {
  const evgRows = evgRowsSchema.parse(JSON.parse(evgJson));
  const duck = duckSchema.parse(JSON.parse(duckJson));
  const expected = new Map(duck.rows.map((row) => [`${row.offerId} ${row.measure}`, row]));
  const problems: string[] = [];
  for (const row of evgRows) {
    for (const measure of MEASURES) {
      const key = `${String(row.offerId)} ${measure}`;
      const mine = evgCellSchema.parse(row[measure]);
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
