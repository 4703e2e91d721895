/**
 * The service on its embedded default (PGlite, no DATABASE_URL) under concurrent imports,
 * refreshes and keyed reads: every answer is checked — status, body, and what was stored —
 * not only the absence of 5xx. Before the session server (db/pglite-session-server.ts) this
 * mix answered valid keys with 401, imports with 500 (`portal "" does not exist`) and failed
 * refreshes; and one slow upload held the only session, so `/ready` answered 503.
 */
import { request as httpRequest } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createDb, type DbHandle } from '../../src/db/create-db.ts';
import type { ApiKeyRole } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { importDataDir } from '../../src/imports/index.ts';
import { refreshEffects } from '../../src/refresh/index.ts';
import { createApiKey } from '../../src/repositories/api-keys.ts';
import { SYNTH_AS_OF, writeSynthDir } from '../support/synth-dir.ts';
import { UNLIMITED_RATE_ENV } from '../support/unlimited-rate.ts';

let dir: string;
let handle: DbHandle;
let app: FastifyInstance;
const errorLogs: string[] = [];
const keys = {} as Record<ApiKeyRole, string>;
/** This test's disclosure secret (the cell key method needs one per installation). */
const disclosureKey = 'embedded-concurrency-test';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'evg-embedded-load-'));
  // The production default: embedded, the default pool size.
  handle = await createDb({ dataDir: join(dir, 'data') });
  await migrateToLatest(handle.db);
  const synth = await writeSynthDir(300);
  try {
    await importDataDir(handle.db, synth.dir, { source: 'test' });
  } finally {
    await synth.remove();
  }
  await refreshEffects(handle.db, { asOf: SYNTH_AS_OF, disclosureKey });
  app = await buildApp({
    config: { ...loadConfig(UNLIMITED_RATE_ENV), refreshPollMs: 0 },
    db: handle.db,
    logger: { level: 'error', stream: { write: (line: string) => void errorLogs.push(line) } },
    refreshEffects: (db) => refreshEffects(db, { asOf: SYNTH_AS_OF, disclosureKey }),
  });
  for (const role of ['caseworker', 'bi', 'ingest', 'admin'] as const) {
    keys[role] = (await createApiKey(handle.db, { name: `load ${role}`, role })).secret;
  }
}, 240_000);

afterAll(async () => {
  await app?.close();
  await handle?.close();
  await rm(dir, { recursive: true, force: true });
});

const bearer = (role: ApiKeyRole) => ({ authorization: `Bearer ${keys[role]}` });

let serial = 0;
function personsCsv(count: number, defectAt?: number): { ids: string[]; csv: string } {
  serial++;
  const ids = Array.from({ length: count }, (_, i) => `load-${serial}-${i}`);
  const lines = ids.map((id, i) => `${id},${i === defectAt ? '1990-02-30' : '1990-05-17'}`);
  return { ids, csv: `person_id,birth_date\n${lines.join('\n')}\n` };
}

function providersCsv(count: number): { ids: string[]; csv: string } {
  serial++;
  const ids = Array.from({ length: count }, (_, i) => `LP-${serial}-${i}`);
  return {
    ids,
    csv: `provider_id,name,kind\n${ids.map((id) => `${id},Leverandør ${id},external`).join('\n')}\n`,
  };
}

/** Runs the tasks with at most `parallel` in flight, in the order given. */
async function runAll(tasks: (() => Promise<void>)[], parallel: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < tasks.length) await tasks[next++]!();
    }),
  );
}

/** The fields of the answers this test looks at. */
interface Answer {
  rowsReceived?: number;
  rowsStored?: number;
  rowsChanged?: number;
  batchId?: number;
  kind?: string;
  outcome?: string;
  status?: string;
  running?: unknown;
  errors?: { name: string }[];
  items?: { offerId: string }[];
}

/** Collects what was wrong instead of throwing, so one run reports every wrong answer. */
function checker() {
  const wrong: string[] = [];
  return {
    wrong,
    check(label: string, response: LightMyRequestResponse, status: number, body?: (json: Answer) => boolean) {
      const ok = response.statusCode === status && (!body || body(response.json<Answer>()));
      if (!ok) wrong.push(`${label}: ${response.statusCode} ${response.body.slice(0, 300)}`);
    },
  };
}

