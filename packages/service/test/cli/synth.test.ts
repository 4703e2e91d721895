import { mkdtemp, readdir, rm } from 'node:fs/promises';
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
  it('writes NDJSON when asked, silently when stderr is not a terminal', async () => {
    const out = join(root, 'nd');
    expect(await evg('synth', '--persons', '20', '--seed', '1', '--out', out, '--format', 'ndjson')).toEqual({
      code: 0,
      out: '',
      err: '',
    });
    expect((await readdir(out)).every((name) => name.endsWith('.ndjson'))).toBe(true);
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
