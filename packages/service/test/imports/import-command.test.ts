import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.ts';
import { validFiles, writeDataDir, type ContractFiles } from '../support/contract-files.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

async function evg(args: string[], env: NodeJS.ProcessEnv = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await runCli(args, { stdout, stderr, env: { DATABASE_URL: t.connectionString, ...env } });
  return { code, out, err };
}

async function withDir<T>(files: ContractFiles, work: (dir: string) => Promise<T>): Promise<T> {
  const data = await writeDataDir(files);
  try {
    return await work(data.dir);
  } finally {
    await data.remove();
  }
}

describe('evg import', () => {
  it('lists every bad row with file, line and field, exits 1 and never prints a CPR number', async () => {
    const files = validFiles();
    files['persons.csv'] = 'person_id,birth_date\nP1,1990-04-01\n0101901234,1990-01-01\nP3,1990-02-30\n';
    const { code, out, err } = await withDir(files, (dir) => evg(['import', '--data', dir]));
    expect(code).toBe(1);
    expect(err).toContain('persons.csv line 3, field person_id: looks like a CPR number');
    expect(err).toContain('persons.csv line 4, field birth_date:');
    expect(out + err).not.toContain('0101901234');
    expect(await t.db.selectFrom('persons').select('person_id').execute()).toEqual([]);
  });

  it('imports and refreshes, printing rows per file and the new data version', async () => {
    const { code, out } = await withDir(validFiles(), (dir) =>
      evg(['import', '--data', dir, '--as-of', '2026-10-31']),
    );
    expect(code).toBe(0);
    expect(out).toContain('persons.csv: 3 rows (3 new or changed)');
    expect(out).toContain('cut-off: 2026-10-31 (declared)');
    expect(out).toMatch(
      /effect tables: data version \d+ \(asOf 2026-10-31, declared with the import of benefit periods; 3 persons/,
    );
  });

  it('without --as-of says which cut-off it assumed: the latest benefit start, never today', async () => {
    const { code, out } = await withDir(validFiles(), (dir) =>
      evg(['import', '--data', dir, '--no-refresh']),
    );
    expect(code).toBe(0);
    expect(out).toContain('cut-off: 2024-01-01 assumed (the latest start date of the benefit periods');
    // The refresh keeps the latest cut-off of all imports of benefit periods: the declared one.
    const refresh = await evg(['refresh']);
    expect(refresh.out).toMatch(/\(asOf 2026-10-31, declared with the import of benefit periods;/);
  });

  it('with --verbose prints the phases with timings to stderr, and no row value', async () => {
    const files = validFiles();
    const { code, out, err } = await withDir(files, (dir) =>
      evg(['import', '--data', dir, '--as-of', '2026-10-31', '--verbose']),
    );
    expect(code).toBe(0);
    expect(err).toMatch(/import: persons\.csv: 3 rows read and staged \(\d+ ms\)/);
    expect(err).toMatch(/import: references checked \(\d+ ms\)/);
    expect(err).toMatch(/import: upserted \(\d+ ms\)/);
    expect(err).toMatch(/refresh/);
    // Progress only: the ids and dates of the rows stay out of it.
    expect(err).not.toContain('P1');
    expect(out).toContain('persons.csv: 3 rows');
    const quiet = await withDir(files, (dir) => evg(['import', '--data', dir, '--no-refresh']));
    expect(quiet.err).toBe('');
  });

  it('with --pseudonymise and the key, stores pseudonyms and prints no CPR number', async () => {
    const files = { 'persons.csv': 'person_id,birth_date\n010190-1234,1990-01-01\n' };
    const { code, out, err } = await withDir(files, (dir) =>
      evg(['import', '--data', dir, '--pseudonymise', '--no-refresh'], {
        EVG_PSEUDONYM_KEY: 'a pseudonym secret of 32 chars',
      }),
    );
    expect(code).toBe(0);
    expect(out + err).not.toMatch(/0101901234|010190-1234/);
    expect(out).not.toContain('effect tables');
  });

  it('refuses --pseudonymise without EVG_PSEUDONYM_KEY', async () => {
    const files = { 'persons.csv': 'person_id,birth_date\n0101901234,1990-01-01\n' };
    const { code, err } = await withDir(files, (dir) => evg(['import', '--data', dir, '--pseudonymise']));
    expect(code).toBe(1);
    expect(err).toContain('EVG_PSEUDONYM_KEY');
    expect(err).not.toContain('0101901234');
  });

  it('names a missing --data flag', async () => {
    const { code, err } = await evg(['import']);
    expect(code).toBe(2);
    expect(err).toContain('--data is required');
  });
});

describe('on the embedded database', () => {
  it('refuses to open a data folder another process has open, with a clear message', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'evg-cli-embedded-'));
    const lock = join(dir, 'evg.pid');
    // A live process that is not this one: the parent of the test worker.
    await writeFile(lock, String(process.ppid));
    try {
      const { code, err } = await evg(['migrate'], { DATABASE_URL: '', EVG_DATA_DIR: dir });
      expect(code).toBe(1);
      expect(err).toContain(`is in use by process ${process.ppid}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('evg migrate and evg refresh', () => {
  it('migrate reports an up-to-date database; refresh publishes a new version, then keeps it', async () => {
    const migrate = await evg(['migrate']);
    expect(migrate.code).toBe(0);
    expect(migrate.out).toContain('up to date');
    const refresh = await evg(['refresh'], { EVG_AS_OF: '2026-09-30' });
    expect(refresh.code).toBe(0);
    const published = /data version (\d+) \(asOf 2026-09-30, EVG_AS_OF or --as-of;/.exec(refresh.out);
    expect(published, refresh.out).not.toBeNull();
    // Nothing changed since: the same version stays current, and the command says so.
    const again = await evg(['refresh'], { EVG_AS_OF: '2026-09-30' });
    expect(again.code).toBe(0);
    expect(again.out).toContain(
      `data version ${published?.[1]} kept, the figures are unchanged (asOf 2026-09-30, EVG_AS_OF or --as-of;`,
    );
  });
});
