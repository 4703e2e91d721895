// The columnar reader (computeOnColumns) against the streaming reader (forEachPerson +
// addPerson): the same fine cells and the same issues, on sorted and on shuffled files, with
// bad rows that the byte path must hand to the zod schemas; and split into shards (in this
// thread here, as worker threads do them), merged: again the same, each issue once.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EffectsAccumulator, type EngineConfig } from '@evg/effects';
import { afterAll, describe, expect, it } from 'vitest';
import { forEachPerson } from '../../src/data-dir/for-each-person.ts';
import { openDataDir, type DataDir } from '../../src/data-dir/open-data-dir.ts';
import { computeOnColumns, mergeShards } from '../../src/data-dir/compute-on-columns.ts';
import { IssueCollector } from '../../src/data-dir/data-dir-error.ts';
import { accumulateShard } from '../../src/data-dir/person-columns.ts';
import { shardOutput } from '../../src/data-dir/shard-output.ts';
import { writeSynthData } from '../../src/synth/write-synth.ts';
import { Prng } from '../../src/synth/prng.ts';

const root = await mkdtemp(join(tmpdir(), 'evg-columns-'));
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});
const KEY = 'person-columns-test-secret';

/** Every shard's pass in this thread, merged as computeOnColumns merges its workers' passes. */
async function inShards(data: DataDir, config: EngineConfig, count: number) {
  const passes = [];
  for (let index = 0; index < count; index++) {
    const issues = new IssueCollector(data.issues.limit);
    const pass = await accumulateShard(data, config, { index, count }, issues);
    expect(pass.persons, `persons of shard ${index}`).toBeGreaterThan(0);
    passes.push({ pass, output: shardOutput(pass, issues, index > 0) });
  }
  return mergeShards(
    data,
    config,
    passes[0]!.pass,
    passes.map((p) => p.output),
  ).accumulator;
}

async function both(dir: string, disclosureKey?: string, shards = 1) {
  const run = async (columnar: boolean) => {
    const data = await openDataDir(dir);
    const { benefitTypes, offers, providers } = data.catalog;
    const config: EngineConfig = {
      asOf: '2026-10-31',
      catalog: { benefitTypes, offers, providers },
      groupBy: ['offer', 'targetGroup'],
      exact: disclosureKey === undefined,
      ...(disclosureKey === undefined ? {} : { disclosureKey }),
    };
    let accumulator = new EffectsAccumulator(config);
    if (columnar && shards === 1) ({ accumulator } = await computeOnColumns(data, config));
    else if (columnar) accumulator = await inShards(data, config, shards);
    else {
      await forEachPerson(data, () => {
        accumulator = new EffectsAccumulator(config);
        return (person) => accumulator.addPerson(person);
      });
    }
    const issues = data.issues.issues.map((i) => `${i.file}:${i.line}:${i.field}:${i.message}`).sort();
    return { cells: accumulator.finish(), issues, total: data.issues.total };
  };
  return { columns: await run(true), stream: await run(false) };
}

async function synth(name: string) {
  const dir = join(root, name);
  await writeSynthData({ persons: 400, seed: 5, out: dir, format: 'csv', asOf: '2026-10-31' });
  return dir;
}

