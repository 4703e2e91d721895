import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { MeasureDefinition } from '@evg/effects';
import { dbSnapshotSource } from '../../read-model/db-snapshot-source.ts';
import { ReadModelStore } from '../../read-model/read-model-store.ts';
import type { SnapshotSource } from '../../read-model/snapshot.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The in-memory read model; `readModel.current` is the model of the current data version. */
    readModel: ReadModelStore;
  }
}

export interface ReadModelPluginOptions {
  minCellSize: number;
  measures?: readonly MeasureDefinition[];
  /** Poll for new data versions this often; 0 = never (tests reload explicitly). */
  pollMs: number;
  source?: SnapshotSource;
}

/** Loads the read model before the server accepts requests and keeps it current. */
async function readModelPlugin(app: FastifyInstance, options: ReadModelPluginOptions): Promise<void> {
  const source = options.source ?? dbSnapshotSource(app.readDb, app.db);
  const store = await ReadModelStore.open(
    source,
    { minCellSize: options.minCellSize, ...(options.measures ? { measures: options.measures } : {}) },
    app.log,
  );
  app.decorate('readModel', store);
  if (options.pollMs > 0) store.startPolling(options.pollMs);
  app.addHook('onClose', async () => store.stopPolling());
}

export default fp(readModelPlugin, { name: 'read-model', dependencies: ['db'] });
