import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.ts';
import { listBonusRules } from '../../src/repositories/bonus-rules.ts';
import { listCustomMeasures } from '../../src/repositories/measures.ts';
import { validFiles, writeDataDir } from '../support/contract-files.ts';
import { EFFECT12M_ENTRY } from '../support/effect12m.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
let dir: string;
beforeAll(async () => {
  database = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'evg-measures-'));
});
afterAll(async () => {
  await database.close();
  await rm(dir, { recursive: true, force: true });
});

async function evg(...argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: '', err: '' };
  stdout.on('data', (chunk) => (chunks.out += String(chunk)));
  stderr.on('data', (chunk) => (chunks.err += String(chunk)));
  const code = await runCli(argv, { stdout, stderr, env: { DATABASE_URL: database.connectionString } });
  return { code, ...chunks };
}

describe('evg measures', () => {
  it('sets, lists and deletes a custom measure; the defaults stay', async () => {
    const file = join(dir, 'good.json');
    await writeFile(file, JSON.stringify([EFFECT12M_ENTRY]));
    expect(await evg('measures', 'set', file)).toMatchObject({ code: 0, out: 'created effect12m\n' });
    expect((await evg('measures', 'set', file)).out).toBe('replaced effect12m\n');

    const listed = (await evg('measures', 'list')).out.trim().split('\n');
    expect(listed.map((line) => line.split('\t').slice(0, 2).join(' '))).toEqual([
      'effect3m built-in',
      'effect7m built-in',
      'status1m built-in',
      'status3m built-in',
      'effect12m custom',
    ]);
    expect(listed.at(-1)).toBe('effect12m\tcustom\tstart\t0-12\t6\t12 mdr. effekt\t12-month effect');

    const builtIn = await evg('measures', 'delete', 'effect3m');
    expect(builtIn.code).toBe(2);
    expect(builtIn.err).toContain('cannot be deleted');
    expect(await evg('measures', 'delete', 'effect12m')).toMatchObject({
      code: 0,
      out: 'deleted effect12m\n',
    });
    expect((await evg('measures', 'delete', 'effect12m')).code).toBe(1);
    expect(await listCustomMeasures(database.db)).toEqual([]);
  });

  it('stores nothing from a file with one bad entry', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(
      file,
      JSON.stringify([EFFECT12M_ENTRY, { ...EFFECT12M_ENTRY, key: 'effect24m', anchor: 'middle' }]),
    );
    const result = await evg('measures', 'set', file);
    expect(result.code).toBe(2);
    expect(result.err).toContain("entry 2: anchor: must be 'start' or 'end'");
    expect(await listCustomMeasures(database.db)).toEqual([]);
  });
});

describe('evg bonus-rules', () => {
  it("sets, lists and deletes an offer's trigger; unknown offers and measures store nothing", async () => {
    const data = await writeDataDir(validFiles());
    try {
      expect((await evg('import', '--data', data.dir, '--as-of', '2024-12-31', '--no-refresh')).code).toBe(0);
    } finally {
      await data.remove();
    }
    expect((await evg('bonus-rules', 'list')).out).toBe(
      'OF1\t\teffect3m\tdefault\tRengøringskursus\nOF2\t\teffect3m\tdefault\tMentorforløb\n',
    );
    expect(await evg('bonus-rules', 'set', 'OF1', 'status1m')).toMatchObject({
      code: 0,
      out: 'created the rule of OF1: status1m\n',
    });
    expect((await evg('bonus-rules', 'set', 'OF1', 'effect7m')).out).toBe(
      'replaced the rule of OF1: effect7m\n',
    );
    expect((await evg('bonus-rules', 'list')).out.split('\n')[0]).toBe(
      'OF1\t\teffect7m\trule\tRengøringskursus',
    );

    const unknownMeasure = await evg('bonus-rules', 'set', 'OF2', 'effect99m');
    expect(unknownMeasure.code).toBe(2);
    expect(unknownMeasure.err).toContain(
      "no measure 'effect99m'; use one of effect3m, effect7m, status1m, status3m",
    );
    expect((await evg('bonus-rules', 'set', 'OF9', 'effect3m')).code).toBe(1);
    expect((await evg('bonus-rules', 'set', 'OF1')).code).toBe(2);
    expect(await listBonusRules(database.db)).toEqual([{ offerId: 'OF1', measureKey: 'effect7m' }]);

    expect((await evg('bonus-rules', 'delete', 'OF1')).code).toBe(0);
    expect((await evg('bonus-rules', 'delete', 'OF1')).code).toBe(1);
    expect(await listBonusRules(database.db)).toEqual([]);
  });
});
