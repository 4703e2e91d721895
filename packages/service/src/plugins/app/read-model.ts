import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { MeasureDefinition } from '@evg/effects';
import { dbSnapshotSource } from '../../read-model/db-snapshot-source.ts';
import { LocalModelHost, type ModelHost } from '../../read-model/model-host.ts';
import { ReadModelStore, WARM_UP_HEADER } from '../../read-model/read-model-store.ts';
import type { ServedModel } from '../../read-model/served-model.ts';
import { WorkerModelHost } from '../../read-model/worker-model-host.ts';
import type { SnapshotSource } from '../../read-model/snapshot.ts';
import type { ModelWorkerConnection } from '../../read-model/worker-protocol.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The in-memory read model; `readModel.current` is the model of the current data version. */
    readModel: ReadModelStore;
  }
  interface FastifyRequest {
    /**
     * The read model this request is answered from, fixed when it arrives: the current one, or
     * for the server's own warm-up of a new model (WARM_UP_HEADER) that model.
     */
    readModel: ServedModel;
    /** The request is the server's own warm-up, no caller's (not rate-limited, no key needed). */
    warmUp: boolean;
  }
}

export interface ReadModelPluginOptions {
  minCellSize: number;
  measures?: readonly MeasureDefinition[];
  /** Poll for new data versions this often; 0 = never (tests reload explicitly). */
  pollMs: number;
  source?: SnapshotSource;
  /**
   * Where the read-model worker thread reads (and its priority); absent (or a fixture `source`)
   * builds models on the event loop.
   */
  worker?: ModelWorkerConnection | undefined;
}

/** Loads the read model before the server accepts requests and keeps it current. */
async function readModelPlugin(app: FastifyInstance, options: ReadModelPluginOptions): Promise<void> {
  const source = options.source ?? dbSnapshotSource(app.readDb, app.db);
  const modelOptions = {
    minCellSize: options.minCellSize,
    ...(options.measures ? { measures: options.measures } : {}),
  };
  let store: ReadModelStore | undefined;
  // A fixture source exists only in this thread; the worker reads the database itself.
  const host: ModelHost =
    options.worker && !options.source
      ? new WorkerModelHost(options.worker, modelOptions, (error) => store?.markLost(error))
      : new LocalModelHost(source, modelOptions);
  try {
    store = await ReadModelStore.open(source, host, modelOptions, app.log);
  } catch (error) {
    await host.close();
    throw error;
  }
  app.decorate('readModel', store);
  // Fixed when the request arrives, so a swap mid-request cannot give it parts of two models.
  const answeredFrom = new WeakMap<FastifyRequest, ServedModel>();
  app.decorateRequest('readModel', {
    getter(this: FastifyRequest) {
      return answeredFrom.get(this) ?? store.current;
    },
  });
  app.decorateRequest('warmUp', false);
  app.addHook('onRequest', async (request) => {
    const warming = store.modelOfWarmUp(request.headers[WARM_UP_HEADER]);
    answeredFrom.set(request, warming ?? store.current);
    request.warmUp = warming !== undefined;
  });
  if (options.pollMs > 0) store.startPolling(options.pollMs);
  app.addHook('onClose', async () => store.close());
}

export default fp(readModelPlugin, { name: 'read-model', dependencies: ['db'] });
