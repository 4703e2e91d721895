import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.ts';
import { roundFor } from '../../src/spreadsheet/table.ts';
import { memoryIo } from './memory-io.ts';

const root = await mkdtemp(join(tmpdir(), 'evg-cli-'));
const data = join(root, 'data');
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function evg(...argv: string[]) {
  const io = memoryIo();
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

beforeAll(async () => {
  const synth = await evg('synth', '--persons', '2000', '--seed', '3', '--out', data);
  expect(synth).toMatchObject({ code: 0, out: '' });
  expect(synth.err).toMatch(/^evg synth: wrote 11 csv files to .*: .*2000 persons/);
});

describe('evg effects', () => {
  it('prints one JSON row per offer with the outcome measures', async () => {
    const { code, out, err } = await evg(
      'effects',
      '--data',
      data,
      '--as-of',
      '2026-10-31',
      '--group-by',
      'offer',
    );
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const rows = JSON.parse(out) as Record<
      string,
      { n: number | null; x: number | null; suppressed: boolean }
    >[];
    expect(rows.length).toBeGreaterThan(40);
    const first = rows[0]!;
    expect(Object.keys(first).slice(0, 5)).toEqual([
      'offerId',
      'effect3m',
      'effect7m',
      'status1m',
      'status3m',
    ]);
    const shown = rows.filter((row) => !row.effect3m!.suppressed);
    expect(shown.length).toBeGreaterThan(0);
    for (const row of shown) expect(row.effect3m!.x).toBeLessThanOrEqual(row.effect3m!.n!);
  });

  it('prints the same figures as CSV, rounded, with names beside ids', async () => {
    const args = ['--data', data, '--as-of', '2026-10-31', '--group-by', 'offer,target_group'];
    const json = JSON.parse((await evg('effects', ...args)).out) as Record<string, Record<string, unknown>>[];
    const csv = parse((await evg('effects', ...args, '--format', 'csv')).out, { columns: true }) as Record<
      string,
      string
    >[];
    expect(csv).toHaveLength(json.length);
    json.forEach((row, i) => {
      const line = csv[i]!;
      expect(line.offerId).toBe(row.offerId);
      expect(line.targetGroup).toBe(row.targetGroup);
      expect(line.offerName).not.toBe('');
      expect(line.targetGroupName).not.toBe('');
      for (const measure of ['effect3m', 'effect7m', 'companyShare']) {
        const cell = row[measure] as Record<string, number | null>;
        expect(line[`${measure}_n`]).toBe(cell.n === null ? '' : String(cell.n));
        expect(line[`${measure}_rate`]).toBe(cell.rate === null ? '' : String(roundFor('share', cell.rate!)));
      }
    });
  });

  it("writes the API's CSV: CRLF records, and the excel-da dialect with --csv-dialect", async () => {
    const args = ['--data', data, '--as-of', '2026-10-31', '--group-by', 'package'];
    const plain = (await evg('effects', ...args, '--format', 'csv')).out;
    expect(plain.split('\r\n')[0]!.startsWith('package,packageName,effect3m_n,')).toBe(true);
    expect(plain.endsWith('\r\n')).toBe(true);
    const danish = await evg('effects', ...args, '--csv-dialect', 'excel-da');
    expect(danish.code).toBe(0);
    expect(danish.out.startsWith('\uFEFFpackage;packageName;effect3m_n;')).toBe(true);
    expect(danish.out).toContain(';Jobpakke;');
    const bad = await evg('effects', ...args, '--csv-dialect', 'excel');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--csv-dialect must be rfc4180 or excel-da');
  });

  it('accepts group keys in snake_case and camelCase alike', async () => {
    const snake = await evg(
      'effects',
      '--data',
      data,
      '--as-of',
      '2026-10-31',
      '--group-by',
      'provider_kind,target_group',
    );
    const camel = await evg(
      'effects',
      '--data',
      data,
      '--as-of',
      '2026-10-31',
      '--group-by',
      'providerKind,targetGroup',
    );
    expect(snake.code).toBe(0);
    expect(snake.out).toBe(camel.out);
    expect(Object.keys((JSON.parse(snake.out) as object[])[0]!).slice(0, 2)).toEqual([
      'providerKind',
      'targetGroup',
    ]);
  });

  it('restricts to a period', async () => {
    const all = JSON.parse((await evg('effects', '--data', data, '--as-of', '2026-10-31')).out) as {
      started: number;
    }[];
    const half = JSON.parse(
      (await evg('effects', '--data', data, '--as-of', '2026-10-31', '--period', '2024H1')).out,
    ) as {
      started: number;
    }[];
    const range = await evg(
      'effects',
      '--data',
      data,
      '--as-of',
      '2026-10-31',
      '--from',
      '2024-01-01',
      '--to',
      '2024-06-30',
    );
    expect(half[0]!.started).toBeLessThan(all[0]!.started);
    expect(JSON.parse(range.out)).toEqual(half);
  });

  it('refuses bad options with a message naming them, exit 2 and nothing on stdout', async () => {
    const cases: [string[], string][] = [
      [['--data', data, '--as-of', '2026-10-31', '--grup-by', 'offer'], "'--grup-by'"],
      [['--data', data], '--as-of is required'],
      [['--data', data, '--as-of', '2026-02-30'], '--as-of must be a date'],
      [['--data', data, '--as-of', '2026-10-31', '--group-by', 'offer,colour'], "unknown key 'colour'"],
      [
        ['--data', data, '--as-of', '2026-10-31', '--period', '2026H1', '--from', '2026-01-01'],
        'either --period or --from/--to',
      ],
      [['--data', data, '--as-of', '2026-10-31', '--period', '2026H3'], '--period'],
      [['--data', data, '--as-of', '2026-10-31', '--format', 'xml'], '--format must be json or csv'],
      [['--data', join(root, 'missing'), '--as-of', '2026-10-31'], 'cannot read the data directory'],
    ];
    for (const [argv, message] of cases) {
      const result = await evg('effects', ...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.out).toBe('');
      expect(result.err).toContain(message);
    }
  });

  it('lists every bad row with file, line and field, exit 3 and nothing on stdout', async () => {
    const bad = join(root, 'bad');
    await evg('synth', '--persons', '50', '--seed', '1', '--out', bad);
    await writeFile(
      join(bad, 'persons.csv'),
      'person_id,birth_date\nP0000001,1990-02-30\nP0000002,1990-01-01\n0101901234,1990-01-01\n',
    );
    const result = await evg('effects', '--data', bad, '--as-of', '2026-10-31');
    expect(result.code).toBe(3);
    expect(result.out).toBe('');
    expect(result.err).toContain(
      'persons.csv line 2, field birth_date: must be a date YYYY-MM-DD that exists',
    );
    expect(result.err).toContain('persons.csv line 4, field person_id: looks like a CPR number');
    expect(result.err).toContain('field person_id: refers to a person not in persons');
    expect(result.err).not.toContain('0101901234');
  });

  it('gives the same table when the person-level files are not sorted', async () => {
    const shuffledDir = join(root, 'shuffled');
    await evg('synth', '--persons', '2000', '--seed', '3', '--out', shuffledDir);
    for (const name of ['benefit_periods.csv', 'enrollments.csv']) {
      const [header, ...rows] = (await readFile(join(shuffledDir, name), 'utf8')).trimEnd().split('\n');
      // Reverse order: every person is out of place, the rows themselves unchanged.
      await writeFile(join(shuffledDir, name), [header, ...rows.reverse()].join('\n') + '\n');
    }
    const args = ['--as-of', '2026-10-31', '--group-by', 'offer,target_group'];
    const sorted = await evg('effects', '--data', data, ...args);
    const unsorted = await evg('effects', '--data', shuffledDir, ...args);
    expect(unsorted.code).toBe(0);
    expect(unsorted.out).toBe(sorted.out);
  });

  it('gives the same table and the same errors with --workers 3 (worker threads) as with one', async () => {
    const args = ['--as-of', '2026-10-31', '--group-by', 'offer,target_group'];
    const one = await evg('effects', '--data', data, ...args, '--workers', '1');
    const three = await evg('effects', '--data', data, ...args, '--workers', '3');
    expect(one.code).toBe(0);
    expect(three).toEqual(one);

    const bad = join(root, 'bad-parallel');
    await evg('synth', '--persons', '200', '--seed', '2', '--out', bad);
    const periods = await readFile(join(bad, 'benefit_periods.csv'), 'utf8');
    await writeFile(
      join(bad, 'benefit_periods.csv'),
      periods + 'P0000007,no_such_type,2024-01-01,,BPX1\nPNOBODY,kontanthjaelp,2024-05-01,,BPX2\n',
    );
    const badOne = await evg('effects', '--data', bad, ...args, '--workers', '1');
    const badThree = await evg('effects', '--data', bad, ...args, '--workers', '3');
    expect(badOne.code).toBe(3);
    expect(badThree).toEqual(badOne);
    expect(badThree.err).toContain('field benefit_type: is not a code in benefit_types');
    expect(badThree.err).toContain('field person_id: refers to a person not in persons');
    expect((await evg('effects', '--data', data, ...args, '--workers', '0')).err).toContain('--workers');
  });

  it('has --help', async () => {
    const result = await evg('effects', '--help');
    expect(result.code).toBe(0);
    expect(result.out).toContain('--group-by');
  });
});
