// The fault tests are only as good as their faults: this proves the private server really
// crashes and recovers, and the proxy really cuts, refuses and resumes connections.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.ts';
import { startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres.ts';

let server: PrivatePostgres;
let proxy: FaultProxy;

beforeAll(async () => {
  server = await startPrivatePostgres();
  proxy = await startFaultProxy({ host: '127.0.0.1', port: server.port });
});

afterAll(async () => {
  await proxy?.close();
  await server?.destroy();
});

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

describe('private PostgreSQL', () => {
  it('is not the shared server and keeps committed rows across a crash', async () => {
    expect(server.port).not.toBe(5432);
    const client = await connect(server.url());
    await client.query('create table kept (n int)');
    await client.query('insert into kept values (1), (2)');
    await client.end();

    await server.kill();
    expect(await server.isRunning()).toBe(false);
    await expect(connect(server.url())).rejects.toThrow();

    await server.start();
    const after = await connect(server.url());
    const { rows } = await after.query('select count(*)::int as n from kept');
    expect(rows[0].n).toBe(2);
    await after.end();
  });

  it('loses an uncommitted transaction when it crashes mid-way', async () => {
    const client = await connect(server.url());
    await client.query('create table half (n int)');
    await client.query('begin');
    await client.query('insert into half select generate_series(1, 1000)');
    await server.restart('immediate');
    await expect(client.query('commit')).rejects.toThrow();

    const after = await connect(server.url());
    const { rows } = await after.query('select count(*)::int as n from half');
    expect(rows[0].n).toBe(0);
    await after.end();
  });
});

describe('fault proxy', () => {
  it('forwards, cuts open connections, refuses new ones and resumes', async () => {
    const url = proxy.rewrite(server.url());
    const client = await connect(url);
    expect((await client.query('select 1 as one')).rows[0].one).toBe(1);

    proxy.setMode('refuse');
    proxy.cutAll();
    await expect(client.query('select 1')).rejects.toThrow();
    await expect(connect(url)).rejects.toThrow();

    proxy.resume();
    const again = await connect(url);
    expect((await again.query('select 2 as two')).rows[0].two).toBe(2);
    await again.end();
    expect(proxy.stats().accepted).toBeGreaterThanOrEqual(3);
  });

  it('strikes in the middle of a transfer: a COPY cut after 200 kB stores nothing', async () => {
    const direct = await connect(server.url());
    await direct.query('create table copied (n int, pad text)');
    const client = await connect(proxy.rewrite(server.url()));
    const rows = Array.from(
      { length: 20_000 },
      (_, i) => `insert into copied values (${i}, '${'x'.repeat(40)}');`,
    );
    const started = proxy.stats().up;
    const cut = proxy.whenForwarded(200_000).then(() => proxy.cutAll());
    await expect(client.query(`begin; ${rows.join('')} commit;`)).rejects.toThrow();
    await cut;
    expect(proxy.stats().up - started).toBeGreaterThanOrEqual(200_000);
    expect((await direct.query('select count(*)::int as n from copied')).rows[0].n).toBe(0);
    await direct.end();
  });

  it('black-holes new connections until resumed', async () => {
    proxy.setMode('blackhole');
    await expect(connect(proxy.rewrite(server.url()))).rejects.toThrow(/timeout/i);
    proxy.resume();
    const client = await connect(proxy.rewrite(server.url()));
    await client.end();
  });
});
