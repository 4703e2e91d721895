import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PersonRecords } from '@evg/effects';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { naiveOutcomes } from '../../../effects/test/naive/naive-outcomes.ts';
import { runCli } from '../../src/cli/run-cli.ts';
import { forEachPerson } from '../../src/data-dir/for-each-person.ts';
import { openDataDir } from '../../src/data-dir/open-data-dir.ts';
import { EFFECT12M_ENTRY } from '../support/effect12m.ts';
import { memoryIo } from './memory-io.ts';

const root = await mkdtemp(join(tmpdir(), 'evg-cli-measures-'));
const data = join(root, 'data');
const AS_OF = '2026-10-31';
const EFFECT12M = EFFECT12M_ENTRY;

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function evg(...argv: string[]) {
  const io = memoryIo();
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

async function measuresFile(name: string, content: unknown): Promise<string> {
  const path = join(root, name);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

beforeAll(async () => {
  expect((await evg('synth', '--persons', '500', '--seed', '5', '--out', data)).code).toBe(0);
});

describe('evg effects --measures', () => {
  it('adds a 12-month effect whose exact figures equal the naive oracle', async () => {
    const file = await measuresFile('good.json', [EFFECT12M]);
    const args = ['--data', data, '--as-of', AS_OF, '--group-by', 'offer', '--exact', '--measures', file];
    const { code, out, err } = await evg('effects', ...args);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const rows = JSON.parse(out) as {
      offerId: string;
      effect12m: { n: number | null; x: number | null; pending: number };
    }[];
    expect(Object.keys(rows[0]!).slice(0, 6)).toEqual([
      'offerId',
      'effect3m',
      'effect7m',
      'status1m',
      'status3m',
      'effect12m',
    ]);

    const dir = await openDataDir(data);
    const persons: PersonRecords[] = [];
    await forEachPerson(dir, () => (person) => void persons.push(person));
    const expected = naiveOutcomes(persons, dir.catalog.benefitTypes, [EFFECT12M], AS_OF);
    let withOutcomes = 0;
    for (const row of rows) {
      const want = expected.get(`${row.offerId} effect12m`) ?? { n: 0, x: 0, pending: 0 };
      const got = row.effect12m;
      expect({ offerId: row.offerId, n: got.n ?? 0, x: got.x ?? 0, pending: got.pending }).toEqual({
        offerId: row.offerId,
        ...want,
      });
      if (want.x > 0) withOutcomes++;
    }
    expect(withOutcomes).toBeGreaterThan(3);

    const csv = await evg('effects', ...args, '--format', 'csv');
    expect(csv.out.split('\n')[0]).toContain('effect12m_n');
  });

  it('names the file, the entry and the field of every bad definition', async () => {
    const file = await measuresFile('bad.json', [
      EFFECT12M,
      { ...EFFECT12M, toMonth: 0 },
      { ...EFFECT12M, key: 'started' },
      { ...EFFECT12M, key: 'effect3m' },
    ]);
    const { code, err } = await evg('effects', '--data', data, '--as-of', AS_OF, '--measures', file);
    expect(code).toBe(2);
    expect(err).toContain(`--measures ${file}`);
    expect(err).toContain('entry 2: toMonth');
    expect(err).toContain("entry 2: key: 'effect12m' is also the key of entry 1");
    expect(err).toContain("entry 3: key: 'started' is a built-in field");
    expect(err).toContain("entry 4: key: 'effect3m' is a built-in measure");
  });

  it('refuses a file that is not a JSON array', async () => {
    const notJson = await measuresFile('not.json', '{ effect12m');
    expect((await evg('effects', '--data', data, '--as-of', AS_OF, '--measures', notJson)).err).toMatch(
      /not valid JSON/,
    );
    const object = await measuresFile('object.json', EFFECT12M);
    expect((await evg('effects', '--data', data, '--as-of', AS_OF, '--measures', object)).err).toContain(
      'must be a JSON array',
    );
  });
});
