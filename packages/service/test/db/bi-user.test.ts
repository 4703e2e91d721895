// The README's "Connecting a BI tool" section, run as written: `evg bi-user create`, then psql
// as that login against a server that checks passwords (scram-sha-256), as production does.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.ts';
import { createDb, type DbHandle } from '../../src/db/create-db.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { seedFixture, offers } from '../app/fixture.ts';
import { memoryIo } from '../cli/memory-io.ts';
import { startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres.ts';

const run = promisify(execFile);
let pg: PrivatePostgres;
let handle: DbHandle;
let dir: string;

beforeAll(async () => {
  pg = await startPrivatePostgres({ passwordAuth: true });
  handle = await createDb({ databaseUrl: pg.url(), maxConnections: 2 });
  await migrateToLatest(handle.db);
  await seedFixture(handle.db);
  dir = await mkdtemp(join(tmpdir(), 'evg-bi-user-'));
});
afterAll(async () => {
  await handle?.close();
  await pg?.destroy();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function evg(argv: string[], stdin?: string) {
  const io = { ...memoryIo(), ...(stdin === undefined ? {} : { stdin: Readable.from([stdin]) }) };
  io.env = { DATABASE_URL: pg.url() };
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

/** psql as `user`, the way the README says: PGPASSWORD, host, port, database. */
async function psql(user: string, password: string, query: string) {
  try {
    const { stdout } = await run(
      'psql',
      [
        '-h',
        '127.0.0.1',
        '-p',
        String(pg.port),
        '-U',
        user,
        '-d',
        'postgres',
        '-X',
        '-At',
        '-v',
        'ON_ERROR_STOP=1',
        '-c',
        query,
      ],
      { env: { PATH: process.env.PATH, PGPASSWORD: password, PGCONNECT_TIMEOUT: '10' } },
    );
    return { ok: true, out: stdout.trim().split('\n'), err: '' };
  } catch (error) {
    return { ok: false, out: [], err: String((error as { stderr?: string }).stderr) };
  }
}

describe('evg bi-user', () => {
  it('creates a login from a password file that reads bi views with psql and nothing person-level', async () => {
    const file = join(dir, 'password');
    await writeFile(file, 'correct-horse-battery\n');
    const created = await evg(['bi-user', 'create', 'analyst', '--password-file', file]);
    expect(created).toMatchObject({ code: 0, out: '' });
    expect(created.err).toContain("created login 'analyst'");

    const names = await psql(
      'analyst',
      'correct-horse-battery',
      'SELECT name FROM bi.offers ORDER BY offer_id',
    );
    expect(names).toEqual({ ok: true, out: offers.map((o) => o.name), err: '' });
    const joined = await psql(
      'analyst',
      'correct-horse-battery',
      `SELECT o.name || ';' || e.started FROM bi.effects_by_offer e JOIN bi.offers o USING (offer_id) ORDER BY 1 LIMIT 1`,
    );
    expect(joined.ok, joined.err).toBe(true);

    for (const table of [
      'persons',
      'enrollments',
      'benefit_periods',
      'effect_fine_cells',
      'api_keys',
      'offers',
    ]) {
      const denied = await psql('analyst', 'correct-horse-battery', `SELECT count(*) FROM public.${table}`);
      expect(denied.ok, table).toBe(false);
      expect(denied.err).toMatch(/permission denied/);
    }
    const wrong = await psql('analyst', 'wrong-password-123', 'SELECT 1');
    expect(wrong.err).toMatch(/password authentication failed/);
  });

  it('generates a password, prints it once on stdout, lists and drops the login', async () => {
    const created = await evg(['bi-user', 'create', 'dashboard']);
    expect(created.code).toBe(0);
    const password = created.out.trim();
    expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(created.err).toContain('shown only this once');
    expect((await psql('dashboard', password, 'SELECT count(*) FROM bi.target_groups')).out).toEqual(['3']);

    expect((await evg(['bi-user', 'list'])).out).toBe('analyst\t\ndashboard\t\n');
    expect(await evg(['bi-user', 'drop', 'dashboard'])).toMatchObject({ code: 0 });
    expect((await psql('dashboard', password, 'SELECT 1')).ok).toBe(false);
  });

  it('takes the password from stdin and refuses bad names, weak passwords and duplicates', async () => {
    expect((await evg(['bi-user', 'create', 'piped', '--password-stdin'], 'piped-password-42\n')).code).toBe(
      0,
    );
    expect((await psql('piped', 'piped-password-42', 'SELECT 1')).out).toEqual(['1']);
    expect(
      await evg(['bi-user', 'create', 'piped', '--password-stdin'], 'another-password-1\n'),
    ).toMatchObject({
      code: 1,
      err: "evg bi-user: a role named 'piped' already exists\n",
    });
    expect((await evg(['bi-user', 'create', 'Robert"; DROP'])).err).toContain('is not a usable name');
    expect((await evg(['bi-user', 'create', 'evg_admin'])).err).toContain('is not a usable name');
    expect((await evg(['bi-user', 'create', 'shorty', '--password-stdin'], 'short\n')).err).toContain(
      '12 to 200 printable ASCII characters',
    );
    const embedded = memoryIo();
    expect(await runCli(['bi-user', 'create', 'x'], embedded)).toBe(2);
    expect(embedded.err()).toContain('set DATABASE_URL');
  });

  it('documents every column of the catalogue views for BI tools', async () => {
    const { rows } = await sql<{ view: string; column: string; comment: string | null }>`
      SELECT c.relname AS view, a.attname AS column, col_description(c.oid, a.attnum) AS comment
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'bi'
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE c.relname IN ('offers', 'providers', 'target_groups', 'industries', 'packages',
        'benefit_types', 'offer_target_groups', 'offer_industries')`.execute(handle.db);
    expect(new Set(rows.map((r) => r.view)).size).toBe(8);
    expect(rows.filter((r) => !r.comment)).toEqual([]);
  });
});
