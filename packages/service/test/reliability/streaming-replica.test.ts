// Scaling out (README "Scaling out"): two `evg start` instances behind a load balancer read
// from a PostgreSQL streaming replica (DATABASE_READ_URL) while imports and refreshes run on the
// primary (DATABASE_URL). After an import on the primary both serve the new data version once
// the replica has replayed it and their next poll comes; no response ever mixes two versions,
// and no instance goes back to an older one. Own primary and replica on spare ports, as the
// other fault tests do; no timing is asserted, only what is served.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { startService } from '../../src/cli/start-service.ts';
import { loadConfig } from '../../src/config.ts';
import { createDb, type DbHandle } from '../../src/db/create-db.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { importDataDir } from '../../src/imports/index.ts';
import { refreshEffects } from '../../src/refresh/index.ts';
import { createApiKey } from '../../src/repositories/api-keys.ts';
import type { RunningServer } from '../../src/server.ts';
import { memoryIo } from '../cli/memory-io.ts';
import { TEST_DISCLOSURE_KEY } from '../support/disclosure-key.ts';
import { startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres.ts';
import { writeWorld } from '../support/reliability-world.ts';
import { UNLIMITED_RATE_ENV } from '../support/unlimited-rate.ts';

const AS_OF = '2026-10-31';
const POLL_MS = 200;
/** Generous: the machine is shared; the instances need one poll after the replica replays. */
const CONVERGE_MS = 90_000;
const READS = [
  '/v1/offers',
  '/v1/offers/offer-a',
  '/v1/effects?groupBy=offer',
  '/v1/effects?groupBy=offer&format=csv',
  '/v1/providers',
];

let primary: PrivatePostgres;
let replica: PrivatePostgres;
/** What `evg import` and `evg refresh` would open: the primary. */
let writer: DbHandle;
/** The API on the primary alone, reloaded by hand: what each data version must answer. */
let reference: FastifyInstance;
const instances: RunningServer[] = [];
const dirs: string[] = [];
const expected = new Map<number, string[]>();
let adminKey: string;

const refresh = (db: DbHandle) => refreshEffects(db.db, { disclosureKey: TEST_DISCLOSURE_KEY, asOf: AS_OF });

async function query<T>(server: PrivatePostgres, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: server.url() });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

const currentVersionOn = async (server: PrivatePostgres): Promise<number | null> => {
  const rows = await query<{ version: string }>(
    server,
    `SELECT version FROM data_versions WHERE status = 'current'`,
  ).catch(() => []);
  return rows[0] ? Number(rows[0].version) : null;
};

/**
 * The data version a response says it is of: the ETag `"v<id>-<variant>"` of the effect tables
 * (CSV too), or `dataVersion` in a JSON body (0 for null: before the first refresh).
 */
function versionOf(etag: string | null | undefined, body: string): number {
  const match = /^(?:W\/)?"v(\d+)-/.exec(etag ?? '');
  if (match) return Number(match[1]);
  const version = (JSON.parse(body) as { dataVersion?: unknown }).dataVersion;
  if (version === null) return 0;
  if (typeof version !== 'number') throw new Error(`no data version in ${body.slice(0, 200)}`);
  return version;
}

/** The reference answers for the primary's current version, by version. */
async function recordExpected(): Promise<number> {
  await reference.readModel.reload();
  const bodies: string[] = [];
  let version: number | undefined;
  for (const url of READS) {
    const response = await reference.inject(url);
    expect(response.statusCode, `${url}: ${response.body.slice(0, 300)}`).toBe(200);
    const of = versionOf(response.headers.etag as string | undefined, response.body);
    expect(version ?? of).toBe(of);
    version = of;
    bodies.push(response.body);
  }
  expected.set(version!, bodies);
  return version!;
}

interface Observation {
  instance: number;
  url: string;
  version: number;
  body: string;
}

/** One read of every URL from one instance, as a client behind the load balancer gets it. */
async function readAll(instance: number): Promise<Observation[]> {
  const observations: Observation[] = [];
  for (const url of READS) {
    const response = await fetch(`${instances[instance]!.url}${url}`);
    const body = await response.text();
    expect(response.status, `${url}: ${body.slice(0, 300)}`).toBe(200);
    observations.push({ instance, url, version: versionOf(response.headers.get('etag'), body), body });
  }
  return observations;
}

