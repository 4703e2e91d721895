import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IssueCollector } from '../../src/data-dir/data-dir-error.ts';
import { openDataDir } from '../../src/data-dir/open-data-dir.ts';
import { streamPersonRows } from '../../src/data-dir/stream-persons.ts';
import { writeSynthData } from '../../src/synth/write-synth.ts';

const root = await mkdtemp(join(tmpdir(), 'evg-stream-'));
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('streamPersonRows', () => {
  it('hands persons out in small batches while reading, not all at the end', async () => {
    await writeSynthData({ persons: 20_000, seed: 5, out: root, format: 'csv', asOf: '2026-10-31' });
    const data = await openDataDir(root);
    const sizes: number[] = [];
    let previous = '';
    for await (const batch of streamPersonRows(data, new IssueCollector())) {
      sizes.push(batch.length);
      for (const rows of batch) {
        const id = rows.persons[0]?.record.personId ?? '';
        expect(id > previous).toBe(true);
        previous = id;
      }
    }
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(20_000);
    // Bounded memory: a batch holds about one read chunk's worth of persons.
    expect(sizes.length).toBeGreaterThan(20);
    expect(Math.max(...sizes)).toBeLessThan(5_000);
  });
});
