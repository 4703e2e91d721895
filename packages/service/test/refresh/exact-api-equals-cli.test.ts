// Issue 9, "done when": data imported into PostgreSQL with its declared cut-off and refreshed
// give, through the API, exactly what `evg effects` gives on the same files: exact figures for
// an analyst (audited), and the same published figures for everyone else.
import { MAX_PERTURBATION } from '@evg/effects';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { runCli } from '../../src/cli/run-cli.ts';
import { loadConfig } from '../../src/config.ts';
import { refreshEffects } from '../../src/refresh/refresh-effects.ts';
import { createApiKey } from '../../src/repositories/api-keys.ts';
import { memoryIo } from '../cli/memory-io.ts';
import { TEST_DISCLOSURE_KEY } from '../support/disclosure-key.ts';
import { shuffleRows, SYNTH_AS_OF, writeSynthDir } from '../support/synth-dir.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { UNLIMITED_RATE_ENV } from '../support/unlimited-rate.ts';

type Row = Record<string, unknown> & { offerId: string };
type Figure = { n: number | null; x: number | null; suppressed: boolean; pending?: number | null };

let t: TestDatabase;
let synth: Awaited<ReturnType<typeof writeSynthDir>>;
let app: FastifyInstance;
const keys: Record<string, string> = {};

async function evg(...argv: string[]): Promise<string> {
  const io = memoryIo();
  io.env = { ...io.env, DATABASE_URL: t.connectionString };
  const code = await runCli(argv, io);
  expect(code, io.err()).toBe(0);
  return io.out();
}

beforeAll(async () => {
  t = await createTestDatabase();
  synth = await writeSynthDir(2500, 3);
  await shuffleRows(synth.dir, 5);
  // As a user would: import with the extract's cut-off, then a separate refresh.
  await evg('import', '--data', synth.dir, '--as-of', SYNTH_AS_OF, '--no-refresh');
  await evg('refresh');
  app = await buildApp({
    config: { ...loadConfig(UNLIMITED_RATE_ENV), refreshPollMs: 0 },
    db: t.db,
    refreshEffects: (db) => refreshEffects(db, { disclosureKey: TEST_DISCLOSURE_KEY }),
  });
  for (const role of ['analyst', 'caseworker', 'admin'] as const) {
    keys[role] = (await createApiKey(t.db, { name: `e2e ${role}`, role })).secret;
  }
}, 300_000);

afterAll(async () => {
  await app?.close();
  await t?.close();
  await synth?.remove();
});

const get = (url: string, key?: string) =>
  app.inject({ url, headers: key ? { authorization: `Bearer ${key}` } : {} });

/**
 * Counts and flags equal; other numbers equal up to rounding (the case-mix sums over strata
 * run in another order from stored fine cells than in one pass over the files).
 */
function expectSameFigures(actual: unknown, expected: unknown, path: string): void {
  if (typeof actual === 'number' && typeof expected === 'number') {
    if (Number.isInteger(expected)) expect(actual, path).toBe(expected);
    else
      expect(Math.abs(actual - expected), path).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
    return;
  }
  if (actual === null || expected === null || typeof actual !== 'object' || typeof expected !== 'object') {
    expect(actual, path).toEqual(expected);
    return;
  }
  expect(Object.keys(actual).sort(), path).toEqual(Object.keys(expected).sort());
  for (const [key, value] of Object.entries(actual))
    expectSameFigures(value, (expected as Record<string, unknown>)[key], `${path}.${key}`);
}

function figuresOf(row: Row): [string, Figure][] {
  return Object.entries(row).filter(
    (entry): entry is [string, Figure] =>
      typeof entry[1] === 'object' && entry[1] !== null && 'suppressed' in entry[1] && 'x' in entry[1],
  );
}

describe('exact figures: API for an analyst = evg effects --exact', () => {
  it('gives the same table, and records the read', async () => {
    const response = await get('/v1/effects?groupBy=offer&exact=true', keys.analyst);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['evg-as-of']).toBe(SYNTH_AS_OF);
    expect(response.headers['evg-max-perturbation']).toBe('0');
    expect(response.headers['cache-control']).toContain('no-store');
    const cli = JSON.parse(
      await evg('effects', '--data', synth.dir, '--as-of', SYNTH_AS_OF, '--group-by', 'offer', '--exact'),
    ) as Row[];
    const api = response.json<Row[]>();
    expect(api.map((row) => row.offerId)).toEqual(cli.map((row) => row.offerId));
    for (const [i, row] of api.entries()) expectSameFigures(row, cli[i], row.offerId);
    const audit = await get('/v1/admin/exact-reads', keys.admin);
    expect(audit.json<{ keyName: string; path: string }[]>()[0]).toMatchObject({
      keyName: 'e2e analyst',
      path: '/v1/effects',
    });
  });

  it('is refused without a key (401) and to other roles (403)', async () => {
    expect((await get('/v1/effects?groupBy=offer&exact=true')).statusCode).toBe(401);
    expect((await get('/v1/effects?groupBy=offer&exact=true', keys.caseworker)).statusCode).toBe(403);
  });
});

describe('published figures', () => {
  it('are what evg effects publishes with the same secret, within 2 of the exact ones, hidden only below 5', async () => {
    const published = (await get('/v1/effects?groupBy=offer')).json<Row[]>();
    expect((await get('/v1/effects?groupBy=offer')).headers['evg-max-perturbation']).toBe(
      String(MAX_PERTURBATION),
    );
    const cli = JSON.parse(
      await evg('effects', '--data', synth.dir, '--as-of', SYNTH_AS_OF, '--group-by', 'offer'),
    ) as Row[];
    for (const [i, row] of published.entries()) expectSameFigures(row, cli[i], row.offerId);
    const exact = (await get('/v1/effects?groupBy=offer&exact=true', keys.analyst)).json<Row[]>();
    let shown = 0;
    for (const [i, row] of published.entries()) {
      const truth = exact[i]!;
      expect(row.offerId).toBe(truth.offerId);
      for (const [key, figure] of figuresOf(row)) {
        const exactFigure = truth[key] as Figure;
        expect(figure.suppressed, `${row.offerId} ${key}`).toBe((exactFigure.n ?? 0) < 5);
        if (figure.suppressed) continue;
        shown++;
        expect(Math.abs(figure.n! - exactFigure.n!)).toBeLessThanOrEqual(MAX_PERTURBATION);
        expect(Math.abs(figure.x! - exactFigure.x!)).toBeLessThanOrEqual(MAX_PERTURBATION);
      }
    }
    expect(shown).toBeGreaterThan(50);
  });

  it('the same query twice, and the same cells through search and CSV, give identical figures', async () => {
    const first = (await get('/v1/effects?groupBy=offer')).body;
    expect((await get('/v1/effects?groupBy=offer')).body).toBe(first);
    const rows = JSON.parse(first) as Row[];
    const search = (await get('/v1/offers?limit=100')).json<{
      items: { offer: { offerId: string }; effects: Row }[];
    }>();
    for (const item of search.items) {
      const row = rows.find((candidate) => candidate.offerId === item.offer.offerId);
      if (row) expect(item.effects.effect3m).toEqual(row.effect3m);
    }
  });
});
