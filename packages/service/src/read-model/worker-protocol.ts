import type { EffectRow } from '@evg/effects';
import type { Catalogue, ModelRequest } from './model-requests.ts';
import type { ReadModelOptions } from './read-model.ts';

/** Where the read-model worker reads, and at what CPU priority it runs. */
export interface ModelWorkerConnection {
  connectionString: string;
  /** Where this process writes, when reads come from a replica: for builds after its own writes. */
  primaryConnectionString?: string | undefined;
  /**
   * The nice value the worker thread lowers itself to (EVG_BATCH_NICE; Linux): building the next
   * model and large tables then wait for the event loop's requests, not the other way round.
   */
  nice?: number | undefined;
}

/** What the read-model worker is started with. */
export interface ModelWorkerInput extends ModelWorkerConnection {
  options: ReadModelOptions;
}

/** Messages to the worker; `id` pairs a request with its answer. */
export type ToWorker =
  | { type: 'build'; id: number; generation: number; latest: boolean }
  | { type: 'run'; id: number; generation: number; request: ModelRequest }
  | { type: 'release'; generation: number }
  | { type: 'close' };

/** A slice of a prebuilt model: its catalogue first, then rows of its lists. */
export type PrebuiltPart =
  | { catalogue: Catalogue; zeroRow: EffectRow }
  | { list: 'offerRows' | 'tables'; key: string; rows: EffectRow[] };

/** Messages from the worker. */
export type ToHost =
  | { ready: true }
  | { id: number; part: PrebuiltPart }
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; message: string };
