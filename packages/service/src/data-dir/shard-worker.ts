// Worker thread of a parallel `evg effects`: one shard's pass over the data directory's
// person-level files, posted back as plain data (compute-on-columns.ts merges).
import { parentPort, workerData } from 'node:worker_threads';
import { IssueCollector } from './data-dir-error.ts';
import type { DataDir } from './open-data-dir.ts';
import { accumulateShard } from './person-columns.ts';
import { shardOutput, type ShardWorkerInput } from './shard-output.ts';

// workerData is untyped (any): compute-on-columns.ts starts this thread with a ShardWorkerInput.
const input: ShardWorkerInput = workerData;
const issues = new IssueCollector(input.data.issueLimit);
const data: DataDir = {
  dir: input.data.dir,
  files: new Map(input.data.files),
  catalog: input.data.catalog,
  issues,
};
const pass = await accumulateShard(data, input.config, input.shard, issues);
const output = shardOutput(pass, issues, true);
parentPort?.postMessage(output);
