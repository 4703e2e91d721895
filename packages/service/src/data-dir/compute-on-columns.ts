import { EffectsAccumulator, type EngineConfig } from '@evg/effects';
import { IssueCollector, type RowIssue } from './data-dir-error.ts';
import type { DataDir } from './open-data-dir.ts';
import { accumulateShard, type ShardPass } from './person-columns.ts';
import { ONE_SHARD } from './person-shard.ts';
import { startWorker, type OneShotWorker } from '../threads/start-worker.ts';
import { shardOutput, type ShardOutput, type ShardWorkerInput } from './shard-output.ts';

/**
 * `evg effects` on the person-level files of `data`, in `shards` parallel passes: shard 0 in
 * this thread, the others in worker threads, each over the persons whose id hashes to it
 * (person-shard.ts), merged into one accumulator. The engine is mergeable, so the figures are
 * those of one pass; problems go to `data.issues` in file and line order, each once.
 *
 * @example
 * const { accumulator, persons } = await computeOnColumns(data, config, { shards: 2 });
 * data.issues.throwIfAny();
 */
export async function computeOnColumns(
  data: DataDir,
  config: EngineConfig,
  { shards = 1 }: { shards?: number } = {},
): Promise<{ accumulator: EffectsAccumulator; persons: number }> {
  const workers: OneShotWorker<ShardOutput>[] = [];
  for (let index = 1; index < shards; index++) {
    const input: ShardWorkerInput = { data: dataInput(data), config, shard: { index, count: shards } };
    workers.push(startWorker(new URL(WORKER_ENTRY, import.meta.url), input, `shard worker ${index}`));
  }
  try {
    const issues = new IssueCollector(data.issues.limit);
    const shard = shards === 1 ? ONE_SHARD : { index: 0, count: shards };
    const pass = await accumulateShard(data, config, shard, issues);
    const outputs = await Promise.all(workers.map((worker) => worker.result));
    return mergeShards(data, config, pass, [shardOutput(pass, issues, false), ...outputs]);
  } finally {
    // None outlives a failed run (a stopped worker's terminate does nothing).
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/**
 * Merges the passes of all shards: shard 0's accumulator takes the others' fine cells, the
 * issues of all go to `data.issues` in file and line order, and survey answers that no shard's
 * enrollment claimed are reported.
 *
 * @example
 * const merged = mergeShards(data, config, pass0, [output0, output1]);
 */
export function mergeShards(
  data: DataDir,
  config: EngineConfig,
  first: ShardPass,
  outputs: readonly ShardOutput[],
): { accumulator: EffectsAccumulator; persons: number } {
  const accumulator = first.accumulator;
  let persons = first.persons;
  const claimed = new Uint8Array(first.claimed.length);
  const issues: RowIssue[] = [];
  let total = 0;
  outputs.forEach((output, i) => {
    if (i > 0) {
      accumulator.merge(EffectsAccumulator.fromFineCells(config, output.fineCells));
      persons += output.persons;
    }
    for (let s = 0; s < claimed.length; s++) claimed[s]! |= output.claimed[s]!;
    issues.push(...output.issues);
    total += output.totalIssues;
  });
  const surveyFile = data.files.get('survey_responses')?.name ?? 'survey_responses.csv';
  for (let s = 0; s < claimed.length; s++) {
    if (claimed[s] === 1) continue;
    for (const line of first.surveyLines[s]!) {
      issues.push({
        file: surveyFile,
        line,
        field: 'enrollment_id',
        message: 'refers to an enrollment that does not exist',
      });
      total++;
    }
  }
  // Shards find problems in their own order; the user reads them by file and line.
  const rank = new Map(
    (['persons', 'benefit_periods', 'enrollments', 'survey_responses'] as const).map((kind, i) => [
      data.files.get(kind)?.name ?? `${kind}.csv`,
      i,
    ]),
  );
  issues.sort((a, b) => (rank.get(a.file) ?? 9) - (rank.get(b.file) ?? 9) || a.line - b.line);
  data.issues.addAll(issues.slice(0, data.issues.limit), total);
  return { accumulator, persons };
}

function dataInput(data: DataDir): ShardWorkerInput['data'] {
  return { dir: data.dir, files: [...data.files], catalog: data.catalog, issueLimit: data.issues.limit };
}

// Compiled, the worker is plain JavaScript; from sources it needs tsx registered first.
const WORKER_ENTRY = import.meta.url.endsWith('.ts') ? './shard-worker-bootstrap.mjs' : './shard-worker.js';
