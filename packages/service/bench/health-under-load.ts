// Reliability run of issue 10 (not run in CI: it measures time): /health latency while clients
// request heavy /v1/effects tables, JSON and CSV, in many groupings.
//
//   node --import tsx packages/service/bench/health-under-load.ts [--seconds 20] [--clients 8]
//     [--rate 4] [--mix effects|exports] [--database-url postgres://...] [--data DIR] [--on-loop]
//
// --rate N sends N heavy requests a second in all, each on schedule whether or not the earlier
// ones are answered (an open load, like clients under the rate limit), instead of --clients
// requesting back to back. --mix exports requests what an analyst exports instead of the BI
// tables: the offers search as xlsx, effect tables as xlsx, and exact tables (`exact=true`, an
// analyst key the server creates) as JSON and CSV.
//
// --on-loop builds models and tables on the event loop (EVG_READ_MODEL_WORKER=false), the peer
// to compare the default worker thread with. The server also reports the event loop's largest
// delay (perf_hooks.monitorEventLoopDelay) over the measured phase.
//
// The server runs in a child process on the demo data of `npm start` (seeded on first use);
// the parent sends the heavy requests (as fast as each client can, rate limit off) and a
// second child probes /health every 20 ms (in a process of its own, so the probe's latency is
// the server's and not the load client's, which is busy receiving the tables), reporting its
// latency percentiles and the heavy answers by status.
import { fork } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seconds: { type: 'string', default: '20' },
    clients: { type: 'string', default: '8' },
    data: { type: 'string', default: '.bench/health-data' },
    'database-url': { type: 'string' },
    rate: { type: 'string' },
    mix: { type: 'string', default: 'effects' },
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
    EVG_RATE_LIMIT_ANALYST: '1000000000',
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
  const { createApiKey } = await import('../src/repositories/api-keys.ts');
  const analyst = await createApiKey(handle.db, { name: 'health-under-load', role: 'analyst' });
  const { monitorEventLoopDelay } = await import('node:perf_hooks');
  const delay = monitorEventLoopDelay({ resolution: 5 });
  let cpu = process.cpuUsage();
  process.on('message', (message: string) => {
    if (message === 'measure') {
      delay.enable();
      cpu = process.cpuUsage();
    }
    if (message === 'report') {
      delay.disable();
      const ms = (ns: number) => ns / 1e6;
      // The whole process: its event loop and the read-model worker thread.
      const used = process.cpuUsage(cpu);
      process.send!({
        delay: { p99: ms(delay.percentile(99)), max: ms(delay.max) },
        cpuSeconds: (used.user + used.system) / 1e6,
      });
    }
  });
  process.send!({ url, secret: analyst.secret });
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