describe('the embedded database under concurrent imports, refreshes and keyed reads', () => {
  it('answers hundreds of mixed requests, every one correctly, and stores exactly the valid batches', async () => {
    const baselineKeys = (await app.inject({ url: '/v1/admin/api-keys', headers: bearer('admin') })).json();
    const baselineOffers = await app.inject({ url: '/v1/offers', headers: bearer('caseworker') });
    const offerIds = (baselineOffers.json<Answer>().items ?? []).map((o) => o.offerId);
    expect(offerIds.length).toBeGreaterThan(0);

    const { wrong, check } = checker();
    const storedPersons: string[] = [];
    const storedProviders: string[] = [];
    const refusedPersons: string[] = [];
    const tasks: (() => Promise<void>)[] = [];

    const importThenRead = (kind: 'persons' | 'providers', ids: string[], csv: string) => async () => {
      const response = await app.inject({
        method: 'POST',
        url: `/v1/imports/${kind}`,
        headers: { ...bearer('ingest'), 'content-type': 'text/csv' },
        payload: csv,
      });
      const n = ids.length;
      check(
        `import ${kind}`,
        response,
        201,
        (j) => j.rowsReceived === n && j.rowsStored === n && j.rowsChanged === n,
      );
      if (response.statusCode !== 201) return;
      (kind === 'persons' ? storedPersons : storedProviders).push(...ids);
      const batch = await app.inject({
        url: `/v1/imports/batches/${response.json<Answer>().batchId}`,
        headers: bearer('ingest'),
      });
      check(
        `batch of ${kind}`,
        batch,
        200,
        (j) => j.kind === kind && j.outcome === 'ok' && j.rowsStored === n,
      );
    };
    const refusedImport = () => async () => {
      const { ids, csv } = personsCsv(10, 4);
      const response = await app.inject({
        method: 'POST',
        url: '/v1/imports/persons',
        headers: { ...bearer('ingest'), 'content-type': 'text/csv' },
        payload: csv,
      });
      check(
        'refused import',
        response,
        422,
        (j) => j.errors?.length === 1 && j.errors[0]?.name === 'line 6: birth_date',
      );
      refusedPersons.push(...ids);
    };

    for (let round = 0; round < 40; round++) {
      const persons = personsCsv(40);
      tasks.push(importThenRead('persons', persons.ids, persons.csv));
      if (round % 2 === 0) {
        const providers = providersCsv(15);
        tasks.push(importThenRead('providers', providers.ids, providers.csv));
      }
      if (round % 3 === 0) tasks.push(refusedImport());
      tasks.push(async () => {
        const response = await app.inject({ method: 'POST', url: '/v1/refresh', headers: bearer('ingest') });
        check(
          'start refresh',
          response,
          202,
          (j) => j.status === 'started' || j.status === 'already-running',
        );
      });
      tasks.push(async () => {
        const response = await app.inject({ url: '/v1/refresh', headers: bearer('ingest') });
        check('refresh status', response, 200, (j) => typeof j.running === 'boolean');
      });
      for (let read = 0; read < 3; read++) {
        tasks.push(async () => {
          const response = await app.inject({ url: '/v1/admin/api-keys', headers: bearer('admin') });
          check('admin key list', response, 200, (j) => JSON.stringify(j) === JSON.stringify(baselineKeys));
        });
        tasks.push(async () => {
          const response = await app.inject({ url: '/v1/offers', headers: bearer('caseworker') });
          check(
            'offers',
            response,
            200,
            (j) => JSON.stringify((j.items ?? []).map((o) => o.offerId)) === JSON.stringify(offerIds),
          );
        });
      }
      tasks.push(async () => {
        const response = await app.inject({ url: '/v1/admin/api-keys', headers: bearer('ingest') });
        check('key list with the ingest key', response, 403);
      });
      tasks.push(async () => {
        const response = await app.inject({
          url: '/v1/admin/api-keys',
          headers: { authorization: 'Bearer evg_wrong' },
        });
        check('key list with a wrong key', response, 401);
      });
    }
    expect(tasks.length).toBeGreaterThan(400);
    await runAll(tasks, 24);
    await app.refresher.idle();

    expect(wrong).toEqual([]);
    const persons = await handle.db
      .selectFrom('persons')
      .select('person_id')
      .where('person_id', 'like', 'load-%')
      .execute();
    expect(persons.map((p) => p.person_id).sort()).toEqual([...storedPersons].sort());
    expect(refusedPersons.filter((id) => storedPersons.includes(id))).toEqual([]);
    const providers = await handle.db
      .selectFrom('providers')
      .select('provider_id')
      .where('provider_id', 'like', 'LP-%')
      .execute();
    expect(providers.map((p) => p.provider_id).sort()).toEqual([...storedProviders].sort());
    const failedRefreshes = await handle.db
      .selectFrom('refresh_runs')
      .select(['status', 'error'])
      .where('status', '=', 'failed')
      .execute();
    expect(failedRefreshes).toEqual([]);
    expect(errorLogs).toEqual([]);
  }, 600_000);

  it('keeps serving while a slow client uploads an import', async () => {
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const { ids, csv } = personsCsv(2_000);
    const half = csv.indexOf('\n', csv.length / 2) + 1;
    let sendRest!: () => void;
    const restSent = new Promise<void>((resolve) => (sendRest = resolve));
    const upload = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${url}/v1/imports/persons`, {
        method: 'POST',
        headers: { ...bearer('ingest'), 'content-type': 'text/csv' },
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.write(csv.slice(0, half));
      // The rest arrives once the other requests below have been answered.
      void restSent.then(() => req.end(csv.slice(half)));
    });
    // Give the server the first half (the old importer opened its transaction on it).
    await new Promise((resolve) => setTimeout(resolve, 500));
    const others = (async () => {
      const ready = await fetch(`${url}/ready`);
      const keysList = await fetch(`${url}/v1/admin/api-keys`, { headers: bearer('admin') });
      const { csv: otherCsv } = personsCsv(20);
      const otherImport = await fetch(`${url}/v1/imports/persons`, {
        method: 'POST',
        headers: { ...bearer('ingest'), 'content-type': 'text/csv' },
        body: otherCsv,
      });
      return {
        ready: ready.status,
        keys: keysList.status,
        import: otherImport.status,
        stored: ((await otherImport.json()) as { rowsStored?: number }).rowsStored,
      };
    })().finally(sendRest);
    expect(await others).toEqual({ ready: 200, keys: 200, import: 201, stored: 20 });
    const done = await upload;
    expect(done.status).toBe(201);
    expect(JSON.parse(done.body)).toMatchObject({ rowsReceived: ids.length, rowsStored: ids.length });
    expect(errorLogs).toEqual([]);
  }, 120_000);
});
