import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.ts';
import { memoryIo } from './memory-io.ts';

const root = await mkdtemp(join(tmpdir(), 'evg-cli-synth-'));
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function evg(...argv: string[]) {
  const io = memoryIo();
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('evg synth', () => {
  it('writes NDJSON when asked and says what it wrote on stderr, without progress when not a terminal', async () => {
    const out = join(root, 'nd');
    const result = await evg('synth', '--persons', '20', '--seed', '1', '--out', out, '--format', 'ndjson');
    expect(result).toMatchObject({ code: 0, out: '' });
    const files = await readdir(out);
    expect(files.every((name) => name.endsWith('.ndjson'))).toBe(true);
    const summary = /^evg synth: wrote (\d+) ndjson files to (.+): (.+)\n$/.exec(result.err);
    expect(summary?.slice(1, 3)).toEqual([String(files.length), out]);
    const counts = Object.fromEntries(
      summary![3]!.split(', ').map((part) => [part.split(' ')[1]!, Number(part.split(' ')[0])]),
    );
    expect(Object.keys(counts).sort()).toEqual(files.map((name) => name.replace('.ndjson', '')).sort());
    expect(counts.persons).toBe(20);
    const lines = async (kind: string) =>
      (await readFile(join(out, `${kind}.ndjson`), 'utf8')).split('\n').filter((line) => line !== '').length;
    expect(counts.enrollments).toBe(await lines('enrollments'));
    expect(counts.benefit_periods).toBe(await lines('benefit_periods'));
  });

  it('reports progress on stderr only with --progress', async () => {
    const result = await evg(
      'synth',
      '--persons',
      '20',
      '--seed',
      '1',
      '--out',
      join(root, 'p'),
      '--progress',
    );
    expect(result).toMatchObject({ code: 0, out: '' });
    expect(result.err).toContain('20 / 20 persons');
  });

  it('refuses missing or bad options, naming them', async () => {
    const cases: [string[], string][] = [
      [['--seed', '1', '--out', root], '--persons is required'],
      [['--persons', '0', '--seed', '1', '--out', root], '--persons must be a whole number'],
      [['--persons', '10', '--seed', 'x', '--out', root], '--seed must be a whole number'],
      [
        ['--persons', '10', '--seed', '1', '--out', root, '--format', 'xlsx'],
        '--format must be csv or ndjson',
      ],
      [['--persons', '10', '--seed', '1', '--out', root, '--colour'], "'--colour'"],
    ];
    for (const [argv, message] of cases) {
      const result = await evg('synth', ...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.out).toBe('');
      expect(result.err).toContain(message);
    }
  });
});