/** Readers that keep reading from both instances until stopped, keeping every answer. */
function startReaders() {
  const seen: Observation[] = [];
  let stopped = false;
  const loops = [0, 1].map(async (instance) => {
    while (!stopped) {
      seen.push(...(await readAll(instance)));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
  return {
    seen,
    async stop() {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

/** Every answer is the reference answer of the version it claims; versions never go back. */
function expectConsistent(seen: Observation[]) {
  const last = new Map<string, number>();
  for (const observation of seen) {
    const bodies = expected.get(observation.version);
    expect(
      bodies,
      `instance ${observation.instance} served unknown version ${observation.version}`,
    ).toBeDefined();
    expect(observation.body, `${observation.url} of version ${observation.version}`).toBe(
      bodies![READS.indexOf(observation.url)],
    );
    const key = `${observation.instance} ${observation.url}`;
    expect(observation.version).toBeGreaterThanOrEqual(last.get(key) ?? 0);
    last.set(key, observation.version);
  }
}

async function servedVersions(): Promise<number[]> {
  return Promise.all([0, 1].map(async (instance) => (await readAll(instance)).map((o) => o.version))).then(
    (all) => all.map((versions) => Math.min(...versions)),
  );
}

beforeAll(async () => {
  primary = await startPrivatePostgres();
  // The replica is made from the empty primary: schema and data reach it by streaming alone.
  replica = await startPrivatePostgres({ replicaOf: primary });
  writer = await createDb({ databaseUrl: primary.url(), maxConnections: 4 });
  await migrateToLatest(writer.db);

  const first = await mkdtemp(join(tmpdir(), 'evg-replica-'));
  dirs.push(first);
  await writeWorld(first, {
    cells: [
      { offerId: 'offer-a', targetGroup: 'jobparat', enrollments: 30 },
      { offerId: 'offer-b', targetGroup: 'jobparat', enrollments: 12 },
    ],
  });
  await importDataDir(writer.db, first, { source: 'test' });
  await refresh(writer);
  adminKey = (await createApiKey(writer.db, { name: 'replica test', role: 'admin' })).secret;

  reference = await buildApp({
    config: { ...loadConfig({ ...UNLIMITED_RATE_ENV }), refreshPollMs: 0 },
    db: writer.db,
    refreshEffects: () => refresh(writer),
  });
  await recordExpected();

  for (let i = 0; i < 2; i++) {
    const dataDir = await mkdtemp(join(tmpdir(), 'evg-replica-instance-'));
    dirs.push(dataDir);
    const config = loadConfig({
      ...UNLIMITED_RATE_ENV,
      DATABASE_URL: primary.url(),
      DATABASE_READ_URL: replica.url(),
      PORT: '0',
      EVG_DATA_DIR: dataDir,
      EVG_DISCLOSURE_KEY: TEST_DISCLOSURE_KEY,
      EVG_AS_OF: AS_OF,
      EVG_REFRESH_POLL_MS: String(POLL_MS),
    });
    instances.push(await startService({ ...config, logLevel: 'silent' }, memoryIo()));
  }
}, 180_000);

afterAll(async () => {
  for (const instance of instances) await instance.stop();
  await reference?.close();
  await writer?.close();
  await replica?.destroy();
  await primary?.destroy();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('two instances reading from a streaming replica', () => {
  it('serve the primary’s new data version after an import, never a mix of two', async () => {
    const before = await currentVersionOn(primary);
    await expect.poll(servedVersions, { timeout: CONVERGE_MS, interval: 100 }).toEqual([before, before]);

    const readers = startReaders();
    try {
      // Replay held: the primary moves on, the replica (and so both instances) cannot.
      await query(replica, 'SELECT pg_wal_replay_pause()');
      const next = await mkdtemp(join(tmpdir(), 'evg-replica-'));
      dirs.push(next);
      await writeWorld(next, {
        cells: [
          { offerId: 'offer-a', targetGroup: 'aktivitetsparat', enrollments: 25 },
          { offerId: 'offer-c', targetGroup: 'jobparat', enrollments: 18 },
        ],
        prefix: 'x',
      });
      await importDataDir(writer.db, next, { source: 'test' });
      await refresh(writer);
      const after = await recordExpected();
      expect(after).toBeGreaterThan(before!);
      expect(expected.get(after)).not.toEqual(expected.get(before!));

      // Several polls later, both still serve what the replica has: they read from it.
      await new Promise((resolve) => setTimeout(resolve, 5 * POLL_MS));
      expect(await currentVersionOn(replica)).toBe(before);
      expect(await servedVersions()).toEqual([before, before]);

      await query(replica, 'SELECT pg_wal_replay_resume()');
      await expect.poll(() => currentVersionOn(replica), { timeout: CONVERGE_MS }).toBe(after);
      await expect.poll(servedVersions, { timeout: CONVERGE_MS, interval: 100 }).toEqual([after, after]);
    } finally {
      await query(replica, 'SELECT pg_wal_replay_resume()').catch(() => undefined);
      await readers.stop();
    }
    expectConsistent(readers.seen);
    const versions = new Set(readers.seen.map((o) => o.version));
    expect(versions.size).toBeGreaterThanOrEqual(2);
  }, 240_000);

  it('refreshes on the primary when asked through an instance, which serves it at once', async () => {
    const before = (await servedVersions())[0]!;
    // New person records, imported without a refresh: figures for the refresh to publish (one
    // that finds the current figures publishes nothing). No catalogue file: the offers and
    // code lists stay as served, so every answer of the current version stays what it was.
    const next = await mkdtemp(join(tmpdir(), 'evg-replica-'));
    dirs.push(next);
    await writeWorld(next, {
      cells: [{ offerId: 'offer-b', targetGroup: 'aktivitetsparat', enrollments: 21 }],
      prefix: 'y',
    });
    for (const name of ['benefit_types', 'target_groups', 'industries', 'providers', 'offers'])
      await rm(join(next, `${name}.csv`));
    await importDataDir(writer.db, next, { source: 'test' });
    const readers = startReaders();
    try {
      await query(replica, 'SELECT pg_wal_replay_pause()');
      const started = await fetch(`${instances[0]!.url}/v1/refresh`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminKey}` },
      });
      expect(started.status).toBe(202);
      // The refresh ran on the primary; the instance that ran it rebuilt from there, without
      // waiting for the (paused) replica. The other follows the replica.
      await expect.poll(() => currentVersionOn(primary), { timeout: CONVERGE_MS }).toBeGreaterThan(before);
      const after = await recordExpected();
      await expect
        .poll(async () => (await readAll(0)).map((o) => o.version), { timeout: CONVERGE_MS, interval: 100 })
        .toEqual(READS.map(() => after));
      expect(await currentVersionOn(replica)).toBe(before);

      await query(replica, 'SELECT pg_wal_replay_resume()');
      await expect.poll(servedVersions, { timeout: CONVERGE_MS, interval: 100 }).toEqual([after, after]);
    } finally {
      await query(replica, 'SELECT pg_wal_replay_resume()').catch(() => undefined);
      await readers.stop();
    }
    expectConsistent(readers.seen);
  }, 240_000);

  it('shows an admin edit made through one instance on the other too', async () => {
    const providerIds = async (instance: number) => {
      const response = await fetch(`${instances[instance]!.url}/v1/providers/prov-9`);
      return response.status;
    };
    expect(await providerIds(1)).toBe(404);
    const put = await fetch(`${instances[0]!.url}/v1/admin/providers/prov-9`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Ny aktør', kind: 'other_actor' }),
    });
    expect(put.status).toBe(201);
    // The instance that wrote it serves it at once; the other once the replica has it (the
    // catalogue changed, the data version did not).
    expect(await providerIds(0)).toBe(200);
    await expect.poll(() => providerIds(1), { timeout: CONVERGE_MS, interval: 100 }).toBe(200);
  }, 240_000);
});
