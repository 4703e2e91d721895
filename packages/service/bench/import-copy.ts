// Benchmark of issue 11, deliverable 3 (not run in CI): the whole `evg import --no-refresh` of a
// data directory whose person-level rows are shuffled (real extracts are not sorted by person),
// side by side with a raw `psql \copy` of the same files into unconstrained tables.
//
//   node --import tsx packages/service/bench/import-copy.ts --persons 300000
//
// Needs a PostgreSQL server (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres),
// psql and GNU time (/usr/bin/time). Creates and drops databases evg_bench_import and
// evg_bench_raw. Synthetic data are written once under .bench/ (`evg synth --seed 1`).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { writeSynthData } from '../src/synth/write-synth.ts';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '300000' },
    runs: { type: 'string', default: '1' },
    // Another checkout's bin/evg.js, to time an older import side by side on the same files.
    evg: { type: 'string', default: 'packages/service/bin/evg.js' },
  },
});
const persons = Number(values.persons);
const runs = Number(values.runs);
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const urlOf = (name: string) => Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
const out = (line: string) => process.stdout.write(line + '\n');
const PERSON_FILES = ['persons', 'benefit_periods', 'enrollments', 'survey_responses'];

async function admin(statement: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Wall, CPU (user + system) seconds and peak RSS of one command, from GNU time. */
function timed(command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const started = performance.now();
  const run = spawnSync('/usr/bin/time', ['-f', '%U %S %M', command, ...args], { env, encoding: 'utf8' });
  const wall = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`${command} failed: ${run.stderr}`);
  const [user, system, rssKb] = run.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { wall, cpu: (user ?? 0) + (system ?? 0), rssMiB: (rssKb ?? 0) / 1024, stdout: run.stdout };
}

// Data: evg synth, then the person-level files' rows in a seeded random order.
const sorted = resolve(`.bench/synth-${persons}`);
const dir = `${sorted}-shuffled`;
if (!existsSync(join(sorted, 'persons.csv'))) {
  await writeSynthData({ persons, seed: 1, out: sorted, format: 'csv', asOf: '2026-10-31' });
}
if (!existsSync(join(dir, 'persons.csv'))) {
  await mkdir(dir, { recursive: true });
  let state = 1;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (const name of await readdir(sorted)) {
    const text = await readFile(join(sorted, name), 'utf8');
    if (!PERSON_FILES.includes(name.replace(/\.csv$/, ''))) {
      await writeFile(join(dir, name), text);
      continue;
    }
    const [header, ...rows] = text.split('\n').filter((line) => line !== '');
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [rows[i], rows[j]] = [rows[j] as string, rows[i] as string];
    }
    await writeFile(join(dir, name), [header, ...rows, ''].join('\n'));
  }
}
const files = (await readdir(dir)).filter((name) => name.endsWith('.csv')).sort();
const bytes = Number(execFileSync('du', ['-sb', dir]).toString().split('\t')[0]);
const rows = files.reduce(
  (sum, name) =>
    sum +
    Number(
      execFileSync('wc', ['-l', join(dir, name)])
        .toString()
        .split(' ')[0],
    ) -
    1,
  0,
);

out(
  `machine: ${cpus()[0]?.model ?? '?'}, ${availableParallelism()} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
);
out(
  `data: ${persons} persons, ${files.length} files, ${rows} rows, ${(bytes / 2 ** 20).toFixed(0)} MiB (shuffled)`,
);

// The baseline: every file into a table of its header's columns, all text, no constraints or indexes.
async function rawCopy() {
  await admin('DROP DATABASE IF EXISTS evg_bench_raw WITH (FORCE)');
  await admin('CREATE DATABASE evg_bench_raw');
  const client = new pg.Client({ connectionString: urlOf('evg_bench_raw') });
  await client.connect();
  const commands: string[] = [];
  for (const name of files) {
    const table = name.replace(/\.csv$/, '');
    const header = (await readFile(join(dir, name), 'utf8')).split('\n', 1)[0]!.split(',');
    await client.query(`CREATE TABLE ${table} (${header.map((c) => `${c} text`).join(', ')})`);
    commands.push('-c', `\\copy ${table} FROM '${join(dir, name)}' WITH (FORMAT csv, HEADER true)`);
  }
  await client.end();
  return timed('psql', ['-q', '-v', 'ON_ERROR_STOP=1', urlOf('evg_bench_raw'), ...commands]);
}

async function evgImport() {
  await admin('DROP DATABASE IF EXISTS evg_bench_import WITH (FORCE)');
  await admin('CREATE DATABASE evg_bench_import');
  const env = { ...process.env, DATABASE_URL: urlOf('evg_bench_import') };
  timed('node', [values.evg!, 'migrate'], env);
  return timed('node', [values.evg!, 'import', '--data', dir, '--no-refresh', '--as-of', '2026-10-31'], env);
}

const fmt = (r: { wall: number; cpu: number }) => `${r.wall.toFixed(1)} s wall, ${r.cpu.toFixed(1)} s CPU`;
for (let run = 1; run <= runs; run++) {
  const before = loadavg()[0]!.toFixed(1);
  const raw = await rawCopy();
  const imported = await evgImport();
  const after = loadavg()[0]!.toFixed(1);
  out(`run ${run} (load average ${before} before, ${after} after, ${new Date().toISOString()}):`);
  out(
    `  raw psql \\copy into unconstrained text tables: ${fmt(raw)} (psql's CPU; the server's is not counted)`,
  );
  out(
    `  evg import --no-refresh (${values.evg}): ${fmt(imported)}, peak RSS ${imported.rssMiB.toFixed(0)} MiB`,
  );
  out(`  speed of the import relative to the raw COPY: ${(raw.wall / imported.wall).toFixed(2)}`);
}
await admin('DROP DATABASE IF EXISTS evg_bench_raw WITH (FORCE)');
await admin('DROP DATABASE IF EXISTS evg_bench_import WITH (FORCE)');
