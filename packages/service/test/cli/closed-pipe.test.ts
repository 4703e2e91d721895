// `evg effects … | head`: the reader closes the pipe early; the command ends quietly.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.ts';
import { memoryIo } from './memory-io.ts';

const EVG = fileURLToPath(new URL('../../bin/evg.js', import.meta.url));
const root = await mkdtemp(join(tmpdir(), 'evg-cli-pipe-'));
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('evg on a closed pipe', () => {
  it('stops without a message or an error status when the reader goes away', async () => {
    const data = join(root, 'd');
    expect(await runCli(['synth', '--persons', '300', '--seed', '1', '--out', data], memoryIo())).toBe(0);
    // offer × target group × half-year at 300 persons is about 500 kB of JSON: far more than a pipe holds.
    const child = spawn(
      process.execPath,
      [EVG, 'effects', '--data', data, '--as-of', '2026-10-31', '--group-by', 'offer,target_group,period'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const first = await new Promise<string>((resolve) =>
      child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString())),
    );
    child.stdout.destroy(); // what `head` does after its first lines
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(first.startsWith('[\n{"offerId":')).toBe(true);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });
});
