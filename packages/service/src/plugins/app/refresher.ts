import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';

/**
 * Recomputes the stored effect tables from the records (refresh/refresh-effects.ts). It says
 * whether it published a new data version; a runner that says nothing counts as "it did".
 */
export type RefreshRunner = (db: Kysely<Database>) => Promise<{ changed: boolean } | void>;

export interface Refresher {
  /** Starts a refresh unless one is running; the read model is swapped when it completes. */
  trigger(): 'started' | 'already-running';
  /** Resolves when the running refresh (if any) has finished; for shutdown and tests. */
  idle(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    refresher: Refresher;
  }
}

/**
 * Runs effect refreshes in the background of this process, one at a time, and swaps the read
 * model as soon as one completes (other processes' refreshes are picked up by polling).
 */
async function refresherPlugin(app: FastifyInstance, options: { run: RefreshRunner }): Promise<void> {
  let running: Promise<void> | undefined;
  app.decorate('refresher', {
    trigger() {
      if (running) return 'already-running';
      running = options
        .run(app.db)
        // The same figures: nothing to build unless the import changed the catalogue (which
        // the read model's own check sees), so answers cached from the current model stay warm.
        .then(async (result) => {
          if (result?.changed === false) await app.readModel.reloadIfChanged();
          else await app.readModel.reload();
        })
        .catch((error: unknown) => app.log.error({ err: error }, 'effect refresh failed'))
        .finally(() => {
          running = undefined;
        });
      return 'started';
    },
    async idle() {
      await running;
    },
  } satisfies Refresher);
  // In-flight refreshes finish before the pool closes.
  app.addHook('onClose', async () => running);
}

export default fp(refresherPlugin, { name: 'refresher', dependencies: ['db', 'read-model'] });