/** The analyst's exports of `--mix exports`, in turn: search workbooks, effect workbooks, exact tables. */
const EXPORTS = [
  ...['', 'targetGroup=jobparat', 'period=2025H1', 'targetGroup=ledig,jobparat'].map((query) => ({
    path: `/v1/offers?format=xlsx&${query}`,
    keyed: false,
  })),
  ...GROUPINGS.slice(0, 4).map((groupBy, i) => ({
    path: `/v1/effects?groupBy=${groupBy}&periodUnit=${UNITS[i % 3]}&format=xlsx`,
    keyed: false,
  })),
  ...GROUPINGS.slice(0, 4).flatMap((groupBy, i) =>
    ['json', 'csv'].map((format) => ({
      path: `/v1/effects?groupBy=${groupBy}&periodUnit=${UNITS[i % 3]}&exact=true&format=${format}`,
      keyed: true,
    })),
  ),
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function measure(): Promise<void> {
  const child = fork(new URL(import.meta.url).pathname, ['serve', ...process.argv.slice(2)], {
    execArgv: process.execArgv,
  });
  const { url, secret } = await new Promise<{ url: string; secret: string }>((resolve) =>
    child.once('message', resolve),
  );
  const analyst = { authorization: `Bearer ${secret}` };
  const exportsMix = values.mix === 'exports';
  // Warm-up: each heavy query once, in turn, timed (its first build: table sizes, rows).
  const queries = exportsMix
    ? EXPORTS
    : GROUPINGS.flatMap((groupBy) =>
        UNITS.map((unit) => ({ path: `/v1/effects?groupBy=${groupBy}&periodUnit=${unit}`, keyed: false })),
      );
  const warm = performance.now();
  let slowest = 0;
  for (const query of queries) {
    const start = performance.now();
    const response = await fetch(`${url}${query.path}`, query.keyed ? { headers: analyst } : {});
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${query.path} answered ${response.status} in the warm-up`);
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
  const heavy = async () => {
    const n = i++;
    let query: { path: string; keyed: boolean };
    let label: string;
    if (exportsMix) {
      query = EXPORTS[n % EXPORTS.length]!;
      const format = query.path.includes('xlsx') ? 'xlsx' : query.path.includes('csv') ? 'csv' : 'json';
      label = `${query.path.startsWith('/v1/offers') ? 'offers' : query.keyed ? 'exact' : 'effects'} ${format}`;
    } else {
      const format = n % 2 === 0 ? 'json' : 'csv';
      query = {
        path: `/v1/effects?groupBy=${GROUPINGS[n % GROUPINGS.length]}&periodUnit=${UNITS[n % 3]}&format=${format}`,
        keyed: false,
      };
      label = format;
    }
    try {
      const response = await fetch(`${url}${query.path}`, query.keyed ? { headers: analyst } : {});
      const body = await response.arrayBuffer();
      heavyBytes += body.byteLength;
      label = `${label} ${response.status}`;
    } catch (error) {
      // A connection the server closed (EVG_CONNECTION_TIMEOUT_MS while the answer waited).
      label = `${label} ${error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : 'failed'}`;
    }
    statuses.set(label, (statuses.get(label) ?? 0) + 1);
  };
  const client = async () => {
    while (Date.now() < until) await heavy();
  };
  // An open load: one request every 1/rate s on schedule, however long the earlier ones take.
  const scheduled = async (rate: number) => {
    const sent: Promise<void>[] = [];
    for (let at = Date.now(); at < until; at += 1000 / rate) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
      sent.push(heavy());
    }
    await Promise.all(sent);
  };
  // Probed until the last heavy answer: answers still queued after `until` are work too.
  const prober = fork(new URL(import.meta.url).pathname, ['probe', url], { execArgv: process.execArgv });
  const load =
    values.rate === undefined
      ? Array.from({ length: Number(values.clients) }, client)
      : [scheduled(Number(values.rate))];
  await Promise.all(load);
  const health = await new Promise<number[]>((resolve) => {
    prober.once('message', resolve);
    prober.send('stop');
  });
  const elapsed = (Date.now() - (until - seconds * 1000)) / 1000;
  const { delay, cpuSeconds } = await new Promise<{
    delay: { p99: number; max: number };
    cpuSeconds: number;
  }>((resolve) => {
    child.on('message', (m: { delay?: { p99: number; max: number }; cpuSeconds: number }) => {
      if (m.delay) resolve({ delay: m.delay, cpuSeconds: m.cpuSeconds });
    });
    child.send('report');
  });
  const cpu = process.cpuUsage(cpuStart);
  child.kill('SIGTERM');
  health.sort((a, b) => a - b);
  const f = (ms: number) => `${ms.toFixed(1)} ms`;
  const shape =
    values.rate === undefined ? `${values.clients} heavy clients` : `${values.rate} heavy requests/s`;
  console.log(
    `${seconds} s (${elapsed.toFixed(1)} s until the last answer), ${shape}, mix ${values.mix}, ` +
      `${i} heavy requests, ${(heavyBytes / 1e6).toFixed(0)} MB`,
  );
  console.log(`heavy answers: ${[...statuses].map(([k, v]) => `${k}: ${v}`).join(', ')}`);
  console.log(
    `/health (${health.length} probes): p50 ${f(percentile(health, 50))}, p99 ${f(percentile(health, 99))}, ` +
      `max ${f(health.at(-1) ?? NaN)}, over 50 ms: ${health.filter((ms) => ms > 50).length}`,
  );
  console.log(
    `server event loop delay: p99 ${f(delay.p99)}, max ${f(delay.max)}; ` +
      `${values['on-loop'] ? 'on the event loop' : 'read-model worker'}; server CPU ${cpuSeconds.toFixed(1)} s; load client CPU ` +
      `${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; 1-min load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)}`,
  );
}

/** The /health probe's process: probes every 20 ms until told to stop, then sends the latencies. */
async function probe(url: string): Promise<void> {
  const health: number[] = [];
  let stopped = false;
  process.once('message', () => (stopped = true));
  while (!stopped) {
    const start = performance.now();
    await (await fetch(`${url}/health`)).arrayBuffer();
    health.push(performance.now() - start);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  process.send!(health, () => process.exit(0));
}

if (positionals[0] === 'serve') await serve();
else if (positionals[0] === 'probe') await probe(positionals[1]!);
else await measure();
