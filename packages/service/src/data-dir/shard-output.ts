import type { EngineConfig, FineCell } from '@evg/effects';
import type { IssueCollector, RowIssue } from './data-dir-error.ts';
import type { DataDirCatalog } from './open-data-dir.ts';
import type { ShardPass } from './person-columns.ts';
import type { PersonShard } from './person-shard.ts';
import type { RecordFile } from './record-files.ts';

/** What a shard hands to the merge (compute-on-columns.ts): plain data, so it crosses from a worker thread. */
export interface ShardOutput {
  fineCells: FineCell[];
  persons: number;
  claimed: Uint8Array;
  issues: RowIssue[];
  totalIssues: number;
}

/** What a shard worker is given: the opened data directory as plain data, the engine's config, its shard. */
export interface ShardWorkerInput {
  data: {
    dir: string;
    files: [RecordFile['kind'], RecordFile][];
    catalog: DataDirCatalog;
    issueLimit: number;
  };
  config: EngineConfig;
  shard: PersonShard;
}

/**
 * A pass as plain data; the fine cells only when they must leave the thread (shard 0's
 * accumulator is merged into directly).
 *
 * @example
 * parentPort.postMessage(shardOutput(pass, issues, true));
 */
export function shardOutput(pass: ShardPass, issues: IssueCollector, withCells: boolean): ShardOutput {
  return {
    fineCells: withCells ? pass.accumulator.fineCells() : [],
    persons: pass.persons,
    claimed: pass.claimed,
    issues: issues.issues,
    totalIssues: issues.total,
  };
}
