/**
 * Soak test (`npm run soak -- [--minutes 10] [--rate 200] [--persons 20000]`): the service as
 * `evg start` in its own process on loopback, on its own database, driven at a fixed rate on
 * search, profile, compare and CSV export, while `evg import` and `evg refresh` run over and
 * over beside it. Records error rate, p50/p99 latency per endpoint and the server's memory at
 * start and end, and checks the targets of issue 6: zero errors, p99 < 50 ms, memory growth
 * < 10%. Not part of `npm test`; figures go into RELIABILITY.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { cpuShares, cpuSnapshot, describeCpu } from './cpu-shares.ts';
import { describeTail, tailCauses, type WriterSpans } from './soak-tail.ts';

const EVG = resolve(fileURLToPath(import.meta.url), '../../bin/evg.js');
const LOOP_PROBE = resolve(fileURLToPath(import.meta.url), '../loop-probe.mjs');
/** A request slower than this counts against the p99 target; each is kept with its moment. */
const SLOW_MS = 50;
const out = (line: string) => process.stdout.write(line + '\n');

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    rate: { type: 'string', default: '200' },
    persons: { type: 'string', default: '20000' },
    'admin-url': { type: 'string' },
    json: { type: 'string' },
    // Reads alone, to tell the writers' share of the latency from the service's own.
    'no-writers': { type: 'boolean', default: false },
  },
});
const minutes = Number(args.minutes);
const totalRate = Number(args.rate);
const persons = Number(args.persons);
if (!(minutes > 0) || !(totalRate > 0) || !(persons > 0)) {
  throw new Error('--minutes, --rate and --persons must be positive numbers');
}
const adminUrl =
  args['admin-url'] ??
  process.env.SOAK_ADMIN_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs an `evg` command to completion, as an operator would. */
function evg(argv: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, [EVG, ...argv], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code, signal) => resolveRun({ code, signal, stdout, stderr }));
  });
}

/** How a failed run ended: exit code or signal, and the end of what it wrote. */
function describeRun(run: Run): string {
  const ended = run.signal ? `signal ${run.signal}` : `exit ${run.code}`;
  return `${ended}: ${(run.stderr || run.stdout).slice(-300)}`;
}

async function evgOk(argv: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const run = await evg(argv, env);
  if (run.code !== 0)
    throw new Error(`evg ${argv.join(' ')} failed (${run.code}): ${run.stderr.slice(-2000)}`);
  return run.stdout;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject()));
    });
  });
}

/** Resident memory of a process in MiB, from /proc. */
async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitReady(base: string, server: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (server.exitCode !== null) throw new Error(`evg start exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${base}/ready`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  throw new Error('the service did not become ready in 5 minutes');
}

interface Target {
  name: string;
  share: number;
  paths: string[];
}

async function targets(base: string): Promise<Target[]> {
  const search = (await (await fetch(`${base}/v1/offers?limit=50`)).json()) as {
    items?: { offer?: { offerId?: string } }[];
  };
  const ids = (search.items ?? []).map((o) => o.offer?.offerId).filter((id): id is string => !!id);
  if (ids.length < 6) throw new Error(`the demo data has too few offers to soak (${ids.length})`);
  const groups = (await (await fetch(`${base}/v1/target-groups`)).json()) as { code: string }[];
  const codes = groups.map((g) => g.code);
  return [
    {
      name: 'search',
      share: 0.4,
      paths: [
        '/v1/offers',
        '/v1/offers?sort=-effect3m&limit=20',
        `/v1/offers?q=${encodeURIComponent('rengøring')}`,
        ...codes.map((c) => `/v1/offers?targetGroup=${encodeURIComponent(c)}&sort=price`),
      ],
    },
    { name: 'profile', share: 0.3, paths: ids.map((id) => `/v1/offers/${encodeURIComponent(id)}`) },
    {
      name: 'compare',
      share: 0.2,
      paths: ids
        .slice(0, 40)
        .map((_, i) => `/v1/compare?ids=${[0, 1, 2].map((k) => ids[(i + k) % ids.length]).join(',')}`),
    },
    {
      name: 'csv export',
      share: 0.1,
      paths: ['/v1/effects?groupBy=offer&format=csv', '/v1/effects?groupBy=offer,targetGroup&format=csv'],
    },
  ];
}

/** A response slower than SLOW_MS: when it ended (epoch ms), how long it took, of which kind. */
interface SlowResponse {
  at: number;
  ms: number;
  kind: string;
}

/** One autocannon instance per endpoint kind, all at once, each at its share of the rate. */
function drive(
  base: string,
  target: Target,
  seconds: number,
  slow?: SlowResponse[],
): Promise<autocannon.Result> {
  return new Promise((resolveRun, reject) => {
    const requests = target.paths.map((path) => ({ method: 'GET' as const, path }));
    const instance = autocannon(
      {
        url: base,
        connections: 4,
        overallRate: Math.max(1, Math.round(totalRate * target.share)),
        duration: seconds,
        requests,
        timeout: 10,
      },
      (error, result) => (error ? reject(error) : resolveRun(result)),
    );
    if (slow) {
      instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
        if (ms > SLOW_MS) slow.push({ at: Date.now(), ms, kind: target.name });
      });
    }
  });
}

