// The bonus statement over the API: worked cases imported and refreshed, exact counts, roles
// admin and analyst only, every read audited, CSV through the one CSV writer.
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { runCli } from '../../src/cli/run-cli.ts';
import { loadConfig } from '../../src/config.ts';
import { importDataDir } from '../../src/imports/import-data-dir.ts';
import { refreshEffects } from '../../src/refresh/refresh-effects.ts';
import { createApiKey } from '../../src/repositories/api-keys.ts';
import { catalogRevision } from '../../src/repositories/catalog-revision.ts';
import { TEST_DISCLOSURE_KEY } from '../support/disclosure-key.ts';
import { writeDataDir } from '../support/contract-files.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { UNLIMITED_RATE_ENV } from '../support/unlimited-rate.ts';

const AS_OF = '2026-10-31';

// B1 (OF1) ended 2026-06-20: window 2026-06-21 … 2026-09-20 completes after 2026H1 ends → success in H1.
// B2 (OF1) ended 2026-06-30, back on kontanthjælp in its window → eligible, no success.
// B3 (OF1) ended 2026-09-15: its window ends 2026-12-15 > asOf → pending, and in 2026H2, not H1.
// B4 moved from OF1 (ended 2026-02-15) to OF2 (2026-02-16 … 2026-03-31), kontanthjælp until
// 2026-03-31: OF1's window has supported days → no success; OF2's window 2026-04-01 … 06-30 → success.
const FILES = {
  'benefit_types.csv': 'code,public_support,name\nkontanthjaelp,true,Kontanthjælp\n',
  'target_groups.csv': 'code,name\njobparat,Jobparat\n',
  'industries.csv': 'code,name\n',
  'providers.csv':
    'provider_id,name,kind,framework_agreement\nPR1,Udbyder A,external,\nPR2,Udbyder B,external,\n',
  'offers.csv':
    'offer_id,provider_id,name,package,target_groups,price_dkk,result_bonus_dkk\n' +
    'OF1,PR1,Jobklar,jobpakke,jobparat,30000,5000\n' +
    'OF2,PR2,Mentor,mentorpakke,jobparat,20000,4000\n' +
    'OF3,PR2,Uden bonus,jobpakke,jobparat,10000,\n',
  'persons.csv': 'person_id,birth_date\nQ1,1990-01-01\nQ2,1990-01-01\nQ3,1990-01-01\nQ4,1990-01-01\n',
  'benefit_periods.csv':
    'person_id,benefit_type,start_date,end_date\n' +
    'Q1,kontanthjaelp,2025-09-01,2026-06-20\n' +
    'Q2,kontanthjaelp,2025-09-01,2026-06-30\nQ2,kontanthjaelp,2026-08-01,2026-08-10\n' +
    'Q3,kontanthjaelp,2025-09-01,2026-09-15\n' +
    'Q4,kontanthjaelp,2025-06-01,2026-03-31\n',
  'enrollments.csv':
    'enrollment_id,person_id,offer_id,target_group,start_date,end_date,end_reason\n' +
    'B1,Q1,OF1,jobparat,2026-03-01,2026-06-20,\n' +
    'B2,Q2,OF1,jobparat,2026-03-01,2026-06-30,\n' +
    'B3,Q3,OF1,jobparat,2026-05-01,2026-09-15,\n' +
    'B4a,Q4,OF1,jobparat,2026-01-05,2026-02-15,moved\n' +
    'B4b,Q4,OF2,jobparat,2026-02-16,2026-03-31,\n' +
    'B5,Q1,OF3,jobparat,2026-01-02,2026-01-31,\n',
};

let t: TestDatabase;
let app: FastifyInstance;
let data: { dir: string; remove: () => Promise<void> };
const keys: Record<'admin' | 'analyst' | 'ingest', string> = { admin: '', analyst: '', ingest: '' };
const as = (role: keyof typeof keys) => ({ authorization: `Bearer ${keys[role]}` });

