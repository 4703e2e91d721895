import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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

/** Shuffles the person-level files' rows (real extracts are not sorted by person). */
export async function shuffleRows(dir: string, seed: number): Promise<void> {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  for (const kind of ['persons', 'benefit_periods', 'enrollments', 'survey_responses']) {
    const path = join(dir, `${kind}.csv`);
    const [header, ...rows] = (await readFile(path, 'utf8')).split('\n').filter((line) => line !== '');
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [rows[i], rows[j]] = [rows[j] as string, rows[i] as string];
    }
    await writeFile(path, [header, ...rows, ''].join('\n'));
  }
}