/**
 * A copy of the extract in `dir` in which every 100th survey answer has another satisfaction
 * score: importing the two in turn changes the figures each time, as a daily extract does.
 */
async function changedExtract(dir: string): Promise<string> {
  const changed = await mkdtemp(join(tmpdir(), 'evg-soak-b-'));
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.csv')) continue;
    let text = await readFile(join(dir, name), 'utf8');
    if (name === 'survey_responses.csv') {
      const [header, ...rows] = text.split('\n');
      const column = header!.split(',').indexOf('satisfaction');
      text = [
        header,
        ...rows.map((row, i) => {
          if (i % 100 !== 0 || row === '') return row;
          const fields = row.split(',');
          fields[column] = String((Number(fields[column]) % 5) + 1);
          return fields.join(',');
        }),
      ].join('\n');
    }
    await writeFile(join(changed, name), text);
  }
  return changed;
}

async function main(): Promise<void> {
  const database = `evg_soak_${process.pid}_${Date.now().toString(36)}`;
  const adminClient = new pg.Client({ connectionString: adminUrl });
  await adminClient.connect();
  await adminClient.query(`CREATE DATABASE ${database}`);
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${database}`;
  const dataDir = await mkdtemp(join(tmpdir(), 'evg-soak-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: dbUrl.toString(),
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    // One loopback client stands for a whole municipality here: lift the per-address limit.
    EVG_RATE_LIMIT: '1000000',
    EVG_REFRESH_POLL_MS: '1000',
  };
  const probeFile = join(dataDir, 'loop-probe.ndjson');
  // Only the server carries the probe: its main thread's stalls and GC pauses, second by second.
  const serverEnv: NodeJS.ProcessEnv = {
    ...env,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${LOOP_PROBE}`.trim(),
    SOAK_LOOP_PROBE_PATH: probeFile,
  };
  let server: ChildProcess | undefined;
  let changedDir: string | undefined;
  try {
    out(`soak: database ${database}, ${persons} persons, ${minutes} min at ${totalRate} req/s`);
    await evgOk(['migrate'], env);
    await evgOk(['synth', '--persons', String(persons), '--seed', '1', '--out', dataDir], env);
    await evgOk(['import', '--data', dataDir], env);
    changedDir = await changedExtract(dataDir);
    const extracts = [dataDir, changedDir];

    server = spawn(process.execPath, [EVG, 'start'], { env: serverEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    // The server's own output (warnings and errors only, LOG_LEVEL=warn), kept for the report.
    let serverErrors = '';
    const keep = (chunk: Buffer) => (serverErrors = (serverErrors + chunk.toString()).slice(-20_000));
    server.stdout?.on('data', keep);
    server.stderr?.on('data', keep);
    let serverExit: string | undefined;
    server.on('exit', (code, signal) => (serverExit = `evg start exited (code ${code}, signal ${signal})`));
    await waitReady(base, server);
    const pid = server.pid!;
    const plan = await targets(base);

    out('soak: warm-up 20 s');
    await Promise.all(plan.map((t) => drive(base, t, 20)));
    const rssStart = await rssMiB(pid);
    // The machine may be shared: its load says how much of the figures is this service's own.
    const loadStart = loadavg()[0]!;

    // Beside the readers: imports and refreshes back to back for the whole run.
    let stopWriters = false;
    const writerRuns = { imports: 0, refreshes: 0, published: 0, failures: [] as string[] };
    const spans: WriterSpans = { import: [], refresh: [] };
    const timed = async (kind: keyof WriterSpans, argv: string[]) => {
      const started = Date.now();
      const run = await evg(argv, env);
      spans[kind].push([started, Date.now()]);
      return run;
    };
    let round = 0;
    const writers = (async () => {
      while (!stopWriters && !args['no-writers']) {
        // The two extracts in turn: every row is read, validated, staged and compared, and 1% of
        // the survey answers change each time, so every refresh publishes a new data version
        // (a refresh that finds the same figures publishes nothing, and readers would not notice).
        const extract = extracts[round++ % 2]!;
        const imported = await timed('import', ['import', '--data', extract, '--no-refresh']);
        if (imported.code === 0) writerRuns.imports++;
        else writerRuns.failures.push(`import: ${describeRun(imported)}`);
        if (stopWriters) break;
        const refreshed = await timed('refresh', ['refresh']);
        if (refreshed.code !== 0) writerRuns.failures.push(`refresh: ${describeRun(refreshed)}`);
        else {
          writerRuns.refreshes++;
          if (!refreshed.stdout.includes('unchanged')) writerRuns.published++;
        }
      }
    })();
    const slow: SlowResponse[] = [];
    const measuredFrom = Date.now();
    const cpuBefore = await cpuSnapshot(pid);
    const rssSamples: number[] = [];
    const rssTimes: number[] = [];
    const sampler = setInterval(
      () =>
        void rssMiB(pid).then(
          (v) => {
            rssSamples.push(v);
            rssTimes.push(Date.now());
          },
          () => undefined,
        ),
      5000,
    );

    out(`soak: measuring for ${minutes} min`);
    const results = await Promise.all(plan.map((t) => drive(base, t, Math.round(minutes * 60), slow)));
    const measuredTo = Date.now();
    const cpu = cpuShares(
      cpuBefore,
      await cpuSnapshot(pid),
      (measuredTo - measuredFrom) / 1000,
      cpus().length,
    );
    clearInterval(sampler);
    stopWriters = true;
    await writers;
    const rssEnd = await rssMiB(pid).catch(() => NaN);
    const loadEnd = loadavg()[0]!;

    const rows = plan.map((t, i) => {
      const r = results[i]!;
      const total = r.requests.total;
      const errors = r.errors + r.non2xx;
      return {
        endpoint: t.name,
        requests: total,
        errors,
        errorRate: total > 0 ? errors / total : 0,
        p50: r.latency.p50,
        p99: r.latency.p99,
        max: r.latency.max,
        rate: total / r.duration,
        statusCodes: Object.fromEntries(
          Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0]),
        ),
      };
    });
    const all = rows.reduce(
      (sum, r) => ({ requests: sum.requests + r.requests, errors: sum.errors + r.errors }),
      {
        requests: 0,
        errors: 0,
      },
    );
    const growth = (rssEnd - rssStart) / rssStart;
    // RSS swings with every read-model swap (two models live until GC), so single readings at
    // start and end are noisy; the medians of the first and last fifth of the run are the trend.
    // Until the first swap the server holds one model, afterwards up to two: the trend starts
    // once the first refresh's model is in (else a ramp from one to two models reads as growth).
    const firstSwap = (spans.refresh[0]?.[1] ?? -Infinity) + 5000;
    const trend = rssSamples.filter((_, i) => rssTimes[i]! >= firstSwap);
    const fifth = Math.max(1, Math.floor(trend.length / 5));
    const median = (values: number[]) =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
    const medianStart = median(trend.slice(0, fifth));
    const medianEnd = median(trend.slice(-fifth));
    const medianGrowth = (medianEnd - medianStart) / medianStart;
    const report = {
      command: `npm run soak -- --minutes ${minutes} --rate ${totalRate} --persons ${persons}${args['no-writers'] ? ' --no-writers' : ''}`,
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
      at: new Date().toISOString(),
      endpoints: rows,
      total: { ...all, errorRate: all.requests > 0 ? all.errors / all.requests : 0 },
      memoryMiB: {
        start: rssStart,
        end: rssEnd,
        peak: Math.max(rssStart, rssEnd, ...rssSamples),
        growth,
        trendFromSecond: Math.max(0, Math.round((firstSwap - measuredFrom) / 1000)),
        medianFirstFifth: medianStart,
        medianLastFifth: medianEnd,
        medianGrowth,
      },
      rssSamplesMiB: rssSamples,
      loadAverage1m: { start: loadStart, end: loadEnd },
      writers: writerRuns,
      cpuSeconds: cpu,
      tail: await tailCauses(slow, spans, probeFile, measuredFrom, measuredTo),
      serverExit: serverExit ?? null,
      serverOutput: serverErrors.slice(-4000),
      targets: {
        zeroErrors: all.errors === 0 && writerRuns.failures.length === 0 && serverExit === undefined,
        p99Under50ms: rows.every((r) => r.p99 < 50),
        memoryGrowthUnder10pct: medianGrowth < 0.1,
      },
    };

    out('');
    out(`| endpoint | requests | req/s | errors | p50 ms | p99 ms | max ms |`);
    out(`|---|---:|---:|---:|---:|---:|---:|`);
    for (const r of rows) {
      out(
        `| ${r.endpoint} | ${r.requests} | ${r.rate.toFixed(1)} | ${r.errors} | ${r.p50} | ${r.p99} | ${r.max} |`,
      );
    }
    out('');
    out(
      `memory (RSS of evg start): start ${rssStart.toFixed(1)} MiB, end ${rssEnd.toFixed(1)} MiB, ` +
        `peak ${report.memoryMiB.peak.toFixed(1)} MiB, growth ${(growth * 100).toFixed(1)}%; from the first swap (second ${report.memoryMiB.trendFromSecond}) median of the first ` +
        `fifth ${medianStart.toFixed(1)} MiB, of the last fifth ${medianEnd.toFixed(1)} MiB, growth ${(medianGrowth * 100).toFixed(1)}%`,
    );
    out(
      `writers: ${writerRuns.imports} imports and ${writerRuns.refreshes} refreshes (${writerRuns.published} published a new data version), ${writerRuns.failures.length} failed`,
    );
    for (const failure of writerRuns.failures.slice(0, 5)) out(`  ${failure}`);
    out(describeTail(report.tail));
    out(describeCpu(cpu));
    out(
      `machine: ${report.machine}; 1-min load average ${loadStart.toFixed(1)} at start, ${loadEnd.toFixed(1)} at end`,
    );
    const tenth = Math.max(1, Math.floor(rssSamples.length / 10));
    out(
      `RSS every ~${5 * tenth} s: ${rssSamples
        .filter((_, i) => i % tenth === 0)
        .map((v) => v.toFixed(0))
        .join(' ')} MiB`,
    );
    if (serverExit) out(`SERVER DIED: ${serverExit}\n${serverErrors.slice(-4000)}`);
    out(`targets: ${JSON.stringify(report.targets)}`);
    if (args.json) {
      await writeFile(args.json, JSON.stringify(report, null, 2) + '\n');
    }
    process.exitCode = Object.values(report.targets).every(Boolean) ? 0 : 1;
  } finally {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server!.once('exit', r));
    }
    await adminClient.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await adminClient.end();
    await rm(dataDir, { recursive: true, force: true });
    if (changedDir) await rm(changedDir, { recursive: true, force: true });
  }
}

await main();
