// Benchmark of issue 3 (not run in CI): import speed of benefit periods against a raw COPY of
// the same CSV, and refresh time and peak memory.
//
//   node --conditions=@evg/source --import tsx packages/service/bench/import-refresh.ts --persons 1000000 [--workers 2]
//
// Needs a PostgreSQL server (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
// and psql on the PATH (for the raw COPY baseline). Creates and drops database evg_bench.
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, readdir, symlink } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createDb } from '../src/db/create-db.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { importDataDir } from '../src/imports/import-data-dir.ts';
import { importRecords } from '../src/imports/import-records.ts';
import { writeSynthData } from '../src/synth/write-synth.ts';

const { values } = parseArgs({
  options: { persons: { type: 'string', default: '100000' }, workers: { type: 'string', default: '1,2' } },
});
const persons = Number(values.persons);
const workerCounts = (values.workers ?? '1').split(',').map(Number);
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const benchUrl = Object.assign(new URL(adminUrl), { pathname: '/evg_bench' }).toString();
const AS_OF = '2026-10-31';
const out = (line: string) => process.stdout.write(line + '\n');

async function admin(statement: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const dir = resolve(`.bench/synth-${persons}`);
if (!existsSync(join(dir, 'persons.csv'))) {
  const t0 = performance.now();
  await writeSynthData({ persons, seed: 1, out: dir, format: 'csv', asOf: AS_OF });
  out(`synth: ${persons} persons in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
// Everything but benefit periods, so those can be timed alone.
const rest = `${dir}-without-periods`;
await mkdir(rest, { recursive: true });
for (const name of await readdir(dir)) {
  if (name !== 'benefit_periods.csv' && !existsSync(join(rest, name)))
    await symlink(join(dir, name), join(rest, name));
}
const periodsFile = join(dir, 'benefit_periods.csv');
const periodRows = Number(execFileSync('wc', ['-l', periodsFile]).toString().trim().split(' ')[0]) - 1;

out(
  `machine: ${cpus()[0]?.model ?? '?'}, ${availableParallelism()} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
);
await admin('DROP DATABASE IF EXISTS evg_bench WITH (FORCE)');
await admin('CREATE DATABASE evg_bench');
const handle = await createDb({ databaseUrl: benchUrl });
try {
  await migrateToLatest(handle.db);
  let t0 = performance.now();
  const other = await importDataDir(handle.db, rest, { source: 'bench' });
  out(
    `import of the other kinds: ${other.rowsStored} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  t0 = performance.now();
  const periods = await importRecords(handle.db, 'benefit_periods', createReadStream(periodsFile), {
    format: 'csv',
    source: 'bench',
    log: (line) => out(`  ${line}`),
  });
  const importSeconds = (performance.now() - t0) / 1000;
  out(
    `import benefit_periods: ${periods.rowsStored} rows in ${importSeconds.toFixed(1)} s = ${Math.round(periods.rowsStored / importSeconds)} rows/s`,
  );

  t0 = performance.now();
  const again = await importRecords(handle.db, 'benefit_periods', createReadStream(periodsFile), {
    format: 'csv',
    source: 'bench',
  });
  const againSeconds = (performance.now() - t0) / 1000;
  out(
    `re-import (no change, ${again.rowsChanged} changed): ${againSeconds.toFixed(1)} s = ${Math.round(periodRows / againSeconds)} rows/s`,
  );

  const client = new pg.Client({ connectionString: benchUrl });
  await client.connect();
  await client.query(`CREATE TABLE bench_raw_periods (person_id text, benefit_type text, start_date date,
    end_date date, period_id text)`);
  await client.end();
  t0 = performance.now();
  const copy = spawnSync(
    'psql',
    [benchUrl, '-q', '-c', `\\copy bench_raw_periods FROM '${periodsFile}' CSV HEADER`],
    {
      stdio: 'inherit',
    },
  );
  if (copy.status !== 0) throw new Error('psql \\copy failed');
  const copySeconds = (performance.now() - t0) / 1000;
  out(
    `raw COPY (psql \\copy, no constraints): ${periodRows} rows in ${copySeconds.toFixed(1)} s = ${Math.round(periodRows / copySeconds)} rows/s`,
  );
  out(
    `import / raw COPY speed: ${(copySeconds / importSeconds).toFixed(2)} (load average ${loadavg()[0]?.toFixed(1)})`,
  );
} finally {
  await handle.close();
}

for (const workers of workerCounts) {
  // A fresh process per refresh, so its peak RSS is the refresh's alone (GNU time %M, KiB).
  const run = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      'TIME %e s, peak RSS %M KiB',
      'node',
      'packages/service/bin/evg.js',
      'refresh',
      '--as-of',
      AS_OF,
      '--workers',
      String(workers),
    ],
    { env: { ...process.env, DATABASE_URL: benchUrl }, encoding: 'utf8' },
  );
  out(`refresh --workers ${workers}: ${run.stdout.trim()} | ${run.stderr.trim().split('\n').pop()}`);
}
await admin('DROP DATABASE IF EXISTS evg_bench WITH (FORCE)');