async function shuffle(dir: string, seed: number) {
  const random = new Prng(seed);
  for (const name of ['persons.csv', 'benefit_periods.csv', 'enrollments.csv', 'survey_responses.csv']) {
    const [header, ...rows] = (await readFile(join(dir, name), 'utf8')).trimEnd().split('\n');
    for (let i = rows.length - 1; i > 0; i--) {
      const j = random.int(0, i);
      [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    }
    await writeFile(join(dir, name), [header, ...rows].join('\n') + '\n');
  }
}

async function append(dir: string, name: string, lines: string[]) {
  const text = await readFile(join(dir, name), 'utf8');
  await writeFile(join(dir, name), text + lines.join('\n') + '\n');
}

describe('computeOnColumns', () => {
  it('gives the fine cells of the streaming reader, exact and published, sorted and shuffled', async () => {
    const sorted = await synth('sorted');
    const shuffled = await synth('shuffled');
    await shuffle(shuffled, 9);
    for (const key of [undefined, KEY]) {
      const a = await both(sorted, key);
      const b = await both(shuffled, key);
      expect(a.columns.issues).toEqual([]);
      expect(a.columns.cells).toEqual(a.stream.cells);
      expect(b.columns.cells).toEqual(a.stream.cells);
      expect(b.stream.cells).toEqual(a.stream.cells);
      for (const shards of [2, 3]) {
        const c = await both(shuffled, key, shards);
        expect(c.columns.cells).toEqual(a.stream.cells);
        expect(c.columns.issues).toEqual([]);
      }
    }
  });

  it('reports a bad row exactly as the zod path does (file, line, field, message)', async () => {
    const dir = await synth('bad');
    await append(dir, 'persons.csv', [
      'P0000001,1990-01-01', // a repeated person
      'Pæ-1,1990-02-30', // non-ASCII id and an impossible date
      '0101901234,1990-01-01', // CPR-like id
      'PX1',
    ]);
    await append(dir, 'benefit_periods.csv', [
      'P0000002,no_such_type,2024-01-01,,BPX1',
      'P0000002,kontanthjaelp,2024-05-01,2024-04-01,BPX2',
      'PNOBODY,kontanthjaelp,2024-05-01,,BPX3',
    ]);
    await append(dir, 'enrollments.csv', [
      'EX1,P0000003,NO-SUCH-OFFER,jobparat,2025-01-01,,true,',
      'EX2,P0000003,L03-01,no_such_group,2025-01-01,,maybe,',
      'EX3,PNOBODY,L03-01,jobparat,2025-01-01,,false,',
      'EX4,P0000003,L03-01,jobparat,2025-01-01',
    ]);
    await append(dir, 'survey_responses.csv', ['SX1,NO-SUCH-ENROLLMENT,2025-03-01,4,4']);
    for (const shards of [1, 2, 3]) {
      const { columns, stream } = await both(dir, undefined, shards);
      expect(columns.total).toBe(stream.total);
      expect(columns.issues).toEqual(stream.issues);
      expect(columns.issues.length).toBeGreaterThanOrEqual(11);
      expect(columns.issues).toContain(
        'survey_responses.csv:' +
          (await readFile(join(dir, 'survey_responses.csv'), 'utf8')).trimEnd().split('\n').length +
          ':enrollment_id:refers to an enrollment that does not exist',
      );
    }
  });

  it('reports a bad header once, however many shards read the file', async () => {
    const dir = await synth('bad-header');
    const text = await readFile(join(dir, 'benefit_periods.csv'), 'utf8');
    await writeFile(join(dir, 'benefit_periods.csv'), text.replace('period_id', 'periode_id'));
    for (const shards of [1, 3]) {
      const { columns, stream } = await both(dir, undefined, shards);
      expect(columns.issues).toEqual(stream.issues);
      expect(columns.issues).toContain('benefit_periods.csv:1:periode_id:is not a column of benefit_periods');
    }
  });

  it('starts a file over through the CSV parser when a quote turns up after its first megabyte', async () => {
    const dir = await synth('late-quote');
    await append(dir, 'enrollments.csv', [
      // Reported once, not once per reading: while reading, and after it.
      'EX1,P0000003,L03-01,jobparat,2025-02-30,,true,',
      'EX2,P0000003,NO-SUCH-OFFER,jobparat,2025-01-01,,true,',
      '\n'.repeat(1_200_000), // blank lines: past the reader's first buffer
      '"EQ1",P0000004,L03-01,jobparat,2025-01-01,,false,"a, quoted reason"',
    ]);
    for (const shards of [1, 2]) {
      const { columns, stream } = await both(dir, undefined, shards);
      expect(columns.issues).toEqual(stream.issues);
      expect(columns.issues.filter((issue) => /:(offer_id|start_date):/.test(issue))).toHaveLength(2);
      expect(columns.cells).toEqual(stream.cells);
    }
  });

  it('reads a file with quoted fields through the CSV parser', async () => {
    const dir = await synth('quoted');
    await append(dir, 'enrollments.csv', [
      '"EQ1",P0000004,L03-01,jobparat,2025-01-01,,false,"a, quoted reason"',
    ]);
    for (const shards of [1, 2]) {
      const { columns, stream } = await both(dir, undefined, shards);
      expect(columns.issues).toEqual(stream.issues);
      expect(columns.cells).toEqual(stream.cells);
    }
  });
});
