// Reliability run of issue 10 (not run in CI: it measures time): /health latency while clients
// request heavy /v1/effects tables, JSON and CSV, in many groupings.
//
//   node --import tsx packages/service/bench/health-under-load.ts [--seconds 20] [--clients 8]
//     [--database-url postgres://...] [--data DIR] [--on-loop]
//
// --on-loop builds models and tables on the event loop (EVG_READ_MODEL_WORKER=false), the peer
// to compare the default worker thread with. The server also reports the event loop's largest
// delay (perf_hooks.monitorEventLoopDelay) over the measured phase.
//
// The server runs in a child process on the demo data of `npm start` (seeded on first use);
// the parent sends the heavy requests (as fast as each client can, rate limit off) and probes
// /health every 20 ms, reporting its latency percentiles and the heavy answers by status.
import { fork } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seconds: { type: 'string', default: '20' },
    clients: { type: 'string', default: '8' },
    data: { type: 'string', default: '.bench/health-data' },
    'database-url': { type: 'string' },
    'on-loop': { type: 'boolean', default: false },
  },
});

async function serve(): Promise<void> {
  const { buildApp } = await import('../src/app.ts');
  const { loadConfig } = await import('../src/config.ts');
  const { createDb } = await import('../src/db/create-db.ts');
  const { migrateToLatest } = await import('../src/db/migrate.ts');
  const { ensureDemoData } = await import('../src/synth/seed-database.ts');
  const { refreshEffects } = await import('../src/refresh/index.ts');
  const { disclosureKey } = await import('../src/secrets/disclosure-key.ts');
  const env = {
    EVG_DATA_DIR: values.data,
    EVG_RATE_LIMIT: '1000000000',
    EVG_READ_MODEL_WORKER: values['on-loop'] ? 'false' : 'true',
  };
  const config = { ...loadConfig(env), databaseUrl: values['database-url'], port: 0 };
  const handle = await createDb(
    config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir },
  );
  await migrateToLatest(handle.db);
  const secret = await disclosureKey(config);
  await ensureDemoData(handle.db, { connectionString: handle.connectionString, disclosureKey: secret });
  const app = await buildApp({
    config,
    db: handle.db,
    connectionString: handle.connectionString,
    refreshEffects: (db) => refreshEffects(db, { disclosureKey: secret }),
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const { monitorEventLoopDelay } = await import('node:perf_hooks');
  const delay = monitorEventLoopDelay({ resolution: 5 });
  process.on('message', (message: string) => {
    if (message === 'measure') delay.enable();
    if (message === 'report') {
      delay.disable();
      const ms = (ns: number) => ns / 1e6;
      process.send!({ delay: { p99: ms(delay.percentile(99)), max: ms(delay.max) } });
    }
  });
  process.send!({ url });
}

const GROUPINGS = [
  'offer,targetGroup,period',
  'offer,period,industry',
  'provider,targetGroup,period,industry',
  'offer,targetGroup,industry',
  'offer,providerKind,targetGroup,period',
  'package,targetGroup,period,industry',
  'offer,targetGroup',
  'offer,period',
];
const UNITS = ['halfYear', 'quarter', 'year'];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function measure(): Promise<void> {
  const child = fork(new URL(import.meta.url).pathname, ['serve', ...process.argv.slice(2)], {
    execArgv: process.execArgv,
  });
  const url = await new Promise<string>((resolve) =>
    child.once('message', (m: { url: string }) => resolve(m.url)),
  );
  // Warm-up: each heavy query once, in turn, timed (its first build runs on the event loop).
  const queries = GROUPINGS.flatMap((groupBy) =>
    UNITS.map((unit) => `groupBy=${groupBy}&periodUnit=${unit}`),
  );
  const warm = performance.now();
  let slowest = 0;
  for (const query of queries) {
    const start = performance.now();
    await (await fetch(`${url}/v1/effects?${query}`)).arrayBuffer();
    slowest = Math.max(slowest, performance.now() - start);
  }
  console.log(
    `warm-up: ${queries.length} first builds in ${((performance.now() - warm) / 1000).toFixed(1)} s, ` +
      `slowest ${slowest.toFixed(0)} ms`,
  );
  child.send('measure');
  const cpuStart = process.cpuUsage();
  const seconds = Number(values.seconds);
  const until = Date.now() + seconds * 1000;
  const statuses = new Map<string, number>();
  let heavyBytes = 0;
  let i = 0;
  const client = async () => {
    while (Date.now() < until) {
      const n = i++;
      const format = n % 2 === 0 ? 'json' : 'csv';
      const query = `groupBy=${GROUPINGS[n % GROUPINGS.length]}&periodUnit=${UNITS[n % 3]}&format=${format}`;
      const response = await fetch(`${url}/v1/effects?${query}`);
      const body = await response.arrayBuffer();
      heavyBytes += body.byteLength;
      const label = `${format} ${response.status}`;
      statuses.set(label, (statuses.get(label) ?? 0) + 1);
    }
  };
  const health: number[] = [];
  const probe = async () => {
    while (Date.now() < until) {
      const start = performance.now();
      await (await fetch(`${url}/health`)).arrayBuffer();
      health.push(performance.now() - start);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  await Promise.all([probe(), ...Array.from({ length: Number(values.clients) }, client)]);
  const delay = await new Promise<{ p99: number; max: number }>((resolve) => {
    child.on('message', (m: { delay?: { p99: number; max: number } }) => m.delay && resolve(m.delay));
    child.send('report');
  });
  const cpu = process.cpuUsage(cpuStart);
  child.kill('SIGTERM');
  health.sort((a, b) => a - b);
  const f = (ms: number) => `${ms.toFixed(1)} ms`;
  console.log(
    `${seconds} s, ${values.clients} heavy clients, ${i} heavy requests, ${(heavyBytes / 1e6).toFixed(0)} MB`,
  );
  console.log(`heavy answers: ${[...statuses].map(([k, v]) => `${k}: ${v}`).join(', ')}`);
  console.log(
    `/health (${health.length} probes): p50 ${f(percentile(health, 50))}, p99 ${f(percentile(health, 99))}, ` +
      `max ${f(health.at(-1) ?? NaN)}, over 50 ms: ${health.filter((ms) => ms > 50).length}`,
  );
  console.log(
    `server event loop delay: p99 ${f(delay.p99)}, max ${f(delay.max)}; ` +
      `${values['on-loop'] ? 'on the event loop' : 'read-model worker'}; load client CPU ` +
      `${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; 1-min load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)}`,
  );
}

if (positionals[0] === 'serve') await serve();
else await measure();
