// Benchmark of issue 4 (not run in CI): throughput and latency of the REST API on loopback,
// each scenario beside a Fastify hello-world route on the same server in the same run.
//
//   node --conditions=@evg/source --import tsx packages/service/bench/api.ts [--seconds 10] [--connections 50] [--data DIR]
//
// The server runs in a child process (so autocannon does not share its event loop) on the
// embedded database with the demo data of `npm start` (seeded into DIR on first use).
import { fork, type ChildProcess } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    data: { type: 'string', default: '.bench/api-data' },
  },
});

/** Child: the real app (as `evg start` builds it) plus a hello-world route. */
async function serve(): Promise<void> {
  const { buildApp } = await import('../src/app.ts');
  const { loadConfig } = await import('../src/config.ts');
  const { createDb } = await import('../src/db/create-db.ts');
  const { migrateToLatest } = await import('../src/db/migrate.ts');
  const { ensureDemoData } = await import('../src/synth/seed-database.ts');
  const { refreshEffects } = await import('../src/refresh/index.ts');
  const config = { ...loadConfig({ EVG_DATA_DIR: values.data, EVG_RATE_LIMIT: '1000000000' }), port: 0 };
  const handle = await createDb({ dataDir: config.dataDir });
  await migrateToLatest(handle.db);
  const { disclosureKey } = await import('../src/secrets/disclosure-key.ts');
  const secret = await disclosureKey(config);
  await ensureDemoData(handle.db, { connectionString: handle.connectionString, disclosureKey: secret });
  const app = await buildApp({
    config,
    db: handle.db,
    refreshEffects: (db) => refreshEffects(db, { disclosureKey: secret }),
  });
  app.get('/hello', { schema: { hide: true } }, async () => ({ hello: 'world' }));
  // The floor for a body the size of a search page: a fixed 28 KiB JSON string.
  const large = JSON.stringify({ filler: 'x'.repeat(28 * 1024) });
  app.get('/hello-28k', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('application/json').send(large),
  );
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  process.send!({ url });
  process.on('SIGTERM', () => {
    void app
      .close()
      .then(() => handle.close())
      .then(() => process.exit(0));
  });
}

interface Result {
  name: string;
  path: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/** `{maxPrice}` in a path is replaced by a random price per request, so answers are not cached. */
async function measure(base: string, name: string, path: string): Promise<Result> {
  const randomise = path.includes('{maxPrice}');
  const result = await autocannon({
    url: base + path,
    connections: Number(values.connections),
    duration: Number(values.seconds),
    headers: path.includes('format=csv') ? { accept: 'text/csv' } : { accept: 'application/json' },
    ...(randomise
      ? {
          requests: [
            {
              setupRequest: (request: autocannon.Request) => ({
                ...request,
                path: path.replace('{maxPrice}', String(20000 + Math.floor(Math.random() * 40000))),
              }),
            },
          ],
        }
      : {}),
  });
  return {
    name,
    path,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

async function main(): Promise<void> {
  const child: ChildProcess = fork(new URL(import.meta.url).pathname, ['serve', ...process.argv.slice(2)], {
    execArgv: ['--conditions=@evg/source', '--import', 'tsx'],
    cwd: resolve('.'),
  });
  const base = await new Promise<string>((resolveUrl, reject) => {
    child.once('message', (message) => resolveUrl((message as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  try {
    const get = async (path: string) => (await fetch(base + path)).json();
    const offers = (await get('/v1/offers?sort=-effect3m&limit=6')) as {
      items: { offer: { offerId: string } }[];
    };
    const ids = offers.items.map((item) => item.offer.offerId);
    const groups = (await get('/v1/target-groups')) as { code: string }[];
    const targetGroup = groups[0]!.code;
    const scenarios: [string, string][] = [
      ['hello world with a fixed 28 KiB body (size floor)', '/hello-28k'],
      [
        'search with filters',
        `/v1/offers?targetGroup=${targetGroup}&maxPrice=40000&minEffect3m=0.2&sort=-effect3m.adjusted&limit=20`,
      ],
      [
        'search with filters, a different query each time (no cache hits)',
        `/v1/offers?targetGroup=${targetGroup}&maxPrice={maxPrice}&minEffect3m=0.2&sort=-effect3m.adjusted&limit=20`,
      ],
      ['search with free text (PostgreSQL)', '/v1/offers?q=kontor&sort=-effect3m'],
      ['offer profile', `/v1/offers/${ids[0]}`],
      ['comparison of 3 offers', `/v1/compare?ids=${ids.slice(0, 3).join(',')}`],
      ['CSV effect table (offer × target group)', '/v1/effects?groupBy=offer,targetGroup&format=csv'],
    ];
    const rows: string[] = [];
    for (const [name, path] of scenarios) {
      await measure(base, 'warm-up', path);
      const hello = await measure(base, 'hello world', '/hello');
      const result = await measure(base, name, path);
      const share = ((100 * result.rps) / hello.rps).toFixed(0);
      rows.push(
        `| ${name} | ${result.rps.toFixed(0)} | ${result.p50} | ${result.p99} | ${hello.rps.toFixed(0)} | ${hello.p99} | ${share}% | ${result.errors} |`,
      );
      process.stderr.write(`${name}: ${result.rps.toFixed(0)} req/s (hello ${hello.rps.toFixed(0)})\n`);
    }
    const out = process.stdout;
    out.write(
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ` +
        `Node ${process.version}, load average ${loadavg()
          .map((v) => v.toFixed(2))
          .join(' ')}\n`,
    );
    out.write(`${values.connections} connections, ${values.seconds} s per run, loopback\n\n`);
    out.write('| scenario | req/s | p50 ms | p99 ms | hello req/s | hello p99 ms | of hello | errors |\n');
    out.write('|---|---|---|---|---|---|---|---|\n');
    out.write(rows.join('\n') + '\n');
  } finally {
    child.kill('SIGTERM');
  }
}

await (positionals[0] === 'serve' ? serve() : main());