beforeAll(async () => {
  t = await createTestDatabase();
  data = await writeDataDir(FILES);
  await importDataDir(t.db, data.dir, { source: 'test', asOf: AS_OF });
  await refreshEffects(t.db, { disclosureKey: TEST_DISCLOSURE_KEY });
  app = await buildApp({
    config: { ...loadConfig(UNLIMITED_RATE_ENV), refreshPollMs: 0 },
    db: t.db,
    refreshEffects: async () => {
      await refreshEffects(t.db, { disclosureKey: TEST_DISCLOSURE_KEY });
    },
  });
  for (const role of ['admin', 'analyst', 'ingest'] as const)
    keys[role] = (await createApiKey(t.db, { name: role, role })).secret;
});
afterAll(async () => {
  await app?.close();
  await t?.close();
  await data?.remove();
});

interface Line {
  offerId: string;
  eligible: number;
  successful: number;
  pending: number;
  bonusPayableDkk: number;
  pricePlusBonusPerOutcomeDkk: number | null;
  measureKey: string;
}
const lines = (body: { lines: Line[] }) => Object.fromEntries(body.lines.map((l) => [l.offerId, l]));

describe('GET /v1/bonus-statement', () => {
  it('gives exact counts by the effect tables attribution for 2026H1 and 2026H2', async () => {
    const h1 = await app.inject({ url: '/v1/bonus-statement?period=2026H1', headers: as('analyst') });
    expect(h1.statusCode, h1.body).toBe(200);
    expect(h1.headers['cache-control']).toBe('private, no-store');
    const body = h1.json<{ lines: Line[]; final: boolean; bonusPayableDkk: number; asOf: string }>();
    expect(body.asOf).toBe(AS_OF);
    // OF3 has no bonus; small counts (1, 2, 3) are shown exactly, never suppressed or perturbed.
    expect(Object.keys(lines(body))).toEqual(['OF1', 'OF2']);
    expect(lines(body).OF1).toMatchObject({ eligible: 3, successful: 1, pending: 0, bonusPayableDkk: 5000 });
    // (30 000 × 3 + 5 000) / 1
    expect(lines(body).OF1!.pricePlusBonusPerOutcomeDkk).toBe(95_000);
    expect(lines(body).OF2).toMatchObject({ eligible: 1, successful: 1, bonusPayableDkk: 4000 });
    expect(body.final).toBe(true);
    expect(body.bonusPayableDkk).toBe(9000);

    const h2 = (await app.inject({ url: '/v1/bonus-statement?period=2026H2', headers: as('admin') })).json<{
      lines: Line[];
      final: boolean;
    }>();
    expect(lines(h2).OF1).toMatchObject({ eligible: 0, successful: 0, pending: 1 });
    expect(h2.final).toBe(false);
  });

  it('is for roles admin and analyst only, and every read is recorded', async () => {
    expect((await app.inject('/v1/bonus-statement?period=2026H1')).statusCode).toBe(401);
    const ingest = await app.inject({ url: '/v1/bonus-statement?period=2026H1', headers: as('ingest') });
    expect(ingest.statusCode).toBe(403);
    expect(ingest.headers['content-type']).toContain('application/problem+json');
    const before = await t.db.selectFrom('exact_reads').select('path').execute();
    await app.inject({ url: '/v1/bonus-statement?period=2026Q2', headers: as('analyst') });
    const after = await t.db.selectFrom('exact_reads').select('path').execute();
    expect(after.length).toBe(before.length + 1);
    expect(after.map((r) => r.path)).toContain('/v1/bonus-statement');
  });

  it('answers a bad period with a problem naming the parameter', async () => {
    const bad = await app.inject({ url: '/v1/bonus-statement?period=2026H3', headers: as('admin') });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(bad.json())).toContain('period');
  });

  it('writes the CSV of the statement', async () => {
    const csv = await app.inject({
      url: '/v1/bonus-statement?period=2026H1&format=csv',
      headers: as('admin'),
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const [header, first] = csv.body.split('\r\n');
    expect(header).toBe(
      'providerId,providerName,offerId,offerName,measureKey,measureLabel,priceDkk,bonusPerOutcomeDkk,' +
        'eligible,successful,pending,bonusPayableDkk,pricePlusBonusPerOutcomeDkk',
    );
    expect(first).toBe('PR1,Udbyder A,OF1,Jobklar,effect3m,3 mdr. effekt,30000,5000,3,1,0,5000,95000');
  });

  it("uses an offer's own rule and refuses an unknown measure", async () => {
    const unknown = await app.inject({
      method: 'PUT',
      url: '/v1/admin/bonus-rules/OF1',
      headers: as('admin'),
      payload: { measureKey: 'effect99m' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].name).toBe('measureKey');
    const notAdmin = await app.inject({
      method: 'PUT',
      url: '/v1/admin/bonus-rules/OF1',
      headers: as('analyst'),
      payload: { measureKey: 'status1m' },
    });
    expect(notAdmin.statusCode).toBe(403);
    const revision = await catalogRevision(t.db);
    const set = await app.inject({
      method: 'PUT',
      url: '/v1/admin/bonus-rules/OF1',
      headers: as('admin'),
      payload: { measureKey: 'status1m' },
    });
    expect(set.statusCode, set.body).toBe(201);
    // A catalogue change, so every other instance reloads and names the new trigger too.
    expect(await catalogRevision(t.db)).toBeGreaterThan(revision);
    // status1m (month 0 after the end): B1 and B2 self-sufficient in their first month, B4a not.
    const h1 = (await app.inject({ url: '/v1/bonus-statement?period=2026H1', headers: as('admin') })).json<{
      lines: Line[];
    }>();
    expect(lines(h1).OF1).toMatchObject({ measureKey: 'status1m', eligible: 3, successful: 2 });
    // Readers of search, profile and comparison see the trigger at once; an offer without a
    // bonus has none.
    const bonusMeasures = async () => {
      const search = (await app.inject('/v1/offers?sort=name')).json<{
        items: { offer: { offerId: string; resultBonusMeasure: string | null } }[];
      }>();
      const profile = (await app.inject('/v1/offers/OF1')).json<{ offer: { resultBonusMeasure: string } }>();
      const compare = (await app.inject('/v1/compare?ids=OF1,OF3')).json<{
        offers: { offer: { resultBonusMeasure: string | null } }[];
      }>();
      return {
        search: Object.fromEntries(search.items.map((i) => [i.offer.offerId, i.offer.resultBonusMeasure])),
        profile: profile.offer.resultBonusMeasure,
        compare: compare.offers.map((o) => o.offer.resultBonusMeasure),
      };
    };
    expect(await bonusMeasures()).toEqual({
      search: { OF1: 'status1m', OF2: 'effect3m', OF3: null },
      profile: 'status1m',
      compare: ['status1m', null],
    });
    expect(
      (await app.inject({ method: 'DELETE', url: '/v1/admin/bonus-rules/OF1', headers: as('admin') }))
        .statusCode,
    ).toBe(204);
    const back = (await app.inject({ url: '/v1/bonus-statement?period=2026H1', headers: as('admin') })).json<{
      lines: Line[];
    }>();
    expect(lines(back).OF1!.measureKey).toBe('effect3m');
    expect((await bonusMeasures()).profile).toBe('effect3m');
  });
});

async function evg(...argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: '', err: '' };
  stdout.on('data', (chunk) => (chunks.out += String(chunk)));
  stderr.on('data', (chunk) => (chunks.err += String(chunk)));
  const code = await runCli(argv, { stdout, stderr, env: { DATABASE_URL: t.connectionString } });
  return { code, ...chunks };
}

describe('evg bonus', () => {
  it('prints the same statement as the API, as JSON and as CSV', async () => {
    const api = (await app.inject({ url: '/v1/bonus-statement?period=2026H1', headers: as('admin') })).json();
    const json = await evg('bonus', '--period', '2026H1');
    expect(json.code, json.err).toBe(0);
    expect(JSON.parse(json.out)).toEqual(api);
    const csv = await evg('bonus', '--period', '2026H1', '--csv-dialect', 'excel-da');
    expect(csv.code).toBe(0);
    expect(csv.out.startsWith('\uFEFFproviderId;providerName;offerId')).toBe(true);
    expect(csv.out).toContain('PR2;Udbyder B;OF2;Mentor;effect3m;3 mdr. effekt;20000;4000;1;1;0;4000;24000');
  });

  it('refuses a bad period or format with exit code 2', async () => {
    expect(await evg('bonus')).toMatchObject({ code: 2 });
    expect((await evg('bonus', '--period', '2026H3')).code).toBe(2);
    expect((await evg('bonus', '--period', '2026H1', '--format', 'xml')).code).toBe(2);
  });
});
