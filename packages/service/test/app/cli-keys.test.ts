import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.ts';
import { API_KEY_ROLES, findActiveApiKey } from '../../src/repositories/api-keys.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function evg(...argv: string[]) {
  return evgWith({ DATABASE_URL: database.connectionString }, ...argv);
}

async function evgWith(env: NodeJS.ProcessEnv, ...argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: '', err: '' };
  stdout.on('data', (chunk) => (chunks.out += String(chunk)));
  stderr.on('data', (chunk) => (chunks.err += String(chunk)));
  const code = await runCli(argv, { stdout, stderr, env });
  return { code, ...chunks };
}

describe('evg keys', () => {
  it('creates a key printed once on stdout, lists it, and revokes it', async () => {
    const created = await evg('keys', 'create', '--role', 'bi', '--name', 'Power BI');
    expect(created.code).toBe(0);
    const secret = created.out.trim();
    expect(secret).toMatch(/^evg_[A-Za-z0-9_-]{43}$/);
    const key = await findActiveApiKey(database.db, secret);
    expect(key).toMatchObject({ role: 'bi', name: 'Power BI' });

    const listed = await evg('keys', 'list');
    expect(listed.out).toContain(`${key!.id}\tbi\tPower BI`);
    expect(listed.out).not.toContain(secret);

    expect((await evg('keys', 'revoke', key!.id)).code).toBe(0);
    expect(await findActiveApiKey(database.db, secret)).toBeNull();
  });

  it('names the problem with a bad role, a missing id or an unknown key', async () => {
    const badRole = await evg('keys', 'create', '--role', 'boss');
    expect(badRole.code).toBe(2);
    expect(badRole.err).toContain("--role 'boss'");
    // Every role the API knows is named, analyst included (the help once listed four of five).
    for (const role of API_KEY_ROLES) expect(badRole.err).toContain(role);
    const help = await evg('keys', '--help');
    for (const role of API_KEY_ROLES) expect(help.out).toMatch(new RegExp(`\\b${role} \\(`));
    expect((await evg('keys', 'create')).err).toContain('--role is required');
    expect((await evg('keys', 'revoke')).err).toContain('needs the key id');
    const unknown = await evg('keys', 'revoke', '00000000-0000-0000-0000-000000000000');
    expect(unknown.code).toBe(1);
  });
});

describe('secrets from files (<NAME>_FILE)', () => {
  it('reads DATABASE_URL from DATABASE_URL_FILE, and names the variable when it cannot', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'evg-secret-'));
    try {
      const file = join(dir, 'database-url');
      // As `echo "$URL" > file` or a Docker secret leaves it: with a trailing newline.
      await writeFile(file, database.connectionString + '\n');
      const created = await evg('keys', 'create', '--role', 'ingest', '--name', 'from a file');
      const listed = await evgWith({ DATABASE_URL_FILE: file }, 'keys', 'list');
      expect(listed.code).toBe(0);
      expect(listed.out).toContain('ingest\tfrom a file');
      expect(created.code).toBe(0);

      const both = await evgWith(
        { DATABASE_URL: database.connectionString, DATABASE_URL_FILE: file },
        'keys',
        'list',
      );
      expect(both).toMatchObject({ code: 2, out: '' });
      expect(both.err).toContain('DATABASE_URL_FILE: set either DATABASE_URL or DATABASE_URL_FILE, not both');

      const missing = await evgWith({ DATABASE_URL_FILE: join(dir, 'absent') }, 'keys', 'list');
      expect(missing).toMatchObject({ code: 2, out: '' });
      expect(missing.err).toContain(`DATABASE_URL_FILE: cannot read ${join(dir, 'absent')} (ENOENT)`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('evg openapi', () => {
  it('prints the OpenAPI 3.1 document', async () => {
    const result = await evg('openapi');
    expect(result.code).toBe(0);
    const document = JSON.parse(result.out) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toContain('/v1/offers');
  });
});
