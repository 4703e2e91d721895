import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSynthData } from '../../src/synth/write-synth.ts';

export const SYNTH_AS_OF = '2026-10-31';

/** A small `evg synth` data set in a temp directory. */
export async function writeSynthDir(
  persons: number,
  seed = 7,
): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'evg-synth-'));
  await writeSynthData({ persons, seed, out: dir, format: 'csv', asOf: SYNTH_AS_OF });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
