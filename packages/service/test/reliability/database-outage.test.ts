// The service while its database goes away: connections cut and refused, then the server
// crashed and restarted under it, including in the middle of a refresh. Reads keep being served
// from the last complete effect tables, /ready says 503 while the database is gone and 200 again
// by itself when it is back, and a refresh struck mid-way leaves the previous data version.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createDb, type DbHandle } from '../../src/db/create-db.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { importDataDir } from '../../src/imports/index.ts';
import { refreshEffects } from '../../src/refresh/index.ts';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.ts';
import { startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres.ts';
import { writeWorld } from '../support/reliability-world.ts';
import { TEST_DISCLOSURE_KEY } from '../support/disclosure-key.ts';
import { UNLIMITED_RATE_ENV } from '../support/unlimited-rate.ts';

const AS_OF = '2026-10-31';
const READS = [
  '/v1/offers',
  '/v1/offers/offer-a',
  '/v1/effects?groupBy=offer',
  '/v1/effects?groupBy=offer&format=csv',
];

let server: PrivatePostgres;
let proxy: FaultProxy;
let handle: DbHandle;
let app: FastifyInstance;
let dir: string;
const logs: string[] = [];

async function currentVersion(): Promise<number | null> {
  const client = new pg.Client({ connectionString: server.url() });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT version FROM data_versions WHERE status = 'current'`);
    return rows[0] ? Number(rows[0].version) : null;
  } finally {
    await client.end();
  }
}

async function snapshot(): Promise<string[]> {
  const bodies: string[] = [];
  for (const url of READS) {
    const response = await app.inject(url);
    expect(response.statusCode, `${url}: ${response.body.slice(0, 300)}`).toBe(200);
    bodies.push(response.body);
  }
  return bodies;
}

/** Asks /ready until it gives `status`, at most `tries` times (the pool reconnects lazily). */
async function readyBecomes(status: number, tries = 50): Promise<number> {
  let last = 0;
  for (let i = 0; i < tries; i++) {
    last = (await app.inject('/ready')).statusCode;
    if (last === status) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return last;
}

beforeAll(async () => {
  server = await startPrivatePostgres();
  proxy = await startFaultProxy({ host: '127.0.0.1', port: server.port });
  handle = await createDb({ databaseUrl: proxy.rewrite(server.url()), maxConnections: 4 });
  await migrateToLatest(handle.db);
  dir = await mkdtemp(join(tmpdir(), 'evg-outage-'));
  await writeWorld(dir, {
    cells: [
      { offerId: 'offer-a', targetGroup: 'jobparat', enrollments: 40 },
      { offerId: 'offer-a', targetGroup: 'aktivitetsparat', enrollments: 3 },
      { offerId: 'offer-b', targetGroup: 'jobparat', enrollments: 12 },
    ],
    bulkPersons: 6_000,
    periodsPerBulkPerson: 3,
  });
  await importDataDir(handle.db, dir, { source: 'test' });
  await refreshEffects(handle.db, { disclosureKey: TEST_DISCLOSURE_KEY, asOf: AS_OF });
  app = await buildApp({
    config: { ...loadConfig(UNLIMITED_RATE_ENV), refreshPollMs: 200 },
    db: handle.db,
    logger: { level: 'info', stream: { write: (line: string) => void logs.push(line) } },
    refreshEffects: (db) => refreshEffects(db, { disclosureKey: TEST_DISCLOSURE_KEY, asOf: AS_OF }),
  });
});

afterAll(async () => {
  await app?.close();
  await handle?.close();
  await proxy?.close();
  await server?.destroy();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the service while its database is gone', () => {
  it('keeps serving the last effect tables, says not ready, and recovers by itself', async () => {
    expect(await readyBecomes(200)).toBe(200);
    const before = await snapshot();

    proxy.setMode('refuse');
    proxy.cutAll();
    const notReady = await app.inject('/ready');
    expect(notReady.statusCode).toBe(503);
    expect(notReady.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await snapshot()).toEqual(before);

    // The server itself crashes and comes back while the service keeps running.
    await server.kill();
    await server.start();
    expect((await app.inject('/ready')).statusCode).toBe(503);
    proxy.resume();
    expect(await readyBecomes(200)).toBe(200);
    expect(await snapshot()).toEqual(before);
  });

  it('says not ready, instead of hanging, when the database silently drops every packet', async () => {
    expect(await readyBecomes(200)).toBe(200);
    const before = await snapshot();
    proxy.setMode('blackhole');
    proxy.cutAll();
    // Every pooled connection is gone, so the probe must open a new one into the void.
    const notReady = await app.inject('/ready');
    expect(notReady.statusCode).toBe(503);
    expect(notReady.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await snapshot()).toEqual(before);
    proxy.resume();
    expect(await readyBecomes(200)).toBe(200);
  });

  it('a refresh struck mid-way by a crash leaves the previous data version served and current', async () => {
    const version = await currentVersion();
    const before = await snapshot();
    // Publish-or-nothing: the refresh reads persons (down) and writes cells (up); strike while
    // it streams persons.
    const down = proxy.stats().down;
    const refresh = refreshEffects(handle.db, {
      disclosureKey: TEST_DISCLOSURE_KEY,
      asOf: AS_OF,
      chunkSize: 200,
    }).then(
      () => 'finished',
      () => 'failed',
    );
    await proxy.whenForwarded(200_000, 'down');
    // Not another byte until the server is dead, or a quick refresh could finish in between.
    proxy.freeze();
    expect(proxy.stats().down - down).toBeGreaterThanOrEqual(200_000);
    await server.kill();
    // The crash took the server's end of every connection with it.
    proxy.cutAll();
    expect(await refresh).toBe('failed');
    expect(await snapshot()).toEqual(before);

    await server.start();
    expect(await currentVersion()).toBe(version);
    expect(await readyBecomes(200)).toBe(200);
    expect(await snapshot()).toEqual(before);

    // And the next refresh simply works: it finds the same numbers, so the version stays.
    const result = await refreshEffects(handle.db, { disclosureKey: TEST_DISCLOSURE_KEY, asOf: AS_OF });
    expect(result).toMatchObject({ changed: false, dataVersion: version });
    expect(await currentVersion()).toBe(version);
    expect(await snapshot()).toEqual(before);
  });

  it('a refresh struck mid-way by cut connections leaves the previous version too', async () => {
    const version = await currentVersion();
    const refresh = refreshEffects(handle.db, {
      disclosureKey: TEST_DISCLOSURE_KEY,
      asOf: AS_OF,
      chunkSize: 200,
    }).then(
      () => 'finished',
      () => 'failed',
    );
    await proxy.whenForwarded(200_000, 'down');
    proxy.cutAll();
    expect(await refresh).toBe('failed');
    expect(await currentVersion()).toBe(version);
    // The refresh_runs row of the failed run is not left "running" forever once the database
    // answers again: the next refresh takes the lock and succeeds.
    const result = await refreshEffects(handle.db, { disclosureKey: TEST_DISCLOSURE_KEY, asOf: AS_OF });
    expect(await currentVersion()).toBe(result.dataVersion);
  });

  it('logged the outage without any person id', () => {
    const text = logs.join('\n');
    expect(text).not.toMatch(/w-p\d{6}|w-bulk\d+/);
    // Not inside a decimal number (a responseTime can have ten digits after the point).
    expect(text).not.toMatch(/(?<![\w.])\d{6}-?\d{4}(?![\w.])/);
  });
});
